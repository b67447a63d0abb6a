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

from bulletin.deploy import htpasswd
from bulletin.deploy.htpasswd import hash_password, hash_ssha, set_user, verify

BIN = Path(sys.executable).parent


def test_passwords_are_bcrypt_with_cost_10_and_a_fresh_salt() -> None:
    stored = hash_password("mật khẩu")
    assert stored.startswith("$2b$10$") and len(stored) == 60
    assert hash_password("x", cost=4) != hash_password("x", cost=4)  # a fresh salt each time
    assert verify("mật khẩu", stored) and not verify("mat khau", stored) and not verify("", stored)
    assert verify("mật khẩu", stored.replace("$2b$", "$2y$", 1))  # Apache's htpasswd -B spelling


def test_old_ssha_entries_are_still_read_and_damaged_entries_never_match() -> None:
    stored = hash_ssha("mật khẩu", salt=b"12345678")
    raw = base64.b64decode(stored.removeprefix("{SSHA}"))
    assert raw == hashlib.sha1("mật khẩu".encode() + b"12345678").digest() + b"12345678"
    assert verify("mật khẩu", stored) and not verify("mat khau", stored)
    for damaged in ("{SSHA}***", "$2b$10$short", "", "plain", "$1$abc$def"):
        assert not verify("mật khẩu", damaged)


def test_setting_a_password_rewrites_an_old_entry_as_bcrypt_and_keeps_the_others(tmp_path: Path) -> None:
    file = tmp_path / "htpasswd"
    old_a, old_b = hash_ssha("một"), hash_ssha("hai")
    file.write_text(f"a:{old_a}\nb:{old_b}\n")
    set_user(file, "a", "ba", cost=4)
    lines = dict(line.split(":", 1) for line in file.read_text().splitlines())
    assert lines["b"] == old_b  # untouched until its own password is set
    assert lines["a"].startswith("$2b$04$") and verify("ba", lines["a"])


def test_a_password_longer_than_bcrypt_reads_is_refused_not_cut(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="dài quá 72 byte"):
        set_user(tmp_path / "htpasswd", "a", "mật khẩu rất dài " * 5)
    assert not (tmp_path / "htpasswd").exists()


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
@pytest.mark.parametrize("existing", [None, 0o640, 0o600])
def test_the_temporary_file_is_never_readable_by_others_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int, existing: int | None
) -> None:
    file = tmp_path / "htpasswd"
    if existing is not None:
        set_user(file, "x", "y", cost=4)
        file.chmod(existing)
    modes: list[int] = []
    real_replace = os.replace

    def spy(src: str | Path, dst: str | Path) -> None:
        modes.append(stat.S_IMODE(os.stat(src).st_mode))  # the temp file, complete, just before it goes live
        real_replace(src, dst)

    monkeypatch.setattr(htpasswd.os, "replace", spy)
    real_open = os.open
    opened: list[int] = []

    def open_spy(path: str | Path, flags: int, mode: int = 0o777, **kw: object) -> int:
        fd = real_open(path, flags, mode, **kw)  # type: ignore[arg-type]
        opened.append(stat.S_IMODE(os.fstat(fd).st_mode))  # as created, before any chmod
        return fd

    monkeypatch.setattr(htpasswd.os, "open", open_spy)
    old = os.umask(umask)
    try:
        set_user(file, "van-phong", "một", cost=4)
    finally:
        os.umask(old)
    final = existing if existing is not None else 0o640
    assert opened and all(m & 0o077 == 0 for m in opened)  # never group- or world-readable at birth
    assert modes == [final] and stat.S_IMODE(file.stat().st_mode) == final


def test_an_unwritable_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(BIN / "bulletin"), "htpasswd", str(tmp_path / "missing/htpasswd"), "a"], input="x\n",
                            env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 1 and "không ghi được" in result.stderr and "Traceback" not in result.stderr


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
