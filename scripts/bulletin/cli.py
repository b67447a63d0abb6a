"""The `bulletin` command: validate, build safely, export the generated Markdown, write schemas."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

from bulletin.data.custody import EXPORT_MARK, UnsafeOutput, check_output, is_our_export, mark
from bulletin.data.lock import DataBusy, reading, writing
from bulletin.data.problems import InvalidData
from bulletin.mkdocs.project import open_project
from bulletin.outputs.print_edition import PrintUnavailable

# Modules that add their own subcommands: each defines register(subparsers).
COMMANDS: tuple[str, ...] = ("devtools.bench", "entry.new_issue", "entry.commands", "deploy.publish", "deploy.htpasswd")


def cmd_validate(args: argparse.Namespace) -> int:
    from bulletin.data.load import load

    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
    try:
        with reading(layout.root):  # every file of an import as before it, or every file as after
            data = load(layout, settings)
    except (InvalidData, DataBusy) as e:
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
    from bulletin.data.custody import UnsafeOutput
    from bulletin.data.lock import DataBusy
    from bulletin.mkdocs.building import BuildFailed, site_dir_of, staged_build

    final = Path(args.site_dir) if args.site_dir else site_dir_of(args.config_file)
    try:
        staged_build(args.config_file, final, strict=args.strict)
    except UnsafeOutput as e:
        print(f"{e}\nKhông xây dựng; không thư mục nào bị thay đổi.", file=sys.stderr)
        return 1
    except (BuildFailed, DataBusy) as e:
        print(f"\n{e}\nTrang cũ trong {final} được giữ nguyên.", file=sys.stderr)
        return 1
    print(f"Đã xây dựng trang vào {final}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from bulletin.outputs.site import build_files, write_folder

    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
    try:
        with reading(layout.root):
            _, files = build_files(layout, settings)
    except (InvalidData, PrintUnavailable, DataBusy) as e:
        print(e, file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        # --force writes over an export of ours only; never into the data, the project or a stranger's folder.
        check_output(out, project.guarded, recognised=("export",) if args.force else ())
    except UnsafeOutput as e:
        hint = "" if args.force or not (out.is_dir() and is_our_export(out)) else "\nThêm --force để ghi đè bản xuất trước."
        print(f"{e}{hint}", file=sys.stderr)
        return 1
    count = write_folder(layout, files, out)
    mark(out, EXPORT_MARK)
    print(f"Đã ghi {count} tệp vào {out}")
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
    from bulletin.devtools.sample import NotOurs, clear_sample, write_sample

    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
    try:
        until = dt.date.fromisoformat(args.until) if args.until else settings.as_of
    except ValueError:
        print(f"ngày '{args.until}' không hợp lệ: ghi dạng YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        with writing(layout.root):
            refs = {ref: o.year or 0 for ref, o in load_outlines(layout, settings).items()}
            clear_sample(layout.content, force=args.force)  # refuses, touching nothing, unless every file is ours
            written = write_sample(layout.content, refs, until)
    except (InvalidData, DataBusy, NotOurs) as e:
        print(e, file=sys.stderr)
        return 1
    print(f"Đã ghi {written.cells} chi bộ và {written.meetings} cuộc sinh hoạt mẫu vào {layout.content}")
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
    p.add_argument("--force", action="store_true", help="replace an earlier sample (only files this command wrote, unchanged)")
    p.set_defaults(run=cmd_sample)

    for module in COMMANDS:
        importlib.import_module(f"bulletin.{module}").register(sub)

    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
