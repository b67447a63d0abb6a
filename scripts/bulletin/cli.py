"""The `bulletin` command: validate, build safely, export the generated Markdown, write schemas.

Its users are office staff: help, messages and errors are Vietnamese, each said once, and a user's
mistake (no project here, a bad mkdocs.yml, Ctrl-C) never shows a traceback."""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
import shutil
import sys
from pathlib import Path
from typing import ClassVar

from bulletin.data.problems import InvalidData
from bulletin.mkdocs.project import ProjectError, open_project
from bulletin.outputs.print_edition import PrintUnavailable
from bulletin.text import argparse_vi

# Modules that add their own subcommands: each defines register(subparsers).
COMMANDS: tuple[str, ...] = ("devtools.bench", "entry.new_issue", "entry.commands", "deploy.publish", "deploy.htpasswd")


def cmd_validate(args: argparse.Namespace) -> int:
    from bulletin.data.load import load

    project = open_project(args.config_file)
    layout, settings = project.layout, project.settings
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
    from bulletin.mkdocs.building import BuildFailed, staged_build

    project = open_project(args.config_file)  # a bulletin project, its problems told once
    final = Path(args.site_dir).resolve() if args.site_dir else Path(project.config.site_dir).resolve()
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
    if out.exists() and not out.is_dir():
        print(f"{out} là một tệp: hãy chọn một thư mục.", file=sys.stderr)
        return 1
    if out.exists() and any(out.iterdir()) and not args.force:
        print(f"Thư mục {out} đã có tệp; thêm --force nếu muốn ghi vào đó.", file=sys.stderr)
        return 1
    count = write_folder(layout, files, out)
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
    print(f"Đã ghi {written.cells} chi bộ và {written.meetings} cuộc sinh hoạt vào {layout.content}")
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
    p.add_argument("--force", action="store_true", help="ghi cả khi thư mục đã có tệp")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("schema", help="ghi các tệp JSON Schema của định dạng dữ liệu")
    p.add_argument("--out", default="schemas", metavar="THƯ_MỤC", help="thư mục đích (mặc định: %(default)s)")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("sample", help="viết lại dữ liệu mẫu (hư cấu) của các chi bộ trong content/")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="ngày cuối có cuộc sinh hoạt (mặc định: ngày tính số liệu)")
    p.set_defaults(run=cmd_sample)

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


if __name__ == "__main__":
    sys.exit(main())
