"""Errors of the file system said in Vietnamese, for every command that reads or writes a file."""

from __future__ import annotations

import errno

OS_ERRORS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không có quyền",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOSPC: "đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EEXIST: "đã có tệp hoặc thư mục này",
}


def os_error(e: OSError) -> str:
    """An error of the file system, in Vietnamese, naming the file."""
    what = OS_ERRORS.get(e.errno or 0, e.strerror or str(e))
    return f"{e.filename}: {what}" if e.filename else what
