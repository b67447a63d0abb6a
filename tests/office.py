"""Headless LibreOffice for the tests that open what we generate (.docx, .xlsx) as an office would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def convert(source: Path, target: str, out: Path, profile: Path) -> Path:
    """`soffice --convert-to target`; the converted file's path. Its own profile folder, so tests
    never share (or lock) a user installation."""
    soffice = shutil.which("soffice") or pytest.fail("LibreOffice is missing: `make test-browser` or `make office` installs it")
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target, "--outdir", str(out),
         str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    converted = out / f"{source.stem}.{target.split(':')[0]}"
    assert converted.is_file(), result.stderr
    return converted
