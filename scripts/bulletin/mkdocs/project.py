"""A project on disk: mkdocs.yml read with MkDocs' own machinery, turned into the core's plain data.

Every command that needs the organisation's settings starts here, so only this package reads MkDocs.
A project that cannot be opened (no mkdocs.yml here, a YAML slip, a wrong option, a missing
content folder) is a ProjectError with a Vietnamese message, never a traceback."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from bulletin.data.custody import Guarded
from bulletin.data.load import Layout
from bulletin.data.settings import Settings
from bulletin.mkdocs import messages

log = logging.getLogger("bulletin")


class ProjectError(Exception):
    """The project cannot be opened; the message says why and what to do, in Vietnamese."""


@dataclass(frozen=True)
class Project:
    config: MkDocsConfig
    layout: Layout
    settings: Settings

    @property
    def base_path(self) -> str:
        """Where the site lives on its server (the path of site_url), for absolute links and the sitemap."""
        url = self.config.site_url
        return (urlsplit(url).path or "/") if url else "/"

    @property
    def guarded(self) -> Guarded:
        """What no output folder may be, contain or lie inside: the data, the docs and the project."""
        return guarded_of(self.config, self.layout)


def guarded_of(config: MkDocsConfig, layout: Layout) -> Guarded:
    return Guarded.of(layout.root, layout.content, layout.topics, Path(config.docs_dir), layout.root / ".cache")


def project_root(config_file: str) -> Path:
    """The folder of mkdocs.yml, where the data lock lives (found without reading the config)."""
    return Path(config_file).resolve().parent


def load_mkdocs_config(config_file: str, quiet: bool = False, **overrides: Any) -> MkDocsConfig:
    """MkDocs' load_config, with its problems told once, in Vietnamese: errors as a ProjectError,
    warnings logged (unless `quiet`: the file was read before)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    path = Path(config_file)
    if not path.is_file():
        raise ProjectError(
            f"không thấy tệp cấu hình {config_file} trong thư mục {Path.cwd()}.\n"
            "Hãy chạy lệnh trong thư mục của bản tin (thư mục có tệp mkdocs.yml), "
            "hoặc chỉ rõ tệp: bulletin -f đường/dẫn/mkdocs.yml <lệnh>"
        )
    with messages.collected("mkdocs.config") as records:
        try:
            config = load_config(config_file, **overrides)
        except (MkDocsException, SystemExit) as e:  # MkDocs' Abort is a SystemExit too
            problems = [messages.config_message(r.getMessage()) for r in records]
            yaml_error = messages.yaml_problem(e.__context__)
            if yaml_error:
                problems = [yaml_error]
            elif not problems:
                problems = [messages.config_message(str(e))]
            raise ProjectError(_listed(config_file, problems)) from None
        except (OSError, ValueError) as e:  # unreadable, not UTF-8, a date like 2026-13-01
            raise ProjectError(f"{config_file}: không đọc được tệp cấu hình: {messages.config_message(str(e))}") from None
    for record in [] if quiet else records:  # warnings that did not stop MkDocs
        log.warning("%s: %s", config_file, messages.config_message(record.getMessage()))
    return config


def _listed(config_file: str, problems: list[str]) -> str:
    if len(problems) == 1:
        return f"{config_file}: {problems[0]}"
    return f"{config_file} có {len(problems)} lỗi cấu hình:\n" + "\n".join(f"  {p}" for p in problems)


def open_project(config_file: str) -> Project:
    from bulletin.mkdocs.config import layout_of, settings_of

    cfg = load_mkdocs_config(config_file)
    plugin = cfg.plugins.get("bulletin")
    if plugin is None:
        raise ProjectError(f"{config_file}: chưa khai báo plugin 'bulletin' trong mục plugins")
    return Project(cfg, layout_of(plugin.config, cfg), settings_of(plugin.config, cfg))
