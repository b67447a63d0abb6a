"""`bulletin htpasswd FILE USER`: the web server's list of who may read the bulletin.

Written in Python so the office needs no Apache tools. Passwords are stored with
bcrypt (`$2b$`, cost COST), which Debian's nginx checks through the system's crypt(3)
(libxcrypt); tests/deploy logs in to a real nginx with one. Entries of the salted
SHA-1 format older versions wrote (`{SSHA}`) are still read, and replaced by bcrypt
the next time that reader's password is set.

nginx checks the password on every request (pages, styles, scripts), so the cost is
paid per request on the server: 10 (2^10 rounds) is OWASP's floor for bcrypt and
a few dozen milliseconds on a current core; `--cost` raises or lowers it.
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

import bcrypt

from bulletin.text.oserror import OS_ERRORS

COST = 10
MAX_BYTES = 72  # bcrypt reads no further: a longer password would be cut silently by other tools
NEW_MODE = 0o640  # readable by its owner and the web server's group only (chgrp www-data)


def hash_password(password: str, cost: int = COST) -> str:
    data = password.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ValueError(f"mật khẩu dài quá {MAX_BYTES} byte (chữ có dấu tính 2–3 byte mỗi chữ); hãy chọn mật khẩu ngắn hơn")
    return bcrypt.hashpw(data, bcrypt.gensalt(cost, prefix=b"2b")).decode("ascii")


def hash_ssha(password: str, salt: bytes | None = None) -> str:
    """The old format, salted SHA-1: only read now (and made here for the tests that read it)."""
    salt = salt if salt is not None else secrets.token_bytes(8)
    digest = hashlib.sha1(password.encode("utf-8") + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode("ascii")


def verify(password: str, stored: str) -> bool:
    """Whether `password` matches an entry, bcrypt ($2a$/$2b$/$2y$) or the older {SSHA}."""
    if stored.startswith(("$2a$", "$2b$", "$2y$")):
        data = password.encode("utf-8")
        try:
            return len(data) <= MAX_BYTES and bcrypt.checkpw(data, stored.encode("ascii"))
        except ValueError:  # a damaged entry
            return False
    if stored.startswith("{SSHA}"):
        try:
            raw = base64.b64decode(stored[len("{SSHA}") :], validate=True)
        except ValueError:
            return False
        return secrets.compare_digest(hash_ssha(password, raw[20:]), stored)
    return False


def set_user(file: Path, user: str, password: str | None, cost: int = COST) -> None:
    """Add or change a user (password None: remove them); the file is replaced whole, never half-written.

    The user's old entry, whatever its format, is replaced; other entries are kept as they are."""
    if not user or ":" in user or any(c.isspace() for c in user):
        raise ValueError("tên đăng nhập không được trống, không có dấu ':' hay khoảng trắng")
    if password is not None and not password:
        raise ValueError("mật khẩu không được để trống")
    lines = file.read_text(encoding="utf-8").splitlines() if file.exists() else []
    kept = [line for line in lines if line.split(":", 1)[0] != user]
    if password is not None:
        kept.append(f"{user}:{hash_password(password, cost)}")
    st = file.stat() if file.exists() else None
    mode = stat.S_IMODE(st.st_mode) if st else NEW_MODE  # keep the mode (and group) given once, or nginx loses the file
    tmp = file.with_name(f".{file.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    # Created with its final mode (O_EXCL: never an existing file or a planted symlink), and fchmod-ed
    # before a byte is written, since the umask may have taken bits off the mode given to open.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode & 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            os.fchmod(fh.fileno(), mode)
            if st is not None:
                with contextlib.suppress(PermissionError):
                    os.fchown(fh.fileno(), st.st_uid, st.st_gid)
            fh.write("".join(f"{line}\n" for line in kept))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, file)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _read_password() -> str:
    if not sys.stdin.isatty():  # scripts: the password on standard input
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise ValueError("hai lần nhập mật khẩu không khớp")
    return first


def cmd_htpasswd(args: argparse.Namespace) -> int:
    try:
        set_user(Path(args.file), args.user, None if args.delete else _read_password(), cost=args.cost)
    except ValueError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(
            f"Lỗi: không ghi được {args.file} ({OS_ERRORS.get(e.errno or 0, e.strerror)}); cần quyền ghi vào thư mục của tệp",
            file=sys.stderr,
        )
        return 1
    print(f"Đã {'xóa' if args.delete else 'lưu'} người dùng '{args.user}' trong {args.file}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("htpasswd", help="thêm, đổi mật khẩu hoặc xóa người đọc trong tệp mật khẩu của máy chủ web")
    p.add_argument("file", metavar="TỆP", help="tệp mật khẩu nginx đọc (auth_basic_user_file)")
    p.add_argument("user", metavar="NGƯỜI_DÙNG", help="tên đăng nhập của người đọc")
    p.add_argument("--delete", action="store_true", help="xóa người dùng này")
    p.add_argument(
        "--cost", type=int, default=COST, choices=range(4, 16), metavar="4..15", help="độ khó bcrypt (mặc định: %(default)s)"
    )
    p.set_defaults(run=cmd_htpasswd)
