"""The `bulletin` command: validate, build safely, export the generated Markdown, write schemas."""

from __future__ import annotations

import argparse
import importlib
import logging
import shutil
import sys
from pathlib import Path

from bulletin.data.problems import InvalidData
from bulletin.mkdocs.project import open_project
from bulletin.outputs.print_edition import PrintUnavailable

# Modules that add their own subcommands: each defines register(subparsers).
COMMANDS: tuple[str, ...] = ("devtools.bench", "entry.new_issue", "entry.commands", "deploy.publish", "deploy.htpasswd")


def cmd_validate(args: argparse.Namespace) -> int:
    from bulletin.data.load import load

    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
    print(f"Đang kiểm tra dữ liệu trong {layout.content} ...", file=sys.stderr, flush=True)
    try:
        data = load(layout, settings)
    except InvalidData as e:
        print(e, file=sys.stderr)
        return 1
    meetings = sum(len(ms) for ms in data.meetings.values())
    print(
        f"Dữ liệu hợp lệ: {len(data.cells)} chi bộ, {meetings} cuộc sinh hoạt, "
        f"{len(data.outlines)} đề cương, {len(data.issues)} số bản tin."
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a fresh folder beside site/ and swap it in only when the build succeeded,
    so a failed build (bad data, a strict warning, an interruption) never leaves a half site."""
    from bulletin.mkdocs.building import BuildFailed, site_dir_of, staged_build

    final = Path(args.site_dir).resolve() if args.site_dir else site_dir_of(args.config_file)
    try:
        staged_build(args.config_file, final, strict=args.strict)
    except BuildFailed as e:
        print(f"\n{e}\nTrang cũ trong {final} được giữ nguyên.", file=sys.stderr)
        return 1
    print(f"Đã xây dựng trang vào {final}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from bulletin.outputs.site import build_files, write_folder

    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
    try:
        _, files = build_files(layout, settings)
    except (InvalidData, PrintUnavailable) as e:
        print(e, file=sys.stderr)
        return 1
    out = Path(args.out)
    if out.exists() and any(out.iterdir()) and not args.force:
        print(f"{out} is not empty; pass --force to write into it", file=sys.stderr)
        return 1
    count = write_folder(layout, files, out)
    print(f"Wrote {count} files to {out}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from bulletin.data.schema import write

    for path in write(Path(args.out)):
        print(path)
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    """Rewrite the fictional sample cells and meetings (a developer's tool)."""
    import datetime as dt

    from bulletin.data.load import load_outlines
    from bulletin.devtools.sample import write_sample

    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
    try:
        refs = {ref: o.year or 0 for ref, o in load_outlines(layout, settings).items()}
    except InvalidData as e:
        print(e, file=sys.stderr)
        return 1
    until = dt.date.fromisoformat(args.until) if args.until else settings.as_of
    for folder in ("cells", "meetings"):
        shutil.rmtree(layout.content / folder, ignore_errors=True)
    written = write_sample(layout.content, refs, until)
    print(f"Wrote {written.cells} cells and {written.meetings} meetings to {layout.content}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bulletin", description="Bản tin sinh hoạt nội bộ: build and check the site.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check every data file without building; exit 1 on any problem")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("build", help="build the site; on failure the previous site stays as it was")
    p.add_argument("--strict", action="store_true", help="fail on MkDocs warnings too")
    p.add_argument("-d", "--site-dir", help="where to build (default: site_dir of mkdocs.yml)")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("export", help="write the generated Markdown and hand-written pages to a folder")
    p.add_argument("out")
    p.add_argument("--force", action="store_true")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("schema", help="write the JSON Schema files of the data format")
    p.add_argument("--out", default="schemas")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("sample", help="rewrite the fictional sample cells and meetings in content/")
    p.add_argument("--until", help="last day with meetings, YYYY-MM-DD (default: the as-of date)")
    p.set_defaults(run=cmd_sample)

    for module in COMMANDS:
        importlib.import_module(f"bulletin.{module}").register(sub)

    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
