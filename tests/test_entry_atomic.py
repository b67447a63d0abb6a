"""An import killed mid-way (SIGKILL) leaves every file as before or fully updated, and the next run finishes the batch."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin.data.batch import PAUSE_ENV
from crafted import Org, meeting
from filling import fill, good, run, template
from test_entry_import import snapshot


@pytest.fixture
def batch(
    org: Org, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Org, Path, dict[str, bytes], dict[str, bytes]]:
    """An organisation, a filled file touching three year files (two existing, one new), and the files before and after."""
    org.cell("b", name="Chi bộ B")
    org.cell("c", name="Chi bộ C")
    org.meetings(
        "a",
        2024,
        "# sổ của chi bộ A\n" + "- {date: 2024-11-05, kind: thuong-ky, members: 10, present: 10, duration: 95, speakers: 4}\n",
    )
    org.meetings("c", 2024, [meeting("2024-11-07")])
    filled = fill(template(org, capsys, "2024-12"), {"a": good("2024-12-05"), "b": good("2024-12-06"), "c": good("2024-12-07")})
    before = snapshot(org)
    twin = Org.__new__(Org)
    twin.__dict__.update(org.__dict__, root=tmp_path_factory.mktemp("twin") / "org")
    shutil.copytree(org.root, twin.root)
    assert run(twin, capsys, "import", str(filled))[0] == 0
    after = snapshot(twin)
    assert set(after) == {"a/2024.yml", "b/2024.yml", "c/2024.yml"} and after != before
    return org, filled, before, after


def _start(org: Org, filled: Path, pause: str) -> subprocess.Popen[str]:
    env = {**os.environ, PAUSE_ENV: pause, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "bulletin.cli", "-f", str(org.root / "mkdocs.yml"), "import", str(filled)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _assert_each_file_old_or_new(now: dict[str, bytes], before: dict[str, bytes], after: dict[str, bytes]) -> None:
    visible = {name: data for name, data in now.items() if not name.rsplit("/", 1)[-1].startswith(".")}
    for name, data in visible.items():
        assert data in (before.get(name), after.get(name)), f"{name} is neither as before nor fully updated"
    assert set(visible) <= set(after)


STEPS = 7  # three temp files, the journal (commit point), three replacements


@pytest.mark.parametrize("killed_after", range(1, STEPS + 1))
def test_killed_after_each_step(
    batch: tuple[Org, Path, dict[str, bytes], dict[str, bytes]], killed_after: int, capsys: pytest.CaptureFixture[str]
) -> None:
    org, filled, before, after = batch
    proc = _start(org, filled, pause=f"60@{killed_after}")
    assert proc.stderr is not None
    seen = []
    while len(seen) < killed_after:
        line = proc.stderr.readline()
        assert line, f"the import ended before step {killed_after}: {seen}"
        if line.startswith("[atomic]"):
            seen.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    now = snapshot(org)
    _assert_each_file_old_or_new(now, before, after)
    committed = killed_after >= 4
    assert any(k.startswith(".bulletin-import") and k.endswith(".journal") for k in now) == committed
    if committed:
        # Until the batch is finished, the build refuses the half-applied data.
        assert any("một lần nhập dữ liệu bị ngắt giữa chừng" in p for p in org.problems())
    else:
        assert {k: v for k, v in now.items() if not k.split("/")[-1].startswith(".")} == before
    # The next run finishes (or cleans up) and then imports what is left: everything ends fully updated.
    code, out, err = run(org, capsys, "import", str(filled))
    assert code == 0, err
    assert ("Đã hoàn tất lần nhập trước bị ngắt" in out) == (4 <= killed_after < STEPS)
    assert snapshot(org) == after
    assert org.problems() == []


def test_killed_at_random_moments(
    batch: tuple[Org, Path, dict[str, bytes], dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    org, filled, before, after = batch
    rng = random.Random(9)
    for _ in range(4):
        proc = _start(org, filled, pause="0.05")
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        _assert_each_file_old_or_new(snapshot(org), before, after)
    assert run(org, capsys, "import", str(filled))[0] == 0
    assert snapshot(org) == after
