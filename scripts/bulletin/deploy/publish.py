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
    p = sub.add_parser("publish", help="build a new release beside TARGET, check every link, then switch TARGET to it atomically")
    p.add_argument("target", help="the folder the web server serves (becomes a symlink to the current release)")
    p.add_argument("--keep", type=int, default=3, help="previous releases kept for rollback (default: %(default)s)")
    p.set_defaults(run=cmd_publish)

    p = sub.add_parser("rollback", help="make TARGET serve the previous release again")
    p.add_argument("target")
    p.add_argument("--to", help="a release name from --list instead of the previous one")
    p.add_argument("--list", action="store_true", help="list the releases kept and which one is served")
    p.set_defaults(run=cmd_rollback)
