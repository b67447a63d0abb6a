"""Fixtures for the deploy tests (marker `deploy`, `make test-deploy`): a real nginx over real releases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from webserver import Deployment, deploy


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # This hook sees the whole session: mark only the tests of this folder.
    for item in items:
        if Path(str(item.path)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.deploy)


@pytest.fixture(scope="module")
def site() -> Iterator[Deployment]:
    with deploy() as deployment:
        yield deployment
