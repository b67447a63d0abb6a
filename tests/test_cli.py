"""The `bulletin` command as office staff meet it: Vietnamese help and messages, each error said
once, and never a traceback for a user's mistake. Every test runs the installed entry point."""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin import cli
from bulletin.text import argparse_vi
from crafted import Org, full_year

BULLETIN = str(Path(sys.executable).parent / "bulletin")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BULLETIN_PRINT_EDITION": "false"}
VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)
# What MkDocs, argparse and Python would print in English, were they let through.
ENGLISH = ("Traceback", "usage:", "options:", "positional arguments", "error:", "Aborted", "Config value", "ERROR", "INFO")


def bulletin(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([BULLETIN, *args], cwd=cwd, env=ENV, input=stdin, capture_output=True, text=True, timeout=300)


def said(result: subprocess.CompletedProcess[str]) -> str:
    output = result.stdout + result.stderr
    for english in ENGLISH:
        assert english not in output, f"{english!r} in:\n{output}"
    return output


# --- help -----------------------------------------------------------------------------------------


def every_parser() -> list[tuple[str, argparse.ArgumentParser]]:
    with argparse_vi.vietnamese():
        top = cli.parser()
    found, todo = [], [("bulletin", top)]
    while todo:
        name, parser = todo.pop()
        found.append((name, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{name} {child}", p) for child, p in action.choices.items()]
    return found


def test_every_command_and_option_is_explained_in_vietnamese() -> None:
    parsers = every_parser()
    assert len(parsers) > 15
    for name, parser in parsers:
        if name != "bulletin":
            assert parser.description and VIETNAMESE.search(parser.description), name
        for action in parser._actions:
            if action.help and action.help != argparse.SUPPRESS:
                assert VIETNAMESE.search(action.help), f"{name} {action.option_strings or action.dest}: {action.help}"


@pytest.mark.parametrize("command", ["", "build", "template", "import", "new meeting", "new-issue", "publish", "htpasswd"])
def test_help_is_vietnamese_down_to_argparse_own_words(command: str, tmp_path: Path) -> None:
    result = bulletin(*command.split(), "--help", cwd=tmp_path)
    assert result.returncode == 0
    out = said(result)
    assert out.startswith("cách dùng: bulletin")
    assert "tùy chọn:" in out and "hiện hướng dẫn này rồi thoát" in out
    assert "show this help" not in out


def test_a_bare_bulletin_lists_the_commands(tmp_path: Path) -> None:
    result = bulletin(cwd=tmp_path)
    assert result.returncode == 2
    out = said(result)
    assert "các lệnh:" in out and "import" in out and "kiểm tra mọi tệp dữ liệu" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export"], "bulletin export: lỗi: thiếu tham số bắt buộc: THƯ_MỤC"),
        (["xay-dung"], "bulletin: lỗi: tham số <lệnh>: không có lựa chọn 'xay-dung'"),
        (["new-issue", "2026-12", "--topics", "hai"], "giá trị 'hai' không hợp lệ (cần số nguyên)"),
        (["build", "--nhanh"], "bulletin: lỗi: không hiểu tham số: --nhanh"),
        (["new"], "thiếu tham số bắt buộc: <loại>"),
    ],
)
def test_a_mistyped_command_is_answered_in_vietnamese(args: list[str], message: str, tmp_path: Path) -> None:
    result = bulletin(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.startswith("cách dùng: ")
    assert "Traceback" not in result.stderr


# --- outside a project, a broken mkdocs.yml -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["build"],
        ["export", "ra"],
        ["template", "2026-11"],
        ["import", "bieu-mau.xlsx"],
        ["new", "meeting", "a"],
        ["new-issue", "2026-12"],
        ["publish", "dich"],
        ["sample"],
        ["print-edition"],
    ],
)
def test_outside_a_project_every_command_says_where_to_run_it(args: list[str], tmp_path: Path) -> None:
    result = bulletin(*args, cwd=tmp_path)
    assert result.returncode == 1
    out = said(result)
    assert out.count("không thấy tệp cấu hình mkdocs.yml") == 1
    assert "thư mục có tệp mkdocs.yml" in out and "-f" in out
    assert list(tmp_path.iterdir()) == []  # nothing written


PLUGIN = "      as_of:"
BROKEN = {
    "yaml": (("  language: vi\n", "  language: vi\n bad: : x\n"), "lỗi cú pháp YAML"),
    "threshold": ((PLUGIN, "      rules: {attendance_min: 150}\n" + PLUGIN), "mục 'attendance_min': tỷ lệ phải từ 0 đến 100"),
    "type": ((PLUGIN, "      print_edition: có\n" + PLUGIN), "mục 'print_edition': cần true hoặc false, không phải chữ"),
    "choice": ((PLUGIN, "      numbering: tuan\n" + PLUGIN), "chỉ nhận một trong: 'month', 'sequence'; không nhận 'tuan'"),
    "unknown option": ((PLUGIN, "      as_off: 2024-12-31\n" + PLUGIN), "không có mục tên 'as_off'"),
    "impossible date": (("as_of: 2024-12-31", "as_of: 2024-13-01"), "tháng phải từ 1 đến 12"),
    "content folder": (("docs_dir: content", "docs_dir: noi-dung"), "mục 'docs_dir': không có thư mục"),
    "plugin missing": (("  - bulletin:\n      as_of: 2024-12-31\n", ""), "chưa khai báo plugin 'bulletin'"),
    "plugin unknown": (("  - search\n", "  - tim-kiem\n"), 'chưa cài plugin "tim-kiem"'),
}


@pytest.mark.parametrize("case", BROKEN)
@pytest.mark.parametrize("command", [["validate"], ["build"]])
def test_a_broken_mkdocs_yml_is_told_once_in_vietnamese(case: str, command: list[str], org: Org) -> None:
    (old, new), message = BROKEN[case]
    config = org.mkdocs_yml().read_text(encoding="utf-8")
    assert old in config
    org.write("mkdocs.yml", config.replace(old, new))
    result = bulletin(*command, cwd=org.root)
    assert result.returncode == 1
    out = said(result)
    assert out.count(message) == 1, out
    assert out.startswith("Lỗi: mkdocs.yml")
    assert not (org.root / "site").exists()


# --- builds ---------------------------------------------------------------------------------------


def test_a_failed_build_prints_the_data_error_once(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024))
    org.mkdocs_yml()
    assert bulletin("build", cwd=org.root).returncode == 0
    org.cell("a", name="Chi bộ A", members="mười")
    result = bulletin("build", "--strict", cwd=org.root)
    assert result.returncode == 1
    out = said(result)
    assert out.count("content/cells/a.yml:4") == 1, out
    assert out.count("Có 1 lỗi trong dữ liệu") == 1
    assert "được giữ nguyên" in out
    assert (org.root / "site/index.html").is_file()  # the old site stays


def test_a_build_says_what_it_did_in_one_vietnamese_line(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024))
    org.issue("2024-03", number=3)
    org.mkdocs_yml()
    result = subprocess.run(
        [BULLETIN, "build", "--strict"],
        cwd=org.root,
        env={**ENV, "BULLETIN_PRINT_EDITION": "true"},  # WeasyPrint loads: its "Step 2" stays quiet
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = said(result)
    assert "Step" not in out
    assert out.strip().splitlines() == [f"Đã xây dựng trang vào {org.root / 'site'}"]


def test_export_speaks_vietnamese_and_never_writes_into_a_full_folder(org: Org) -> None:
    org.mkdocs_yml()
    first = bulletin("export", "ra", cwd=org.root)
    assert first.returncode == 0
    assert re.fullmatch(r"Đã ghi \d+ tệp vào ra\n", said(first))
    again = bulletin("export", "ra", cwd=org.root)
    assert again.returncode == 1
    assert "Thư mục ra đã có tệp của một bản xuất trước; thêm --force nếu muốn ghi đè." in said(again)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "khong-co.xlsx"], "khong-co.xlsx: không có tệp này"),
        (["template", "2024-11", "--out", "khong-co/bieu-mau.xlsx"], "khong-co/bieu-mau.xlsx: không có tệp hoặc thư mục này"),
        (["export", "content/index.md"], "Không dùng content/index.md làm thư mục kết quả: đó là một tệp, không phải thư mục."),
        (["htpasswd", "khong-co/matkhau", "ban-doc"], "không có tệp hoặc thư mục này"),
    ],
)
def test_a_missing_or_wrong_file_is_named_without_a_traceback(args: list[str], message: str, org: Org) -> None:
    org.mkdocs_yml()
    result = bulletin(*args, cwd=org.root, stdin="mat-khau\n")
    assert result.returncode == 1
    assert said(result).count(message) == 1


def test_ctrl_c_stops_with_one_vietnamese_line(tmp_path: Path) -> None:
    """Interrupted while it waits (here for a password on standard input)."""
    process = subprocess.Popen(
        [BULLETIN, "htpasswd", str(tmp_path / "htpasswd"), "ban-doc"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal
    )
    time.sleep(2)  # Python started and is reading
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.strip() == "Đã dừng (Ctrl-C)."
    assert "Traceback" not in out + err
    assert not (tmp_path / "htpasswd").exists()
