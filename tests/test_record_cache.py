"""The record cache only saves time: every run reports the same data and the same problems."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pytest import MonkeyPatch

from bulletin.data.problems import InvalidData
from crafted import Org, full_year, meeting


def load_with_cache(org: Org, as_of: dt.date | None = None):  # type: ignore[no-untyped-def]
    from bulletin.data.load import load

    settings = dataclasses.replace(org.settings, cache_dir=org.root / ".cache", as_of=as_of or org.as_of)
    return load(org.layout, settings)


def test_a_second_run_gives_the_same_dataset_from_the_cache(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024))
    first = load_with_cache(org)
    assert (org.root / ".cache/records.pickle").is_file()
    second = load_with_cache(org)
    assert second.meetings == first.meetings == org.load().meetings


def test_an_edited_file_is_read_again(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024))
    load_with_cache(org)
    org.meetings("a", 2024, full_year(2024, duration=95))
    assert {m.duration for m in load_with_cache(org).meetings["a"]} == {95}


def test_a_file_with_problems_is_never_kept_and_reported_every_run(org: Org) -> None:
    org.meetings("a", 2024, [meeting("2024-01-05", speakers=99)])
    for _ in range(2):
        try:
            load_with_cache(org)
        except InvalidData as e:
            assert "số phát biểu (99) lớn hơn số dự họp (10)" in str(e)
        else:
            raise AssertionError("the problem was not reported")


def test_what_validity_depends_on_outside_the_file_invalidates_it(org: Org) -> None:
    org.meetings("a", 2024, [meeting("2024-06-05", "chuyen-de")])
    load_with_cache(org)
    try:  # an earlier as-of date makes the meeting a future one
        load_with_cache(org, as_of=dt.date(2024, 5, 31))
        raise AssertionError("the future meeting was accepted from the cache")
    except InvalidData as e:
        assert "sau ngày tính số liệu" in str(e)
    (org.root / "topics/ho-chi-minh/nep-song.md").unlink()  # the outline it names is gone
    try:
        load_with_cache(org)
        raise AssertionError("the missing outline was accepted from the cache")
    except InvalidData as e:
        assert "không có đề cương 'ho-chi-minh/nep-song'" in str(e)


def test_a_torn_cache_file_is_ignored(org: Org) -> None:
    org.meetings("a", 2024, full_year(2024))
    (org.root / ".cache").mkdir()
    (org.root / ".cache/records.pickle").write_bytes(b"\x80\x05garbage")
    assert len(load_with_cache(org).meetings["a"]) == 12


def test_a_process_that_loads_again_reads_the_cache_file_once_and_defers_writing(org: Org, monkeypatch: MonkeyPatch) -> None:
    """`mkdocs serve` loads after every save: the records come from memory, and a changed cache is
    written when serving stops, not after every rebuild."""
    import pickle

    from bulletin.data import recordcache

    org.meetings("a", 2024, full_year(2024))
    load_with_cache(org)
    calls = []
    real_loads = pickle.loads
    monkeypatch.setattr(pickle, "loads", lambda data: calls.append(1) or real_loads(data))
    monkeypatch.setattr(recordcache, "defer", True)
    written = (org.root / ".cache/records.pickle").stat().st_mtime_ns
    org.meetings("a", 2024, full_year(2024, notes="Sửa"))
    assert load_with_cache(org).meetings["a"][0].notes == "Sửa"
    assert load_with_cache(org).meetings["a"][0].notes == "Sửa"
    assert calls == [] and (org.root / ".cache/records.pickle").stat().st_mtime_ns == written
    recordcache.flush()
    recordcache._MEMORY.clear()
    monkeypatch.setattr(recordcache, "defer", False)
    assert load_with_cache(org).meetings["a"][0].notes == "Sửa" and calls == [1]


def test_while_serving_a_file_whose_size_times_and_inode_did_not_change_is_not_read_again(
    org: Org, monkeypatch: MonkeyPatch
) -> None:
    from bulletin.data import load as load_module
    from bulletin.data import recordcache

    monkeypatch.setattr(recordcache, "defer", True)  # what `mkdocs serve` sets
    monkeypatch.setattr(recordcache, "_SEEN", {})
    org.cell("b", name="Chi bộ B")
    org.meetings("a", 2024, full_year(2024))
    org.meetings("b", 2024, full_year(2024))
    read: list[str] = []
    real = load_module.read_text
    monkeypatch.setattr(load_module, "read_text", lambda path: read.append(path.as_posix()) or real(path))

    def meeting_files_read() -> list[str]:
        return sorted(p.rsplit("/", 3)[-2] for p in read if "/meetings/" in p)

    first = load_with_cache(org)
    assert meeting_files_read() == ["a", "b"]
    read.clear()
    assert load_with_cache(org).meetings == first.meetings and meeting_files_read() == []
    org.meetings("a", 2024, full_year(2024, duration=95))  # saved: its times change
    read.clear()
    again = load_with_cache(org)
    assert meeting_files_read() == ["a"] and {m.duration for m in again.meetings["a"]} == {95}
    # What validity depends on outside the file (here the as-of date) still reads it again.
    read.clear()
    load_with_cache(org, as_of=dt.date(2025, 6, 30))
    assert meeting_files_read() == ["a", "b"]


def test_outside_serving_every_file_is_read(org: Org, monkeypatch: MonkeyPatch) -> None:
    from bulletin.data import load as load_module

    org.meetings("a", 2024, full_year(2024))
    load_with_cache(org)
    read: list[str] = []
    real = load_module.read_text
    monkeypatch.setattr(load_module, "read_text", lambda path: read.append(path.as_posix()) or real(path))
    load_with_cache(org)
    assert any("/meetings/a/2024.yml" in p for p in read)


def test_every_field_of_a_meeting_comes_back_from_the_cache(org: Org) -> None:
    """The cache keeps a meeting as a tuple of its values: each field, the source line included."""
    org.cell("b", name="Chi bộ B")
    rich = meeting(
        "2024-03-05", "ket-hop", exempt=1, excused=2, present=7, online=False, guests=["Nguyễn Văn A", "x"],
        score=86.5, model=True, minutes=True, resolution=False, joint_with=["b"], notes="Ghi *chú*.",
    )  # fmt: skip
    org.meetings("a", 2024, [meeting("2024-01-05"), rich])
    org.meetings("b", 2024, [meeting("2024-03-05", "ket-hop", joint_with=["a"])])
    first = load_with_cache(org)
    second = load_with_cache(org)
    assert second.meetings == first.meetings == org.load().meetings
    kept = second.meetings["a"][1]
    assert (kept.score, kept.guests, kept.joint_with, kept.notes, kept.source.line) == (
        86.5, ("Nguyễn Văn A", "x"), ("b",), "Ghi *chú*.", first.meetings["a"][1].source.line,
    )  # fmt: skip


def test_a_process_that_loads_again_gets_the_same_meetings_back_without_rebuilding_them(org: Org) -> None:
    """Only the cache file holds meetings packed; `mkdocs serve`'s rebuilds reuse the objects."""
    org.meetings("a", 2024, full_year(2024))
    first = load_with_cache(org)
    second = load_with_cache(org)
    assert all(a is b for a, b in zip(first.meetings["a"], second.meetings["a"], strict=True))


def test_meetings_loaded_fresh_or_from_the_cache_are_the_dataclass_its_constructor_makes(org: Org) -> None:
    """Loading sets a meeting's slots directly (faster than the frozen dataclass's __init__)."""
    org.meetings("a", 2024, [meeting("2024-01-05"), meeting("2024-03-05", "ket-hop", guests=["x"], score=80)])
    for data in (load_with_cache(org), _fresh_process_load(org)):
        for m in data.meetings["a"]:
            rebuilt = dataclasses.replace(m)  # through __init__
            assert (rebuilt, hash(rebuilt), repr(rebuilt)) == (m, hash(m), repr(m))


def _fresh_process_load(org: Org):  # type: ignore[no-untyped-def]
    from bulletin.data import recordcache

    recordcache._MEMORY.clear()  # as a new process: the records come from the file
    return load_with_cache(org)


def test_loading_leaves_the_cycle_collector_as_it_found_it(org: Org) -> None:
    """Loading pauses Python's cyclic garbage collector, and gives it back whatever happens."""
    import gc

    org.meetings("a", 2024, full_year(2024))
    assert gc.isenabled()
    load_with_cache(org)
    assert gc.isenabled()
    org.meetings("a", 2024, "- date: [\n")
    with pytest.raises(InvalidData):
        load_with_cache(org)
    assert gc.isenabled()
    gc.disable()
    try:
        org.meetings("a", 2024, full_year(2024))
        load_with_cache(org)
        assert not gc.isenabled()
    finally:
        gc.enable()
