"""An impossible date in mkdocs.yml (2025-13-01, 2025-02-30) is a Vietnamese error with its line.

PyYAML reads `2025-13-01` as a timestamp and lets datetime's ValueError escape as a traceback
from deep inside MkDocs' config loading. The loader MkDocs builds its own from (`yaml.Loader`) gets a
timestamp constructor that turns that into a YAML error with the line, which MkDocs reports as a
configuration error. Installed when this package is imported (every `bulletin` command does,
before it reads mkdocs.yml); `!ENV [BULLETIN_AS_OF, ...]` values pass through it too.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError

_TAG = "tag:yaml.org,2002:timestamp"
_standard = yaml.Loader.yaml_constructors[_TAG]


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return _standard(loader, node)
    except ValueError:
        raise ConstructorError(
            None,
            None,
            f"'{node.value}' không phải một ngày có thật (ghi theo dạng YYYY-MM-DD, ví dụ 2025-10-28)"
            + ("" if node.start_mark else " — giá trị lấy từ biến môi trường (!ENV), ví dụ BULLETIN_AS_OF"),
            node.start_mark,
        ) from None


def install() -> None:
    if yaml.Loader.yaml_constructors.get(_TAG) is not _timestamp:
        yaml.Loader.add_constructor(_TAG, _timestamp)
