"""`bulletin publish TARGET` and `bulletin rollback TARGET`: atomic releases for a web server.

The web server's root is TARGET, a symlink to one complete release; see releases.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bulletin.deploy.releases import PublishError, Releases, publish, rollback
from bulletin.mkdocs.building import BuildFailed, build_into
from bulletin.mkdocs.project import open_project
from bulletin.text.argparse_vi import number


def cmd_publish(args: argparse.Namespace) -> int:
    def build(out: Path) -> None:
        build_into(args.config_file, out, strict=True)

    project = open_project(args.config_file)
    try:
        name = publish(args.target, build, keep=args.keep, base_path=project.base_path, guarded=project.guarded)
    except (BuildFailed, PublishError) as e:
        print(f"\n{e}\nTrang đang phục vụ ({args.target}) được giữ nguyên.", file=sys.stderr)
        return 1
    releases = Releases.of(args.target)
    print(f"Đã xuất bản bản {name} vào {releases.target} (đang giữ: {', '.join(releases.names())})")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    releases = Releases.of(args.target)
    if args.list:
        current = releases.current()
        for name in releases.names():
            print(f"{name}{'  (đang phục vụ)' if name == current else ''}")
        return 0
    try:
        name = rollback(args.target, args.to)
    except PublishError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"{releases.target} đang phục vụ lại bản {name}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "publish", help="xây dựng bản mới cạnh ĐÍCH, kiểm tra mọi liên kết, rồi chuyển ĐÍCH sang bản mới trong một bước"
    )
    p.add_argument("target", metavar="ĐÍCH", help="thư mục máy chủ web phục vụ (trở thành liên kết tới bản đang dùng)")
    p.add_argument("--keep", type=number, default=3, metavar="SỐ", help="số bản cũ giữ lại để quay về (mặc định: %(default)s)")
    p.set_defaults(run=cmd_publish)

    p = sub.add_parser("rollback", help="cho ĐÍCH phục vụ lại bản trước")
    p.add_argument("target", metavar="ĐÍCH", help="thư mục máy chủ web phục vụ")
    p.add_argument("--to", metavar="TÊN_BẢN", help="quay về bản có tên này (xem --list) thay vì bản liền trước")
    p.add_argument("--list", action="store_true", help="liệt kê các bản đang giữ và bản đang phục vụ")
    p.set_defaults(run=cmd_rollback)
