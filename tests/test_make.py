"""The Makefile as people meet it: `make` lists what it can do, a machine without root or sudo is
told what to install, a venv with an unusable Python is replaced, and the print edition's Debian
packages are installed only when the print edition is on."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from crafted import ROOT

MAKE = ["make", "--no-print-directory"]


def make(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MAKE, *args], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120)


def test_make_alone_lists_every_described_target() -> None:
    described = re.findall(r"^([a-z][a-z-]*):.*## (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert {"site", "test", "serve", "print-deps", "help"} <= {name for name, _ in described}
    for output in (make().stdout, make("help").stdout):
        for name, text in described:
            assert re.search(rf"^  {re.escape(name)} +{re.escape(text)}$", output, re.M), name


def fake_bin(folder: Path, **scripts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in scripts.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n")
        (folder / name).chmod(0o755)
    return folder


def test_without_root_or_sudo_the_packages_to_install_are_named(tmp_path: Path) -> None:
    bin_ = fake_bin(tmp_path / "bin", id="echo 1000")  # not root
    path = f"{bin_}:/usr/bin:/bin"
    assert shutil.which("sudo", path=path) is None
    result = subprocess.run(
        [str(ROOT / "scripts/make/apt-install"), "bản in PDF", "libpango-1.0-0", "poppler-utils"],
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Thiếu gói Debian cho bản in PDF: libpango-1.0-0 poppler-utils" in result.stderr
    assert "apt-get install -y libpango-1.0-0 poppler-utils" in result.stderr
    assert "not found" not in result.stderr


def test_a_python_older_than_3_11_is_not_used_for_the_venv(tmp_path: Path) -> None:
    bin_ = fake_bin(tmp_path / "bin", python3="exit 1", python="exit 1")  # says it is too old
    for tool in ("sort", "tr"):  # and no other Python on the PATH
        (bin_ / tool).symlink_to(shutil.which(tool) or tool)
    result = subprocess.run(
        ["/bin/sh", str(ROOT / "scripts/make/python-for-venv"), "python3"],
        env={**os.environ, "PATH": str(bin_)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Cần Python 3.11 trở lên" in result.stderr and "make PYTHON=" in result.stderr


def test_a_venv_with_a_broken_or_old_python_is_replaced(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path)
    for name in ("pyproject.toml", "requirements.lock"):
        (tmp_path / name).touch()
    fake_bin(tmp_path / ".venv/bin", python="echo False", bulletin="")
    (tmp_path / ".venv/bin/bulletin").touch()  # newer than pyproject: only the Python check can redo it
    plan = make("-n", ".venv/bin/bulletin", cwd=tmp_path).stdout
    assert "rm -rf .venv" in plan and "-m venv .venv" in plan
    fake_bin(tmp_path / ".venv/bin", python="echo True")
    assert "is up to date" in make("-n", ".venv/bin/bulletin", cwd=tmp_path).stdout


def test_make_site_installs_the_print_packages_only_when_the_print_edition_is_on() -> None:
    assert "apt-install" not in make("-n", "site", env={"BULLETIN_PRINT_EDITION": "false"}).stdout
    assert "apt-install" in make("-n", "site", env={"BULLETIN_PRINT_EDITION": "true"}).stdout
