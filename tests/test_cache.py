"""The load cache: faster second runs that are never wrong, and never a way in."""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing_reader import cache as cache_module
from briefing_reader.app import BriefingApp
from briefing_reader.cache import LoadCache
from briefing_reader.loader import LoadResult
from conftest import MINIMAL, SEED, run_cli
from pilot import drive, screen_text

LONG_AGO = time.time() - 3600


def settled(path: Path) -> Path:
    """Make a file look saved an hour ago: recent files are not cached (see RACY_SECONDS)."""
    os.utime(path, (LONG_AGO, LONG_AGO))
    return path


async def screen_once(
    pilot: Pilot[None], app: BriefingApp, what: str, shown: Callable[[str], bool]
) -> str:
    """The screen's text as soon as `shown(text)` holds, polled for at most 10 seconds."""
    for _ in range(500):
        text = screen_text(app)
        if shown(text):
            return text
        await pilot.pause(0.02)
    raise AssertionError(f"{what}: not on screen after 10 s; the screen:\n{screen_text(app)}")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "good.yaml").write_bytes(SEED.read_bytes())
    settled(folder / "good.yaml")
    (folder / "bad.yaml").write_text("title: x\ndate: 21 January\n", encoding="utf-8")
    settled(folder / "bad.yaml")
    return folder


@pytest.fixture
def cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_READER_CACHE", str(folder))
    return folder


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run_cli(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path | str) -> LoadResult:
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(cache_module, "load_file", refuse)
    monkeypatch.setattr("briefing_reader.app.load_file", refuse)


def test_a_second_validate_answers_from_the_cache_with_the_same_output(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    library: Path,
    cache_folder: Path,
) -> None:
    first = validate(capsys, str(library))
    forbid_parsing(monkeypatch)
    second = validate(capsys, str(library))

    assert first == second
    assert first[0] == 1
    assert f"{library / 'bad.yaml'}:2:7: date: expected a date" in first[2]
    assert any(cache_folder.iterdir())


def test_a_changed_file_is_never_answered_from_the_cache(
    capsys: pytest.CaptureFixture[str], library: Path, cache_folder: Path
) -> None:
    validate(capsys, str(library))
    bad = library / "bad.yaml"
    bad.write_text(MINIMAL, encoding="utf-8")  # fixed, and saved just now
    code, out, _ = validate(capsys, str(library))
    assert (code, out.strip()) == (0, "2 files checked: all valid")

    # same size, new content, an old timestamp that differs from the cached one
    bad.write_text(MINIMAL.replace("2026-01-21", "2026-13-21"), encoding="utf-8")
    os.utime(bad, (LONG_AGO - 60, LONG_AGO - 60))
    code, _, err = validate(capsys, str(library))
    assert code == 1
    assert "date: '2026-13-21' is not a real date" in err


def test_a_file_saved_just_now_is_not_cached(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cache_folder: Path
) -> None:
    """Two saves within the file system's timestamp granularity look the same: so a file
    this recent is always read again."""
    path = tmp_path / "fresh.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    validate(capsys, str(path))

    cache = LoadCache()
    assert cache.known_problems(path, cache_module.stamp_of(path)) is None


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated"])
def test_a_damaged_cache_is_a_miss_and_is_rewritten(
    capsys: pytest.CaptureFixture[str], library: Path, cache_folder: Path, damage: str
) -> None:
    expected = validate(capsys, str(library))
    for path in cache_folder.iterdir():
        data = path.read_bytes()
        path.write_bytes(
            {"garbage": b"\x00not a pickle", "empty": b"", "truncated": data[: len(data) // 2]}[
                damage
            ]
        )

    assert validate(capsys, str(library)) == expected
    assert validate(capsys, str(library)) == expected


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned-by-cache",))


def test_a_tampered_cache_runs_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    library: Path,
    cache_folder: Path,
    tmp_path: Path,
) -> None:
    expected = validate(capsys, str(library))
    for path in cache_folder.iterdir():
        path.write_bytes(pickle.dumps(_Exploit()))
    monkeypatch.chdir(tmp_path)

    assert validate(capsys, str(library)) == expected
    assert not (tmp_path / "pwned-by-cache").exists()


def test_no_cache_and_an_unusable_cache_folder_change_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    library: Path,
    tmp_path: Path,
) -> None:
    expected = validate(capsys, str(library), "--no-cache")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_READER_CACHE", str(blocker / "cache"))

    assert validate(capsys, str(library)) == expected
    monkeypatch.setenv("BRIEFING_READER_CACHE", "off")
    assert validate(capsys, str(library)) == expected


def test_the_cache_lives_in_its_own_folder_never_beside_the_briefings(
    capsys: pytest.CaptureFixture[str], library: Path, cache_folder: Path
) -> None:
    before = sorted(path.name for path in library.iterdir())
    validate(capsys, str(library))
    drive(library, _read_a_little)

    assert sorted(path.name for path in library.iterdir()) == before
    assert {path.suffix for path in cache_folder.iterdir()} == {".verdicts", ".chunk"}


async def _read_a_little(pilot: Pilot[None], app: BriefingApp) -> None:
    await pilot.press("3", "j", "t", "escape")


def test_a_warm_start_shows_the_same_library_as_a_cold_one(
    monkeypatch: pytest.MonkeyPatch, library: Path, cache_folder: Path
) -> None:
    seen: list[str] = []

    async def look(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("3", "G", "t")
        topics = screen_text(app)
        await pilot.press("escape", "slash", *"jatec")
        seen.append(topics + screen_text(app))

    drive(library, look, size=(160, 48))
    forbid_parsing(monkeypatch)  # the good file comes from the cache, the bad one too
    drive(library, look, size=(160, 48))

    assert seen[0] == seen[1]
    assert "#ukraine" in seen[0]
    assert "2 hits" in seen[0]


def test_the_reader_is_usable_while_a_slow_library_is_still_loading(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Painted at once, the newest briefing readable, progress shown, the list filling."""
    import asyncio

    from briefing_reader.loader import load_file

    library = tmp_path / "slow"
    library.mkdir()
    for day in range(1, 7):
        text = SEED.read_text(encoding="utf-8").replace("date: 2026-01-21", f"date: 2026-02-0{day}")
        text = text.replace("end_date: 2026-01-22\n", "").replace("    day: 2026-01-2", "    # ")
        (library / f"2026-02-0{day}.yaml").write_text(text, encoding="utf-8")

    def slow(path: Path | str) -> LoadResult:
        time.sleep(0.3)  # a network share, or a library of thousands
        return load_file(path)

    monkeypatch.setattr("briefing_reader.app.load_file", slow)

    async def scenario() -> None:
        app = BriefingApp(library, watch=False)
        async with app.run_test(size=(160, 48)) as pilot:
            # A briefing open: its long date is in the title bar (the list shows ISO dates).
            early = await screen_once(
                pilot, app, "a briefing open", lambda text: "February 2026" in text
            )
            assert "Loading" in early
            assert "of 6 briefings" in early
            await pilot.press("3")  # reading already: the positions pane
            await screen_once(
                pilot, app, "positions", lambda text: "Honouring Alliance commitments" in text
            )
            done = await screen_once(pilot, app, "loading done", lambda text: "Loading" not in text)
            assert [day for day in range(1, 7) if f"2026-02-0{day}" not in done] == []

    asyncio.run(scenario())
