"""Stopped by a signal, a build or `make serve` leaves nothing behind: no worker process, no
temporary folder. SIGTERM (a process manager, `timeout`) and SIGHUP (a closed terminal) stop as
Ctrl-C does; a parent killed outright (SIGKILL) is noticed by what it started."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bulletin.devtools.synth import synthesize
from test_build import BIN, ENV
from test_serve import free_port, wait_for

CELLS = 80  # more than PARALLEL_MIN: a build forks its cell-page workers


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("org")
    synthesize(root, CELLS, 2, outlines=5, issues=3)
    return root


@pytest.fixture
def temp(tmp_path: Path) -> Path:
    """The processes' TMPDIR: what they leave behind is what is in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie nobody reaped (an orphan's new parent may not reap it at once)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def until(condition: Callable[[], object], seconds: float = 60, step: float = 0.01) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(step)


def leftovers(temp: Path) -> list[str]:
    return sorted(p.name for p in temp.iterdir())


def start(command: list[str], project: Path, temp: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command,
        cwd=project,
        env={**ENV, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=terminal_defaults,
    )


def terminal_defaults() -> None:
    """As started from a terminal (this runner may ignore some, as `nohup` does)."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


BUILDS = {
    "bulletin": [str(BIN / "bulletin"), "build"],
    "mkdocs": [str(BIN / "mkdocs"), "build", "-q", "-d", "site"],
}


@pytest.mark.parametrize(
    ("tool", "signum", "code"),
    [
        ("bulletin", signal.SIGTERM, 143),
        ("bulletin", signal.SIGHUP, 129),
        ("bulletin", signal.SIGINT, 130),
        ("mkdocs", signal.SIGTERM, 143),
        ("mkdocs", signal.SIGINT, None),  # MkDocs' own Ctrl-C: its traceback is its business, the folders ours
    ],
)
def test_a_build_stopped_by_a_signal_leaves_no_worker_and_no_temporary_folder(
    project: Path, temp: Path, tool: str, signum: int, code: int | None
) -> None:
    build = start(BUILDS[tool], project, temp)
    try:
        until(lambda: any(n.startswith("bulletin-cells-") for n in leftovers(temp)) and children(build.pid))  # forked
        workers = children(build.pid)
        build.send_signal(signum)  # the main process only, as a process manager does
        out, err = build.communicate(timeout=60)
    finally:
        build.kill()
    if code is not None:
        assert build.returncode == code
        assert "Traceback" not in out + err
    if tool == "bulletin" and code is not None:
        assert "Đã dừng" in err
    if (tool, signum) == ("bulletin", signal.SIGINT):
        assert err.strip() == "Đã dừng (Ctrl-C)."
    until(lambda: not any(alive(w) for w in workers), seconds=5)
    assert leftovers(temp) == []


def test_a_terminal_closed_on_make_serve_stops_its_background_process_and_removes_its_folders(project: Path, temp: Path) -> None:
    port = free_port()
    server = start([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], project, temp)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "</html>", seconds=120)
        edit(project)
        until(lambda: any(n.startswith("bulletin-committee-") for n in leftovers(temp)) and children(server.pid))
        background = children(server.pid)
        server.send_signal(signal.SIGHUP)
        server.communicate(timeout=60)
    finally:
        server.kill()
        server.communicate()
    assert server.returncode == 129
    until(lambda: not any(alive(p) for p in background), seconds=5)
    assert leftovers(temp) == []


def test_the_background_process_of_a_killed_server_ends_and_removes_its_folder(project: Path, temp: Path) -> None:
    port = free_port()
    server = start([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], project, temp)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "</html>", seconds=120)
        edit(project)
        until(lambda: any(n.startswith("bulletin-committee-") for n in leftovers(temp)) and children(server.pid))
        background = children(server.pid)
        server.kill()  # SIGKILL: no finally runs in the server
        server.communicate()
        until(lambda: not any(alive(p) for p in background), seconds=10)
        # The spool is the killed server's own: only the background's folder is the background's to remove.
        left = [p for p in temp.iterdir() if p.name.startswith("bulletin-committee-")]
        assert not left, [list(p.iterdir()) for p in left]
    finally:
        server.kill()


def edit(project: Path) -> None:
    """A saved cell file: the rebuild makes that cell's pages and starts the background process."""
    cell = sorted((project / "content" / "cells").rglob("*.yml"))[0]
    with cell.open("a", encoding="utf-8") as fh:
        fh.write(f"\n# sửa {time.time()}\n")


@pytest.mark.parametrize("value", ["abc", "0", "-2", "1.5"])
@pytest.mark.parametrize("tool", ["bulletin", "mkdocs"])
def test_a_bad_workers_count_is_one_vietnamese_line(project: Path, temp: Path, tool: str, value: str) -> None:
    result = subprocess.run(
        BUILDS[tool], cwd=project, env={**ENV, "TMPDIR": str(temp), "BULLETIN_WORKERS": value},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"BULLETIN_WORKERS={value!r}: cần một số nguyên từ 1 trở lên" in result.stderr


def test_the_workers_are_never_more_than_the_cores() -> None:
    from bulletin.mkdocs.plugin import _workers

    cores = os.cpu_count() or 1
    assert _workers("64") == min(64, cores)
    assert _workers("1") == 1
    assert _workers(None) == cores
    assert _workers("") == cores


def test_the_cell_page_workers_of_a_killed_build_end_and_remove_their_folder(project: Path, temp: Path) -> None:
    build = start(BUILDS["bulletin"], project, temp)
    try:
        until(lambda: any(n.startswith("bulletin-cells-") for n in leftovers(temp)) and children(build.pid))
        workers = children(build.pid)
        build.kill()  # SIGKILL: nothing of the build's own runs
        build.communicate()
    finally:
        build.kill()
    until(lambda: not any(alive(w) for w in workers), seconds=10)
    assert not any(n.startswith("bulletin-cells-") for n in leftovers(temp))
