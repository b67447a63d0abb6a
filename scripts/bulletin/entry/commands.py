"""The data-entry commands: `bulletin template`, `bulletin import`, `bulletin new meeting`."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

from bulletin.data import batch as atomic
from bulletin.data.load import MONTH, Layout, load
from bulletin.data.lock import DataBusy, reading, writing
from bulletin.data.model import Dataset
from bulletin.data.problems import InvalidData
from bulletin.data.settings import Settings
from bulletin.entry.columns import kind_label
from bulletin.entry.importer import Plan, plan
from bulletin.entry.sheets import UnreadableSheet, read
from bulletin.entry.yamltext import CannotAppend, append, entry_lines, header
from bulletin.mkdocs.project import open_project, project_root
from bulletin.text import vi


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("template", help="ghi biểu mẫu nhập số liệu sinh hoạt của tháng (.xlsx, hoặc .csv) cho các chi bộ")
    p.add_argument("month", metavar="YYYY-MM", help="tháng của biểu mẫu, ví dụ 2026-11")
    p.add_argument("--out", metavar="TỆP", help="tệp sẽ ghi (mặc định: bieu-mau-sinh-hoat-YYYY-MM.xlsx)")
    p.add_argument("--csv", action="store_true", help="ghi tệp CSV (UTF-8 có BOM) thay cho .xlsx")
    p.set_defaults(run=cmd_template)

    p = sub.add_parser(
        "import", help="nhập các cuộc sinh hoạt từ biểu mẫu đã điền vào content/meetings/ (mọi dòng đúng, hoặc không ghi gì)"
    )
    p.add_argument("file", metavar="TỆP", help="biểu mẫu đã điền (.xlsx hoặc .csv)")
    p.add_argument("--dry-run", action="store_true", help="chạy thử: kiểm tra và cho xem sẽ thêm gì, không ghi tệp nào")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("new", help="thêm một bản ghi trống để điền (new meeting)")
    kinds = p.add_subparsers(dest="what", required=True, metavar="<loại>", title="các loại", help="loại bản ghi:")
    m = kinds.add_parser("meeting", help="khung một cuộc sinh hoạt, điền sẵn theo cuộc họp trước của chi bộ")
    m.add_argument("cell", metavar="MÃ_CHI_BỘ", help="mã chi bộ (tên tệp của chi bộ trong content/cells/)")
    m.add_argument("date", nargs="?", metavar="YYYY-MM-DD", help="ngày họp (mặc định: hôm nay)")
    m.set_defaults(run=cmd_new_meeting)


def _dataset(config_file: str, write: bool = True) -> tuple[Layout, Settings, Dataset] | None:
    """The data, loaded while this process holds the data lock (see `locked`)."""
    project = open_project(config_file)
    layout, settings = project.layout, project.settings
    if write:
        done = atomic.recover(layout.content / "meetings")
        if done:
            print(f"Đã hoàn tất lần nhập trước bị ngắt: {', '.join(layout.rel(p) for p in done)}")
    try:
        return layout, settings, load(layout, settings)
    except InvalidData as e:
        print(e, file=sys.stderr)
        print("Sửa các lỗi trên trước khi nhập dữ liệu mới.", file=sys.stderr)
        return None


def locked(write: bool) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """Run a command holding the project's data lock: a writer alone, from its first read to its last write."""

    def wrap(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        @functools.wraps(command)
        def run(args: argparse.Namespace) -> int:
            root = project_root(args.config_file)
            if not Path(args.config_file).is_file():  # not a project: the command says where to run it
                return command(args)
            try:
                with writing(root) if write else reading(root):
                    return command(args)
            except DataBusy as e:
                print(e, file=sys.stderr)
                return 1

        return run

    return wrap


@locked(write=False)
def cmd_template(args: argparse.Namespace) -> int:
    from bulletin.entry.template import write_csv, write_xlsx  # openpyxl loads only for this command

    if not MONTH.match(args.month):
        print(f"tháng '{args.month}' không hợp lệ: ghi dạng YYYY-MM, ví dụ 2026-11", file=sys.stderr)
        return 2
    loaded = _dataset(args.config_file, write=False)
    if loaded is None:
        return 1
    _, _, data = loaded
    out = Path(args.out or f"bieu-mau-sinh-hoat-{args.month}.{'csv' if args.csv else 'xlsx'}")
    count = (write_csv if args.csv else write_xlsx)(data, args.month, out)
    print(f"Đã ghi biểu mẫu tháng {args.month} cho {count} chi bộ: {out}")
    return 0


@locked(write=True)
def cmd_import(args: argparse.Namespace) -> int:
    loaded = _dataset(args.config_file)
    if loaded is None:
        return 1
    layout, settings, data = loaded
    try:
        sheet = read(Path(args.file))
    except (UnreadableSheet, OSError) as e:
        print(e, file=sys.stderr)
        return 1
    result = plan(sheet, data, settings.as_of, layout.content / "meetings")
    print(_summary(result, layout, data, Path(args.file)))
    if not result.clean:
        print(_problems(result), file=sys.stderr)
        return 1
    if args.dry_run:
        print("Chạy thử (--dry-run): chưa ghi tệp nào.")
        return 0
    if result.files:
        atomic.write_batch(layout.content / "meetings", {path: f.data for path, f in result.files.items()})
    print(f"Đã ghi {len(result.added)} cuộc sinh hoạt vào {len(result.files)} tệp.")
    return 0


def _summary(result: Plan, layout: Layout, data: Dataset, file: Path) -> str:
    where = f" (trang tính '{result.sheet}')" if result.sheet else ""
    lines = [f"Tệp {file.name}{where}:"]
    if result.clean:
        lines.append(f"  Thêm mới {len(result.added)} cuộc sinh hoạt:")
        for path, appended in sorted(result.files.items()):
            rows = sorted((r for r in result.added if path.parent.name == r.meeting.cell_id), key=lambda r: r.meeting.date)
            rows = [r for r in rows if r.meeting.date.year == int(path.stem)]
            for row, line in zip(rows, appended.first_lines, strict=True):
                m = row.meeting
                lines.append(f"    {layout.rel(path)}:{line}  dòng {row.number}  {vi.date(m.date)}  {kind_label(m.kind)}")
    if result.recorded:
        lines.append(f"  Đã có, bỏ qua {len(result.recorded)} dòng:")
        lines += [f"    dòng {r.number}  {r.meeting.cell_id}  {vi.date(r.meeting.date)}" for r in result.recorded]
    if result.unreported:
        lines.append(f"  Chưa báo cáo (dòng để trống) {len(result.unreported)} chi bộ:")
        names = {cell_id: cell.name for cell_id, cell in data.cells.items()}
        lines += [f"    dòng {number}  {cell_id}  {names.get(cell_id, '?')}" for number, cell_id in result.unreported]
    return "\n".join(lines)


def _problems(result: Plan) -> str:
    lines = [f"Có {len(result.problems) + len(result.conflicts)} lỗi; chưa ghi tệp nào. Sửa trong tệp rồi nhập lại:"]
    problems = sorted(result.problems, key=lambda p: (p.sheet or "", p.row))
    for sheet, group in groupby(problems, key=lambda p: p.sheet):
        lines.append(f"Trang tính '{sheet}':" if sheet else "Trong tệp:")
        lines += [f"  {p}" for p in group]
    if result.conflicts:
        lines.append("Khác với dữ liệu đã có (không ghi đè):")
        lines += [f"  {p}" for p in result.conflicts]
    return "\n".join(lines)


@locked(write=True)
def cmd_new_meeting(args: argparse.Namespace) -> int:
    try:
        day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        print(f"ngày '{args.date}' không hợp lệ: ghi dạng YYYY-MM-DD", file=sys.stderr)
        return 2
    loaded = _dataset(args.config_file)
    if loaded is None:
        return 1
    layout, _, data = loaded
    cell = data.cells.get(args.cell)
    if cell is None:
        print(f"không có chi bộ '{args.cell}' (content/cells/{args.cell}.yml)", file=sys.stderr)
        return 1
    earlier = [m for m in data.meetings_of(cell.id) if m.date <= day]
    if any(m.date == day for m in earlier):
        print(f"chi bộ {cell.id} đã có cuộc sinh hoạt ngày {vi.date(day)}", file=sys.stderr)
        return 1
    previous = earlier[-1] if earlier else None
    values = {
        "date": day,
        "kind": "thuong-ky",
        "members": previous.members if previous else cell.members,
        "present": None,
        "duration": None,
        "speakers": None,
        "exempt": previous.exempt if previous else 0,
        "online": previous.online if previous else False,
    }
    todo = {"present": "số đảng viên dự họp", "duration": "số phút", "speakers": "số đảng viên phát biểu"}
    todo["members"] = "theo cuộc họp trước, sửa nếu khác" if previous else "theo hồ sơ chi bộ, sửa nếu khác"
    path = layout.content / "meetings" / cell.id / f"{day.year}.yml"
    try:
        appended = append(path.read_bytes() if path.exists() else None, [entry_lines(values, todo)], header(cell.name, day.year))
    except CannotAppend as e:
        print(f"{layout.rel(path)}: {e}", file=sys.stderr)
        return 1
    atomic.write_batch(layout.content / "meetings", {path: appended.data})
    where = f"{layout.rel(path)}:{appended.first_lines[0]}"
    print(f"{where}: đã thêm khung cuộc sinh hoạt ngày {vi.date(day)}; điền các trường còn trống")
    return 0
