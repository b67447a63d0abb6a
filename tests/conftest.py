"""Fixtures shared by the tests; the helpers themselves live in crafted.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from crafted import Org

# Property tests: no example database in the work tree; in CI (CI=true) the same examples every
# run, so a red build is reproducible. BULLETIN_FUZZ_EXAMPLES=2000 hunts longer by hand.
settings.register_profile("dev", database=None)
settings.register_profile("ci", database=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def org(tmp_path: Path) -> Org:
    return Org(tmp_path)
