"""Writers that meet never lose each other's work; readers see a batch wholly before or wholly after.

Real processes, started together, many rounds: `bulletin import` twice into the same year file
and `bulletin new meeting` into it as well; then `validate` racing a batch of a thousand-cell
organisation.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bulletin.data.batch import PAUSE_ENV
from bulletin.data.lock import TIMEOUT_ENV, reading, writing
from bulletin.devtools.synth import synthesize
from crafted import Org, meeting
from filling import fill, good, template

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def bulletin(org_root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "bulletin.cli", "-f", str(org_root / "mkdocs.yml"), *args]
    return subprocess.Popen(command, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out + err


@pytest.fixture
def office(org: Org, capsys: pytest.CaptureFixture[str]) -> tuple[Org, list[Path]]:
    """Two clerks' files for the same cell and year (cell a in both), one more cell in the second."""
    org.cell("b", name="Chi bộ B")
    org.meetings("a", 2024, [meeting("2024-01-05")])
    blank = template(org, capsys, "2024-12")
    first = fill(blank, {"a": good("2024-12-05")}, org.root / "first.xlsx")
    second = fill(blank, {"a": good("2024-12-12"), "b": good("2024-12-13")}, org.root / "second.xlsx")
    third = fill(blank, {"a": good("2024-12-19")}, org.root / "third.xlsx")
    return org, [first, second, third]


def dates(org: Org, cell: str) -> list[str]:
    text = (org.root / f"content/meetings/{cell}/2024.yml").read_text(encoding="utf-8")
    return re.findall(r"date: '?(\d{4}-\d\d-\d\d)", text)


ROUNDS = int(os.environ.get("BULLETIN_RACE_ROUNDS", "2"))  # more for a soak: BULLETIN_RACE_ROUNDS=50


def _reset(org: Org, original: dict[Path, bytes]) -> None:
    for path in org.root.joinpath("content/meetings").rglob("*.yml"):
        if path not in original:
            path.unlink()
    for path, data in original.items():
        path.write_bytes(data)


def test_three_imports_into_the_same_year_file_at_once_lose_nothing(office: tuple[Org, list[Path]]) -> None:
    org, files = office
    original = {p: p.read_bytes() for p in (org.root / "content/meetings").rglob("*.yml")}
    for round_ in range(ROUNDS):
        _reset(org, original)
        results = [finish(p) for p in [bulletin(org.root, "import", str(f)) for f in files]]
        for code, output in results:
            assert code == 0, output
            assert "Traceback" not in output
        assert sorted(dates(org, "a")) == ["2024-01-05", "2024-12-05", "2024-12-12", "2024-12-19"], f"round {round_}"
        assert dates(org, "b") == ["2024-12-13"]
        assert not list((org.root / "content/meetings").glob(".bulletin-import*"))
        assert finish(bulletin(org.root, "validate"))[0] == 0


def test_a_new_meeting_racing_an_import_loses_neither(office: tuple[Org, list[Path]]) -> None:
    """A stub from `new meeting` is incomplete on purpose, so an import after it refuses, cleanly; either
    way nothing written is lost and nothing is half-written."""
    org, (first, _, _) = office
    original = {p: p.read_bytes() for p in (org.root / "content/meetings").rglob("*.yml")}
    for round_ in range(ROUNDS):
        _reset(org, original)
        procs = [bulletin(org.root, "new", "meeting", "a", "2024-12-28"), bulletin(org.root, "import", str(first))]
        (stub_code, stub_out), (import_code, import_out) = (finish(p) for p in procs)
        assert stub_code == 0 and "Traceback" not in stub_out + import_out, stub_out
        got = dates(org, "a")
        assert "2024-12-28" in got, f"round {round_}"
        if import_code == 0:
            assert "2024-12-05" in got
        else:
            assert "Sửa các lỗi trên trước khi nhập dữ liệu mới" in import_out and "2024-12-05" not in got


def test_a_second_writer_waits_then_gives_up_with_a_message(office: tuple[Org, list[Path]]) -> None:
    org, (first, _, _) = office
    before = dates(org, "a")
    env = {**ENV, TIMEOUT_ENV: "1"}
    with writing(org.root):
        started = time.monotonic()
        results = [
            finish(bulletin(org.root, *args, env=env)) for args in (("import", str(first)), ("new", "meeting", "a", "2024-12-01"))
        ]
        waited = time.monotonic() - started
    for code, output in results:
        assert code == 1
        assert "Đang có người khác ghi dữ liệu" in output and "Traceback" not in output
    assert waited >= 2  # each waited its second before giving up
    assert dates(org, "a") == before
    # Once the lock is free, the same command goes through.
    assert finish(bulletin(org.root, "import", str(first)))[0] == 0


@pytest.mark.parametrize(
    "command",
    [("validate",), ("new-issue", "2024-12"), ("sample", "--until", "2024-12-31"), ("template", "2024-12"), ("build",)],
)
def test_every_command_waits_for_a_writer_then_says_why_it_gave_up(
    office: tuple[Org, list[Path]], command: tuple[str, ...]
) -> None:
    org, _ = office
    before = sorted(p.relative_to(org.root).as_posix() for p in org.root.rglob("*") if ".cache" not in p.parts)
    with writing(org.root):
        code, output = finish(bulletin(org.root, *command, env={**ENV, TIMEOUT_ENV: "1"}))
    assert code == 1 and "Đang có người khác ghi dữ liệu" in output and "Traceback" not in output, output
    after = sorted(p.relative_to(org.root).as_posix() for p in org.root.rglob("*") if ".cache" not in p.parts)
    assert after == before


# -- readers against a batch ------------------------------------------------------------------

CELLS, STEP = 1000, 6  # every 6th cell: 167 year files in one batch
TOUCHED = len(range(0, CELLS, STEP))
WRITER = (
    textwrap.dedent(
        """
    import sys
    from pathlib import Path
    from bulletin.data.batch import write_batch
    from bulletin.data.lock import writing

    root = Path(sys.argv[1])
    meetings = root / "content" / "meetings"
    extra = "- date: 2025-12-31\\n  kind: bat-thuong\\n  members: 40\\n  present: 3\\n  duration: 30\\n  speakers: 1\\n"
    files = {}
    for i in range(0, @CELLS@, @STEP@):
        path = meetings / f"chi-bo-{i:05d}" / "2025.yml"
        files[path] = path.read_bytes() + extra.encode()
    with writing(root):
        print("locked", flush=True)
        write_batch(meetings, files)
    """
    )
    .replace("@CELLS@", str(CELLS))
    .replace("@STEP@", str(STEP))
)


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("thousand")
    synthesize(root, cells=CELLS, years=1, outlines=8, issues=2)
    # present 3 of 40 members, whatever the cell's size: keep the added meeting valid for every cell
    for path in (root / "content/cells").glob("*.yml"):
        path.write_text(re.sub(r"members: \d+", "members: 40", path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in (root / "content/meetings").rglob("*.yml"):
        path.write_text(re.sub(r"members: \d+", "members: 40", path.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def _count(output: str) -> int:
    m = re.search(r"(\d+) cuộc sinh hoạt", output)
    assert m, output
    return int(m[1])


def _new_meetings(root: Path) -> int:
    """How many of the batch's meetings a load sees (the batch adds one on 31/12/2025 to each file)."""
    from bulletin.data.load import Layout, load
    from bulletin.data.settings import Settings

    data = load(Layout(root, root / "content", root / "topics"), Settings(as_of=dt.date(2025, 12, 31)))
    return sum(1 for ms in data.meetings.values() for m in ms if m.date == dt.date(2025, 12, 31))


def _undo(root: Path) -> None:
    for i in range(0, CELLS, STEP):
        path = root / f"content/meetings/chi-bo-{i:05d}/2025.yml"
        path.write_text(path.read_text(encoding="utf-8").split("- date: 2025-12-31\n")[0], encoding="utf-8")


def _writer(root: Path, pause: str) -> subprocess.Popen[str]:
    env = {**ENV, PAUSE_ENV: pause}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_an_import_committed_during_a_load_waits_for_it(thousand: Path) -> None:
    """The reader holds the data (as `validate` and the build's load do); the batch arrives mid-load and waits."""
    with reading(thousand):
        writer = _writer(thousand, "0")
        assert writer.stderr is not None and "đang chờ" in writer.stderr.readline()  # blocked on our lock
        assert _new_meetings(thousand) == 0  # the whole load of 1,000 cells: every file as before
    assert writer.wait(timeout=120) == 0
    assert _new_meetings(thousand) == TOUCHED  # every file as after
    _undo(thousand)


def test_a_load_started_during_a_batch_sees_it_whole(thousand: Path) -> None:
    writer = _writer(thousand, "0.003")  # the batch takes a few seconds: 2 × 167 steps, fsynced
    assert writer.stdout is not None and writer.stdout.readline() == "locked\n"
    code, output = finish(bulletin(thousand, "validate"))  # starts mid-batch, waits for its end
    assert writer.wait(timeout=120) == 0
    assert code == 0, output
    code, after = finish(bulletin(thousand, "validate"))
    assert _count(output) == _count(after)
    assert _new_meetings(thousand) == TOUCHED
    _undo(thousand)


def test_the_same_load_without_the_lock_would_mix_before_and_after(thousand: Path) -> None:
    """The control: the race is real (so the test above tests something)."""
    from bulletin.data.load import Layout, load
    from bulletin.data.settings import Settings

    layout = Layout(thousand, thousand / "content", thousand / "topics")
    settings = Settings(as_of=dt.date(2025, 12, 31))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER.replace("with writing(root):", "if True:"), str(thousand)],
        env={**ENV, PAUSE_ENV: "0.01"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline() == "locked\n"
    counts = set()
    while writer.poll() is None:
        try:
            data = load(layout, settings)
        except Exception:  # the pending journal, seen mid-batch
            counts.add(-1)
            continue
        counts.add(sum(1 for ms in data.meetings.values() for m in ms if m.date == dt.date(2025, 12, 31)))
    writer.communicate()
    _undo(thousand)
    assert counts - {0, TOUCHED}, counts


def test_a_read_only_project_is_read_without_a_lock_and_not_written(office: tuple[Org, list[Path]]) -> None:
    org, (first, _, _) = office
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    org.root.chmod(0o555)
    try:
        assert finish(bulletin(org.root, "validate"))[0] == 0
        code, output = finish(bulletin(org.root, "import", str(first)))
        assert code == 1 and "Không tạo được tệp khóa" in output and "Traceback" not in output
    finally:
        org.root.chmod(0o755)


def test_a_lock_file_that_cannot_be_made_lets_readers_read_and_stops_writers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from bulletin.data import lock

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(lock.os, "open", refuse)
    with lock.reading(tmp_path):
        pass
    with pytest.raises(lock.DataBusy, match="Không tạo được tệp khóa"), lock.writing(tmp_path):
        pass
