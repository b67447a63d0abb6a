"""The `bulletin` command: validate, build safely, export the generated Markdown, write schemas.

Its users are office staff: help, messages and errors are Vietnamese, each said once, and a user's
mistake (no project here, a bad mkdocs.yml, Ctrl-C) never shows a traceback."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path
from typing import ClassVar

from bulletin.data.custody import EXPORT_MARK, UnsafeOutput, check_output, is_our_export, mark
from bulletin.data.lock import DataBusy, reading, writing
from bulletin.data.problems import InvalidData
from bulletin.mkdocs.project import ProjectError, open_project
from bulletin.mkdocs.stopping import Stopped
from bulletin.outputs.print_edition import PrintUnavailable
from bulletin.text import argparse_vi
from bulletin.text.oserror import os_error

# Modules that add their own subcommands: each defines register(subparsers).
COMMANDS: tuple[str, ...] = ("devtools.bench", "entry.new_issue", "entry.commands", "deploy.publish", "deploy.htpasswd")


def cmd_validate(args: argparse.Namespace) -> int:
    from bulletin.data.load import load

    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
    print(f"Đang kiểm tra dữ liệu trong {layout.content} ...", file=sys.stderr, flush=True)
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
    from bulletin.mkdocs.building import BuildFailed, staged_build

    project = open_project(args.config_file)  # a bulletin project, its problems told once
    # Not resolved here: the guard resolves symlinks itself and names both the path given and where it leads.
    final = Path(args.site_dir) if args.site_dir else Path(project.config.site_dir)
    try:
        # None leaves mkdocs.yml's own `strict:` in force; --strict can only make a build stricter.
        staged_build(args.config_file, final, strict=True if args.strict else None, guarded=project.guarded)
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
    if not args.force and out.is_dir() and is_our_export(out):
        print(f"Thư mục {out} đã có tệp của một bản xuất trước; thêm --force nếu muốn ghi đè.", file=sys.stderr)
        return 1
    try:
        # --force writes over an export of ours only; never into the data, the project or a stranger's folder.
        check_output(out, project.guarded, recognised=("export",) if args.force else ())
    except UnsafeOutput as e:
        print(e, file=sys.stderr)
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


def cmd_report(args: argparse.Namespace) -> int:
    """The quarterly report (báo cáo) as .docx and PDF, from the figures the overview shows."""
    import datetime as dt
    import re

    from bulletin.data.load import load
    from bulletin.outputs.report import report_files
    from bulletin.outputs.report_out import ReportExists, write_report
    from bulletin.pages.context import Context
    from bulletin.rules.quarterly import quarter_end

    match = re.fullmatch(r"(\d{4})-[Qq]([1-4])", args.quarter.strip())
    if not match:
        print(f"Quý phải viết dạng YYYY-Qn, ví dụ 2026-Q3 (đang là '{args.quarter}')", file=sys.stderr)
        return 2
    year, quarter = int(match[1]), int(match[2])
    project = open_project(args.config_file)
    try:
        data = load(project.layout, project.settings)
    except InvalidData as e:
        print(e, file=sys.stderr)
        return 1
    as_of = project.settings.as_of
    if dt.date(year, 3 * quarter - 2, 1) > as_of:
        print(
            f"Quý {quarter}/{year} chưa bắt đầu (ngày tính số liệu {as_of:%d/%m/%Y}): chưa có gì để báo cáo.",
            file=sys.stderr,
        )
        return 1
    ctx = Context(data, project.settings)
    if not ctx.quarter(year, quarter).months_due:
        print(
            f"Quý {quarter}/{year} không có chi bộ nào phải sinh hoạt (chưa có chi bộ nào trong dữ liệu vào quý này): "
            "không viết báo cáo.",
            file=sys.stderr,
        )
        return 1
    if quarter_end(year, quarter) > as_of:
        print(
            f"Quý {quarter}/{year} chưa kết thúc (ngày tính số liệu {project.settings.as_of:%d/%m/%Y}); "
            "báo cáo có số liệu tạm tính.",
            file=sys.stderr,
        )
    try:
        files = report_files(ctx, year, quarter, pdf=not args.no_pdf)
    except PrintUnavailable as e:
        print(e, file=sys.stderr)
        return 1
    try:
        lines = write_report(Path(args.out), {Path(rel).name: content for rel, content in files.items()}, force=args.force)
    except ReportExists as e:
        print(e, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def cmd_print_edition(args: argparse.Namespace) -> int:
    """For `make site`: exit 0 when the print edition is on (its Debian packages are needed)."""
    on = open_project(args.config_file).settings.print_edition
    if not args.quiet:
        print("Bản in PDF: bật" if on else "Bản in PDF: tắt")
    return 0 if on else 1


def parser() -> argparse.ArgumentParser:
    """The command line; build it inside argparse_vi.vietnamese() so argparse's own words are Vietnamese."""
    top = argparse.ArgumentParser(
        prog="bulletin",
        description="Bản tin sinh hoạt nội bộ: kiểm tra dữ liệu, xây dựng và xuất bản trang.",
        epilog="Xem hướng dẫn của từng lệnh: bulletin <lệnh> --help",
    )
    top.add_argument(
        "-f", "--config-file", default="mkdocs.yml", metavar="TỆP", help="tệp cấu hình của trang (mặc định: %(default)s)"
    )
    top.add_argument("-v", "--verbose", action="store_true", help="in cả thông tin chi tiết của MkDocs khi xây dựng")
    sub = top.add_subparsers(dest="command", required=True, metavar="<lệnh>", title="các lệnh", help="một trong các lệnh sau:")

    p = sub.add_parser("validate", help="kiểm tra mọi tệp dữ liệu, không xây dựng trang; lỗi thì trả mã 1")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("build", help="xây dựng trang; nếu lỗi, trang cũ được giữ nguyên")
    p.add_argument("--strict", action="store_true", help="dừng cả khi MkDocs có cảnh báo")
    p.add_argument("-d", "--site-dir", metavar="THƯ_MỤC", help="nơi xây dựng (mặc định: site_dir trong mkdocs.yml)")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("export", help="ghi các trang Markdown được tạo và trang viết tay vào một thư mục")
    p.add_argument("out", metavar="THƯ_MỤC", help="thư mục đích (dùng được với MkDocs hoặc công cụ khác)")
    p.add_argument("--force", action="store_true", help="ghi đè một bản xuất trước đó (chỉ thư mục do lệnh này tạo ra)")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("schema", help="ghi các tệp JSON Schema của định dạng dữ liệu")
    p.add_argument("--out", default="schemas", metavar="THƯ_MỤC", help="thư mục đích (mặc định: %(default)s)")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("sample", help="ghi dữ liệu mẫu (hư cấu) của các chi bộ vào content/cells và content/meetings còn trống")
    p.add_argument(
        "--until", type=argparse_vi.day, metavar="YYYY-MM-DD", help="ngày cuối có cuộc sinh hoạt (mặc định: ngày tính số liệu)"
    )
    p.add_argument("--force", action="store_true", help="thay bộ dữ liệu mẫu cũ (chỉ các tệp lệnh này đã ghi và chưa ai sửa)")
    p.set_defaults(run=cmd_sample)

    p = sub.add_parser("report", help="viết báo cáo tình hình sinh hoạt chi bộ quý YYYY-Qn (.docx và PDF)")
    p.add_argument("quarter", metavar="YYYY-Qn", help="ví dụ 2026-Q3")
    p.add_argument("--out", default=".", metavar="THƯ_MỤC", help="thư mục ghi tệp (mặc định: thư mục hiện tại)")
    p.add_argument("--no-pdf", action="store_true", help="chỉ tạo tệp .docx (không cần WeasyPrint)")
    p.add_argument(
        "--force",
        action="store_true",
        help="khi tệp báo cáo đã có và đã bị sửa: giữ bản cũ dưới tên khác rồi ghi bản mới",
    )
    p.set_defaults(run=cmd_report)
    p = sub.add_parser("print-edition", help="cho biết bản in PDF đang bật (mã 0) hay tắt (mã 1); make site dùng lệnh này")
    p.add_argument("-q", "--quiet", action="store_true", help="không in gì, chỉ trả mã")
    p.set_defaults(run=cmd_print_edition)

    for module in COMMANDS:
        importlib.import_module(f"bulletin.{module}").register(sub)
    _describe(top)
    return top


def _describe(parser: argparse.ArgumentParser) -> None:
    """A command's `--help` opens with the line that lists it in its parent's help."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        if isinstance(action, argparse._SubParsersAction):
            for listed in action._choices_actions:
                child = action.choices[listed.dest]
                child.description = child.description or listed.help
                _describe(child)


class _Levels(logging.Formatter):
    """Log lines as the office reads them: errors and warnings named in Vietnamese, information plain."""

    NAMES: ClassVar[dict[int, str]] = {logging.WARNING: "CẢNH BÁO", logging.ERROR: "LỖI", logging.CRITICAL: "LỖI"}

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        name = self.NAMES.get(record.levelno)
        return f"{name}: {text}" if name else text


def _logging(verbose: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_Levels("%(message)s"))
    logging.basicConfig(handlers=[handler], level=logging.INFO)
    # MkDocs' progress lines ("Cleaning site directory", "Documentation built in …") are English
    # and say nothing a clerk needs; its warnings and errors still show.
    logging.getLogger("mkdocs").setLevel(logging.INFO if verbose else logging.WARNING)
    # WeasyPrint and the libraries under it report progress at INFO: never the office's business.
    for name in ("weasyprint", "fontTools", "PIL"):
        logging.getLogger(name).setLevel(logging.WARNING if verbose else logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    with argparse_vi.vietnamese():
        top = parser()
        if not (sys.argv[1:] if argv is None else argv):  # a bare `bulletin`: what can I do here?
            top.print_help()
            return 2
        args = top.parse_args(argv)  # --help and mistakes exit here, in Vietnamese
    _logging(args.verbose)
    try:
        return int(args.run(args))
    except ProjectError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # a file that is missing, not writable, a folder given for a file...
        print(f"Lỗi: {os_error(e)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nĐã dừng (Ctrl-C).", file=sys.stderr)
        return 130
    except Stopped as e:  # SIGTERM or SIGHUP during a build or serve (mkdocs/stopping.py)
        print(f"\n{e}", file=sys.stderr)
        return int(e.code or 1)


if __name__ == "__main__":
    sys.exit(main())
