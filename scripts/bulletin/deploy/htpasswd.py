"""`bulletin htpasswd FILE USER`: the web server's list of who may read the bulletin.

Written in Python so the office needs no Apache tools. Passwords are stored as
salted SHA-1 (`{SSHA}`), a format nginx's auth_basic_user_file reads natively.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import getpass
import hashlib
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import Any


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(8)
    digest = hashlib.sha1(password.encode("utf-8") + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode("ascii")


def verify(password: str, stored: str) -> bool:
    if not stored.startswith("{SSHA}"):
        return False
    raw = base64.b64decode(stored[len("{SSHA}") :])
    return secrets.compare_digest(hash_password(password, raw[20:]), stored)


def set_user(file: Path, user: str, password: str | None) -> None:
    """Add or change a user (password None: remove them); the file is replaced whole, never half-written."""
    if not user or ":" in user or any(c.isspace() for c in user):
        raise ValueError("tên đăng nhập không được trống, không có dấu ':' hay khoảng trắng")
    if password is not None and not password:
        raise ValueError("mật khẩu không được để trống")
    lines = file.read_text(encoding="utf-8").splitlines() if file.exists() else []
    kept = [line for line in lines if line.split(":", 1)[0] != user]
    if password is not None:
        kept.append(f"{user}:{hash_password(password)}")
    tmp = file.with_name(f".{file.name}.tmp-{os.getpid()}")
    tmp.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
    tmp.chmod(0o640)  # readable by its owner and the web server's group only (chgrp www-data)
    if file.exists():  # keep the group (and mode) given once with chgrp, or nginx loses the file
        st = file.stat()
        tmp.chmod(stat.S_IMODE(st.st_mode))
        with contextlib.suppress(PermissionError):
            os.chown(tmp, st.st_uid, st.st_gid)
    os.replace(tmp, file)


def _read_password() -> str:
    if not sys.stdin.isatty():  # scripts: the password on standard input
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise ValueError("hai lần nhập mật khẩu không khớp")
    return first


def cmd_htpasswd(args: argparse.Namespace) -> int:
    try:
        set_user(Path(args.file), args.user, None if args.delete else _read_password())
    except ValueError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    print(f"Đã {'xóa' if args.delete else 'lưu'} người dùng '{args.user}' trong {args.file}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("htpasswd", help="thêm, đổi mật khẩu hoặc xóa người đọc trong tệp mật khẩu của máy chủ web")
    p.add_argument("file", metavar="TỆP", help="tệp mật khẩu nginx đọc (auth_basic_user_file)")
    p.add_argument("user", metavar="NGƯỜI_DÙNG", help="tên đăng nhập của người đọc")
    p.add_argument("--delete", action="store_true", help="xóa người dùng này")
    p.set_defaults(run=cmd_htpasswd)
