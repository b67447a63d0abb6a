"""Fixtures shared by the tests; the helpers themselves live in crafted.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from bulletin.data import recordcache
from crafted import Org

# Property tests: no example database in the work tree; in CI (CI=true) the same examples every
# run, so a red build is reproducible. BULLETIN_FUZZ_EXAMPLES=2000 hunts longer by hand.
settings.register_profile("dev", database=None)
settings.register_profile("ci", database=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def org(tmp_path: Path) -> Org:
    return Org(tmp_path)


@pytest.fixture(autouse=True)
def _record_cache_not_serving() -> Iterator[None]:
    """The plugin's on_startup("serve") puts the record cache in its serving mode for the whole
    process (deferred writes, unread files); a test that serves must not leave it so for the next."""
    yield
    recordcache.defer = False
    recordcache._PENDING.clear()
    recordcache._SEEN.clear()
