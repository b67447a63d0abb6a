"""Fixtures shared by the tests; the helpers themselves live in crafted.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from crafted import Org


@pytest.fixture
def org(tmp_path: Path) -> Org:
    return Org(tmp_path)
