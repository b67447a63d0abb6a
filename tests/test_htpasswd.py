"""`bulletin htpasswd`: the readers' password file, as nginx reads it (tests/deploy logs in with it)."""

from __future__ import annotations

import base64
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.deploy.htpasswd import hash_password, set_user, verify

BIN = Path(sys.executable).parent


def test_passwords_are_salted_sha1_in_nginx_format() -> None:
    stored = hash_password("mật khẩu", salt=b"12345678")
    raw = base64.b64decode(stored.removeprefix("{SSHA}"))
    assert stored.startswith("{SSHA}") and raw == hashlib.sha1("mật khẩu".encode() + b"12345678").digest() + b"12345678"
    assert hash_password("x") != hash_password("x")  # a fresh salt each time
    assert verify("mật khẩu", stored) and not verify("mat khau", stored)


def test_users_are_added_changed_and_removed_and_the_file_keeps_its_mode(tmp_path: Path) -> None:
    file = tmp_path / "htpasswd"
    set_user(file, "van-phong", "một")
    set_user(file, "bi-thu", "hai")
    assert stat.S_IMODE(file.stat().st_mode) == 0o640
    file.chmod(0o644)
    set_user(file, "van-phong", "ba")
    lines = dict(line.split(":", 1) for line in file.read_text().splitlines())
    assert sorted(lines) == ["bi-thu", "van-phong"] and verify("ba", lines["van-phong"]) and verify("hai", lines["bi-thu"])
    assert stat.S_IMODE(file.stat().st_mode) == 0o644  # kept across the rewrite
    set_user(file, "bi-thu", None)
    assert [line.split(":")[0] for line in file.read_text().splitlines()] == ["van-phong"]
    assert [p.name for p in tmp_path.iterdir()] == ["htpasswd"]  # no temporary file left


@pytest.mark.parametrize(("user", "password"), [("", "x"), ("a:b", "x"), ("a b", "x"), ("ok", "")])
def test_bad_names_and_empty_passwords_are_refused(tmp_path: Path, user: str, password: str) -> None:
    with pytest.raises(ValueError):
        set_user(tmp_path / "htpasswd", user, password)


def test_the_command_reads_the_password_from_standard_input(tmp_path: Path) -> None:
    file = tmp_path / "htpasswd"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(BIN / "bulletin"), "htpasswd", str(file), "van-phong"], input="mật khẩu\n", env=env,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert verify("mật khẩu", file.read_text().split(":", 1)[1].strip())
