"""The load cache: faster second runs that are never wrong, and never a way in."""

from __future__ import annotations

import os
import pickle
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from briefing_reader import cache as cache_module
from briefing_reader import model
from briefing_reader.app import BriefingApp
from briefing_reader.cache import LoadCache
from briefing_reader.catalogue import Prepared
from briefing_reader.loader import LoadResult, load_file
from briefing_reader.screens.search import PAGE_SPARE
from briefing_reader.search import SearchIndex
from conftest import MINIMAL, SEED, run_cli, write
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
    """A good and a bad briefing, both UNCLASSIFIED: the only kind the cache keeps whole."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "good.yaml").write_bytes(SEED.read_bytes())  # classification: UNCLASSIFIED
    settled(folder / "good.yaml")
    (folder / "bad.yaml").write_text(
        "title: x\ndate: 21 January\nclassification: UNCLASSIFIED\n", encoding="utf-8"
    )
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

    code, out, err = validate(capsys, str(library))
    notice = f"briefing validate: working without a cache: {blocker / 'cache'} could not be made"
    assert (code, out) == expected[:2]
    assert err.startswith(expected[2] + notice)  # the same, and said once
    assert err.count("without a cache") == 1
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

    library = tmp_path / "slow"
    library.mkdir()
    for day in range(1, 7):
        text = SEED.read_text(encoding="utf-8").replace("date: 2026-01-21", f"date: 2026-02-0{day}")
        text = text.replace("end_date: 2026-01-22\n", "").replace("    day: 2026-01-2", "    # ")
        (library / f"2026-02-0{day}.yaml").write_text(text, encoding="utf-8")

    first_read = threading.Lock()
    share_answers = threading.Event()  # the share answers once the test has looked

    def slow(path: Path | str) -> LoadResult:
        """The first file comes at once; the rest wait, as on a slow share, until released."""
        if not first_read.acquire(blocking=False):
            share_answers.wait(timeout=10)
        return load_file(path)

    monkeypatch.setattr("briefing_reader.app.load_file", slow)

    async def scenario() -> None:
        app = BriefingApp(library, watch=False)
        async with app.run_test(size=(160, 48)) as pilot:
            # A briefing open: its long date is in the title bar (the list shows ISO dates).
            early = await screen_once(
                pilot,
                app,
                "a briefing open, the library still loading",
                lambda text: "February 2026" in text and "Loading" in text,
            )
            assert "of 6 briefings" in early
            await pilot.press("3")  # reading already: the positions pane
            await screen_once(
                pilot, app, "positions", lambda text: "Honouring Alliance commitments" in text
            )
            share_answers.set()
            done = await screen_once(pilot, app, "loading done", lambda text: "Loading" not in text)
            assert [day for day in range(1, 7) if f"2026-02-0{day}" not in done] == []

    asyncio.run(scenario())


# --- Files as they really are: what the cache may hold, where, and how much -------------------

CANARY = "Canary-Q7ZX text that must stay in the file"


def briefing_marked(classification: str | None, title: str = CANARY) -> str:
    """The minimal briefing with a title to look for, and a classification line (or none)."""
    text = MINIMAL.replace("A minimal briefing", title)
    return text + (f"classification: {classification}\n" if classification else "")


def cache_bytes(folder: Path) -> bytes:
    """Every byte the cache holds, with every briefing's items inflated (they are kept
    compressed, where a leak of their text would not show)."""
    found = [path.read_bytes() for path in folder.rglob("*") if path.is_file()]
    for chunk in folder.rglob("*.chunk"):
        found += [zlib.decompress(items) for items in pickle.loads(chunk.read_bytes())[3]]
    return b"".join(found)


def fill_the_cache(folder: Path) -> None:
    """Everything the CLI and the reader would keep of `folder`: verdicts and briefings."""
    cache = LoadCache()
    kept = []
    for path in sorted(folder.glob("*.yaml")):
        stamp = cache_module.stamp_of(path)
        assert stamp is not None
        result = load_file(path)
        cache.remember(result, stamp)
        if result.briefing is not None:
            prepared = Prepared.of(result)
            text, counts = prepared.text.text, prepared.topics.counts
            kept.append((path, cache_module.Kept(stamp, result.briefing, text, counts)))
    cache.save(kept)


@pytest.mark.parametrize(
    "classification",
    [None, "RESTRICTED", "NATO CONFIDENTIAL", "SECRET", "TOP SECRET", "RISERVATO", "DRAFT"],
)
def test_the_content_of_a_briefing_not_marked_unclassified_never_reaches_the_cache(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    cache_folder: Path,
    classification: str | None,
) -> None:
    """The rule: only an UNCLASSIFIED briefing is kept whole. Of any other, good or broken,
    validated or read, the cache holds nothing of its text; a good one keeps that it loads."""
    folder = tmp_path / "marked"
    good = settled(write(folder, briefing_marked(classification), "good.yaml"))
    broken_text = briefing_marked(classification) + f"colour: {CANARY}\n"
    broken = settled(write(folder, broken_text, "broken.yaml"))
    validate(capsys, str(folder))
    drive(folder, _read_a_little)
    fill_the_cache(folder)

    assert any(cache_folder.iterdir())
    assert CANARY.encode() not in cache_bytes(cache_folder)
    assert b"colour" not in cache_bytes(cache_folder)
    assert LoadCache().known_problems(good, cache_module.stamp_of(good)) == ()
    assert LoadCache().known_problems(broken, cache_module.stamp_of(broken)) is None


def test_an_unclassified_briefing_is_kept_whole_so_the_canary_test_can_see(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cache_folder: Path
) -> None:
    """The same files marked UNCLASSIFIED are kept whole: the test above would see a leak."""
    folder = tmp_path / "public"
    settled(write(folder, briefing_marked("UNCLASSIFIED"), "good.yaml"))
    settled(write(folder, briefing_marked("UNCLASSIFIED") + "colour: x\n", "broken.yaml"))
    fill_the_cache(folder)

    assert CANARY.encode() in cache_bytes(cache_folder)
    assert b"colour" in cache_bytes(cache_folder)
    assert [len(chunk) for chunk in LoadCache().briefings(folder)] == [1]


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_cache_folder_is_private_and_so_is_every_file_in_it(
    capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path, umask: int
) -> None:
    """Made 0700 with files 0600 whatever the umask; the app's own folder, found wider, is
    narrowed to 0700."""
    monkeypatch = pytest.MonkeyPatch()
    try:
        monkeypatch.delenv("BRIEFING_READER_CACHE")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        previous = os.umask(umask)
        try:
            validate(capsys, str(library))
            fill_the_cache(library)
        finally:
            os.umask(previous)
        folder = tmp_path / "xdg" / "briefing-reader"
        assert folder.stat().st_mode & 0o777 == 0o700
        modes = {path.name: path.stat().st_mode & 0o777 for path in folder.iterdir()}
        assert modes
        assert set(modes.values()) == {0o600}, modes

        folder.chmod(0o755)
        validate(capsys, str(library))
        assert folder.stat().st_mode & 0o777 == 0o700
    finally:
        monkeypatch.undo()


NO_HOME = """\
import pwd, sys
def no_entry(uid):
    raise KeyError(f"getpwuid(): uid not found: {uid}")
pwd.getpwuid = no_entry
from briefing_reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_with_no_home_folder_validate_runs_without_a_cache_and_says_so_once(
    tmp_path: Path,
) -> None:
    """No home folder: HOME unset, and the user has no password entry. Simulated in a
    subprocess (this suite runs as root, whose Python lives in /root, 0700: a real uid with
    no passwd entry, e.g. setuid(54321), could not even start it): HOME is removed from the
    environment and pwd.getpwuid raises KeyError, as it does for such a uid."""
    import subprocess
    import sys

    good = write(tmp_path / "lib", MINIMAL, "good.yaml")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HOME", "XDG_CACHE_HOME", "BRIEFING_READER_CACHE")
    }
    run = subprocess.run(
        [sys.executable, "-c", NO_HOME, "validate", str(good)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert "Traceback" not in run.stderr
    assert (run.returncode, run.stdout) == (0, "1 file checked: all valid\n")
    assert run.stderr.count("without a cache") == 1
    assert "no user cache folder" in run.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["lib"]  # no "~" made here


def test_with_no_home_folder_the_reader_works_and_can_say_why_there_is_no_cache(
    monkeypatch: pytest.MonkeyPatch, library: Path
) -> None:
    """Simulated in-process: HOME unset, and pwd.getpwuid raising as for a uid with no entry."""
    import pwd

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for name in ("HOME", "XDG_CACHE_HOME", "BRIEFING_READER_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)

    reason = cache_module.cache_unusable()
    assert reason is not None
    assert "no user cache folder" in reason
    assert cache_module.cache_folder() is None

    seen: list[str] = []

    async def look(pilot: Pilot[None], app: BriefingApp) -> None:
        seen.append(screen_text(app))

    drive(library, look, size=(160, 48))
    assert "Chiefs of Defence" in seen[0]


def test_a_relative_xdg_cache_home_is_ignored_so_nothing_lands_beside_the_briefings(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    library: Path,
    tmp_path: Path,
) -> None:
    """The XDG spec: a relative XDG_CACHE_HOME is invalid and is ignored."""
    monkeypatch.delenv("BRIEFING_READER_CACHE")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(library)
    before = sorted(path.name for path in library.rglob("*"))
    for relative in (".", "cache", "./x"):
        monkeypatch.setenv("XDG_CACHE_HOME", relative)
        validate(capsys, ".")
        drive(library, _read_a_little)

    assert sorted(path.name for path in library.rglob("*")) == before
    assert any((tmp_path / "home" / ".cache" / "briefing-reader").iterdir())
    monkeypatch.setenv("BRIEFING_READER_CACHE", "relative/cache")
    assert cache_module.cache_folder() is None
    assert "absolute" in (cache_module.cache_unusable() or "")


def _verdicts(folder: Path) -> Path:
    [path] = folder.glob("*.verdicts")
    return path


def _doctor_verdicts(cache: Path, change: Callable[[Any], Any]) -> None:
    path = _verdicts(cache)
    path.write_bytes(pickle.dumps(change(pickle.loads(path.read_bytes())), protocol=5))


def _first_entry(data: Any, value: Any) -> Any:
    directory, verdicts, chunks = data
    name = next(name for name, entry in verdicts.items() if entry[1])
    return directory, {**verdicts, name: value(verdicts[name])}, chunks


def _shared_verdicts(data: Any) -> Any:
    """99,999 entries that share one tuple of 20,000 problems: small as a pickle, two billion
    problems to check one by one."""
    stamp = next(iter(data[1].values()))[0]
    shared = (stamp, ((2, 7, "m"),) * 20_000)
    return data[0], {f"{i}.yaml": shared for i in range(99_999)}, data[2]


VERDICT_DOCTORINGS: dict[str, Callable[[Any], Any]] = {
    "problem-field-missing": lambda d: _first_entry(d, lambda e: (e[0], (e[1][0][:2],))),
    "problem-field-extra": lambda d: _first_entry(d, lambda e: (e[0], (e[1][0] + ("x",),))),
    "line-not-a-number": lambda d: _first_entry(d, lambda e: (e[0], (("2", 7, "m"),))),
    "line-a-bool": lambda d: _first_entry(d, lambda e: (e[0], ((True, 7, "m"),))),
    "line-negative": lambda d: _first_entry(d, lambda e: (e[0], ((-2, 7, "m"),))),
    "message-huge": lambda d: _first_entry(d, lambda e: (e[0], ((2, 7, "m" * 10**6),))),
    "problems-a-list": lambda d: _first_entry(d, lambda e: (e[0], list(e[1]))),
    "problems-a-million": lambda d: _first_entry(d, lambda e: (e[0], e[1] * 10**6)),
    "stamp-text": lambda d: _first_entry(d, lambda e: (str(e[0]), e[1])),
    "entry-short": lambda d: _first_entry(d, lambda e: (e[0],)),
    "verdicts-a-list": lambda d: (d[0], list(d[1].items()), d[2]),
    "one-long-verdict-shared-by-many": lambda d: _shared_verdicts(d),
    "chunks-a-billion": lambda d: (d[0], d[1], 10**9),
    "chunks-negative": lambda d: (d[0], d[1], -1),
    "chunks-text": lambda d: (d[0], d[1], "1"),
    "name-a-path": lambda d: (d[0], {f"../{k}": v for k, v in d[1].items()}, d[2]),
    "other-folder": lambda d: ("/elsewhere", d[1], d[2]),
    "a-dict": lambda d: {"verdicts": d},
}


@pytest.mark.parametrize("doctoring", VERDICT_DOCTORINGS)
def test_a_doctored_verdict_is_discarded_and_rebuilt(
    capsys: pytest.CaptureFixture[str], library: Path, cache_folder: Path, doctoring: str
) -> None:
    """Well-formed pickles with the wrong shape, types, counts or sizes: never a traceback,
    never a hang, never a wrong answer; the cache is rewritten whole."""
    import threading

    expected = validate(capsys, str(library))
    fill_the_cache(library)
    _doctor_verdicts(cache_folder, VERDICT_DOCTORINGS[doctoring])

    assert validate(capsys, str(library)) == expected
    answers: list[int] = []
    reading = threading.Thread(
        target=lambda: answers.append(sum(1 for _ in LoadCache().briefings(library))),
        daemon=True,
    )
    reading.start()
    reading.join(10)
    assert not reading.is_alive(), "reading the doctored cache still runs after 10 s"
    assert answers[0] <= 1
    fill_the_cache(library)
    assert validate(capsys, str(library)) == expected
    assert LoadCache().known_problems(
        library / "bad.yaml", cache_module.stamp_of(library / "bad.yaml")
    )


def _chunk(folder: Path) -> Path:
    [path] = folder.glob("*.chunk")
    return path


Entry = tuple[Any, Any, bytes, bytes, Any]
"""A chunk's entry: stamp, scalar fields, items (compressed pickle), search text, topics."""


def _rows_of(columns: Any) -> dict[str, Entry]:
    """A chunk's entries by file name (it is written by column: see cache.Chunk)."""
    names, stamps, scalars, items, texts, counts = columns
    rows = zip(stamps, zip(*scalars, strict=True), items, texts, counts, strict=True)
    return dict(zip(names, rows, strict=True))


def _columns_of(rows: dict[str, Any]) -> Any:
    entries = list(rows.values())
    scalars = tuple(list(column) for column in zip(*[entry[1] for entry in entries], strict=True))
    parts = [[entry[part] for entry in entries] for part in (0, 2, 3, 4)]
    return (list(rows), parts[0], scalars, *parts[1:])


def _by_rows(change: Callable[[dict[str, Entry]], Any]) -> Callable[[Any], Any]:
    """A doctoring of the chunk's entries by name, as a doctoring of the chunk."""
    return lambda columns: _columns_of(change(_rows_of(columns)))


def _with_entry(change: Callable[[Entry], Any]) -> Callable[[Any], Any]:
    def doctor(rows: dict[str, Entry]) -> Any:
        [(name, entry)] = rows.items()
        return {name: change(entry)}

    return _by_rows(doctor)


def _scalar(field: str, value: Any) -> Callable[[Any], Any]:
    """Set one of the briefing's scalar fields (kept as they are, checked on reading)."""
    position = cache_module._AT_ONCE.index(field)

    def change(entry: Entry) -> Entry:
        scalars = list(entry[1])
        scalars[position] = value
        return (entry[0], tuple(scalars), *entry[2:])

    return _with_entry(change)


def _part(position: int, value: Any) -> Callable[[Any], Any]:
    return _with_entry(lambda entry: (*entry[:position], value, *entry[position + 1 :]))


CHUNK_DOCTORINGS: dict[str, Callable[[Any], Any]] = {
    "title-a-number": _scalar("title", 42),
    "title-huge": _scalar("title", "x" * (2 * 1024 * 1024)),
    "title-missing": _scalar("title", None),
    "date-text": _scalar("date", "2026-01-21"),
    "a-secret-briefing": _scalar("classification", "SECRET"),
    "scalars-short": _with_entry(lambda entry: (entry[0], entry[1][:-1], *entry[2:])),
    "stamp-text": _part(0, "stamp"),
    "items-text": _part(2, "agenda"),
    "items-huge": _part(2, b"x" * (5 * 1024 * 1024)),
    "search-text-a-str": _with_entry(lambda entry: (*entry[:3], entry[3].decode(), entry[4])),
    "topic-counts-a-list": _with_entry(lambda entry: (*entry[:4], list(entry[4]))),
    "topic-counts-bad-tag": _part(4, {"NOT A TAG": 1}),
    "topic-counts-negative": _with_entry(lambda e: (*e[:4], dict.fromkeys(e[4], -1))),
    "a-list": list,
    "a-column-short": lambda d: (d[0], d[1][:0], *d[2:]),
    "a-column-a-tuple": lambda d: (d[0], tuple(d[1]), *d[2:]),
    "name-with-a-slash": lambda d: (["../good.yaml"], *d[1:]),
    "name-twice": lambda d: (
        d[0] * 2,
        d[1] * 2,
        tuple(column * 2 for column in d[2]),
        d[3] * 2,
        d[4] * 2,
        [dict(d[5][0]), dict(d[5][0])],
    ),
    "a-thousand-entries": _by_rows(
        lambda d: {f"{i}.yaml": v for i in range(1000) for v in d.values()}
    ),
    "one-entry-shared-by-many": _by_rows(
        lambda d: {f"{i}.yaml": v for i in range(500) for v in d.values()}
    ),
}
"""Doctorings found as the chunk is read: the whole chunk is skipped."""


def _items(change: Callable[[dict[str, Any]], Any]) -> Callable[[Any], Any]:
    """Change a briefing's items (kept as a compressed pickle, checked when first read)."""

    def doctor(entry: Entry) -> Entry:
        values = dict(
            zip(cache_module._LATER, pickle.loads(zlib.decompress(entry[2])), strict=True)
        )
        changed = change(values)
        data = changed if isinstance(changed, bytes) else pickle.dumps(tuple(changed.values()))
        return (entry[0], entry[1], zlib.compress(data), entry[3], entry[4])

    return _with_entry(doctor)


def _set(field: str, value: Callable[[dict[str, Any]], Any]) -> Callable[[Any], Any]:
    return _items(lambda values: {**values, field: value(values)})


ITEM_DOCTORINGS: dict[str, Callable[[Any], Any]] = {
    "agenda-a-list": _set("agenda", lambda v: list(v["agenda"])),
    "agenda-of-text": _set("agenda", lambda v: ("a", "b")),
    "agenda-a-million": _set("agenda", lambda v: v["agenda"][:1] * 10**6),
    "agenda-of-shared-values": _set("agenda", lambda v: v["agenda"][:1] * 19_000),
    "bad-topic": _set("agenda", lambda v: (dataclasses_replace(v["agenda"][0], topics=("NO",)),)),
    "source-a-position": _set("source", lambda v: v["positions"][0]),
    "one-field-short": _items(lambda values: pickle.dumps(tuple(values.values())[:-1])),
    "code-to-run": _items(lambda values: pickle.dumps(_Exploit())),
    "not-a-pickle": _with_entry(lambda entry: (*entry[:2], zlib.compress(b"junk"), *entry[3:])),
    "not-compressed": _with_entry(lambda entry: (*entry[:2], b"junk", *entry[3:])),
    "a-bomb": _with_entry(lambda entry: (*entry[:2], zlib.compress(b"0" * 10**8), *entry[3:])),
}
"""Doctorings found only when the briefing's items are first read: the file is read."""


def dataclasses_replace(item: Any, **fields: Any) -> Any:
    import dataclasses

    return dataclasses.replace(item, **fields)


def _doctor_the_chunk(library: Path, cache_folder: Path, doctor: Callable[[Any], Any]) -> None:
    fill_the_cache(library)
    chunk = _chunk(cache_folder)
    data = _unpickle_model(chunk.read_bytes())
    chunk.write_bytes(pickle.dumps(doctor(data), protocol=5))


@pytest.mark.parametrize("doctoring", CHUNK_DOCTORINGS)
def test_a_doctored_chunk_of_briefings_is_discarded_and_rebuilt(
    library: Path, cache_folder: Path, doctoring: str
) -> None:
    """A chunk must hold what the model allows, field by field, as a file must: anything
    else is skipped (the reader loads those files afresh) and rewritten on the next save."""
    _doctor_the_chunk(library, cache_folder, CHUNK_DOCTORINGS[doctoring])

    assert list(LoadCache().briefings(library)) == []
    seen: list[str] = []

    async def look(pilot: Pilot[None], app: BriefingApp) -> None:
        seen.append(screen_text(app))

    drive(library, look, size=(160, 48))
    assert "Chiefs of Defence" in seen[0]
    fill_the_cache(library)  # the reader's next save (it saves after painting: not awaited)
    assert [len(chunk) for chunk in LoadCache().briefings(library)] == [1]


@pytest.mark.parametrize("doctoring", ITEM_DOCTORINGS)
def test_doctored_items_are_read_from_the_file_instead(
    monkeypatch: pytest.MonkeyPatch,
    library: Path,
    cache_folder: Path,
    tmp_path: Path,
    doctoring: str,
) -> None:
    """A briefing is listed from its scalar fields and its items are made when first read:
    items that fail their check then (as strictly as a file's) are read from the file, and
    the briefing shows what the file says, never what the cache was made to say."""
    _doctor_the_chunk(library, cache_folder, ITEM_DOCTORINGS[doctoring])
    expected = load_file(library / "good.yaml").briefing
    assert expected is not None
    parsed: list[Path] = []

    def counted(path: Path) -> LoadResult:
        parsed.append(path)
        return load_file(path)

    monkeypatch.setattr(cache_module, "load_file", counted)
    monkeypatch.chdir(tmp_path)
    [chunk] = LoadCache().briefings(library)
    briefing = chunk["good.yaml"].briefing
    assert parsed == [], "the items were read before anything asked for them"

    assert briefing == expected
    assert parsed == [library.absolute() / "good.yaml"]
    assert not (tmp_path / "pwned-by-cache").exists()


def test_a_briefing_read_from_the_cache_is_the_briefing_its_file_holds(
    monkeypatch: pytest.MonkeyPatch, library: Path, cache_folder: Path
) -> None:
    """Listed from its scalars, whole when read, and never parsed again to be so."""
    fill_the_cache(library)
    expected = load_file(library / "good.yaml").briefing
    forbid_parsing(monkeypatch)
    [chunk] = LoadCache().briefings(library)
    kept = chunk["good.yaml"]

    assert kept.briefing.title == expected.title  # type: ignore[union-attr]
    assert model.filler_of(kept.briefing) is not None  # its items not made yet
    assert kept.briefing == expected
    assert model.filler_of(kept.briefing) is None
    prepared = Prepared.of(LoadResult(library / "good.yaml", expected, ()))
    assert (kept.text, kept.counts) == (prepared.text.text, prepared.topics.counts)


def test_a_full_chunk_of_real_briefings_is_read_back_whole(
    tmp_path: Path, cache_folder: Path
) -> None:
    """A chunk holds up to CHUNK briefings and every one must pass its check: the chunk's
    budget of values counts what each briefing uses, so a folder of hundreds of seeds is
    answered from the cache (a budget that shrank to one briefing's allowance refused all
    but the first 59, and every warm start parsed the rest again)."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(cache_module.CHUNK):
        settled(write(folder, SEED.read_bytes(), f"b{number:04}.yaml"))
    fill_the_cache(folder)

    assert [len(chunk) for chunk in LoadCache().briefings(folder)] == [cache_module.CHUNK]


def test_a_reader_closed_while_it_saves_the_cache_finishes_saving_before_it_exits(
    monkeypatch: pytest.MonkeyPatch, library: Path, cache_folder: Path
) -> None:
    """The save comes after the last file loads and takes seconds at 10,000 briefings: a
    reader closed meanwhile waits for it (`briefing` calls finish_saving once the app has
    closed), or every next start would parse the whole library again."""
    import asyncio

    save = LoadCache.save

    def slowly(cache: LoadCache, *args: Any, **kwargs: Any) -> None:
        time.sleep(1.0)
        save(cache, *args, **kwargs)

    monkeypatch.setattr(LoadCache, "save", slowly)
    app = BriefingApp(library, watch=False)

    async def run() -> None:
        async with app.run_test() as pilot:
            while not app.loaded:
                await pilot.pause(0.01)

    asyncio.run(run())
    app.finish_saving()
    assert [len(chunk) for chunk in LoadCache().briefings(library)] == [1]


def _unpickle_model(data: bytes) -> Any:
    return pickle.loads(data)


def _group_files(cache: Path) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for path in cache.iterdir():
        groups.setdefault(path.name.split(".")[0], set()).add(path.name)
    return groups


def test_the_cache_forgets_folders_that_are_gone_and_other_versions_and_nothing_else(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cache_folder: Path
) -> None:
    import shutil

    gone = settled(write(tmp_path / "gone", briefing_marked("UNCLASSIFIED"), "a.yaml")).parent
    stays = settled(write(tmp_path / "stays", briefing_marked("UNCLASSIFIED"), "a.yaml")).parent
    fill_the_cache(gone)
    fill_the_cache(stays)
    assert len(_group_files(cache_folder)) == 2
    old = cache_folder / f"{'0' * 24}-{'f' * 16}.verdicts"
    old.write_bytes(b"an entry of another version")
    mine = cache_folder / "notes.txt"
    mine.write_text("not the cache's", encoding="utf-8")

    shutil.rmtree(gone)
    settled(write(stays, briefing_marked("UNCLASSIFIED", "Another"), "b.yaml"))
    fill_the_cache(stays)

    assert not old.exists()
    assert mine.exists()
    groups = {k: v for k, v in _group_files(cache_folder).items() if k != "notes"}
    assert len(groups) == 1
    assert [sorted(chunk) for chunk in LoadCache().briefings(stays)] == [["a.yaml", "b.yaml"]]


def test_the_cache_stays_under_its_cap_dropping_the_least_recently_saved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache_folder: Path
) -> None:
    folders = []
    for number in range(3):
        folder = tmp_path / f"lib{number}"
        settled(write(folder, briefing_marked("UNCLASSIFIED"), "a.yaml"))
        folders.append(folder)
    fill_the_cache(folders[0])
    one = sum(path.stat().st_size for path in cache_folder.iterdir())
    monkeypatch.setattr(cache_module, "MAX_CACHE_BYTES", one * 2 + one // 2)
    for folder in folders[1:]:
        time.sleep(0.02)
        fill_the_cache(folder)

    assert sum(path.stat().st_size for path in cache_folder.iterdir()) <= one * 2 + one // 2
    assert list(LoadCache().briefings(folders[0])) == []
    assert [len(chunk) for chunk in LoadCache().briefings(folders[2])] == [1]
    assert [len(chunk) for chunk in LoadCache().briefings(folders[1])] == [1]


def test_an_error_reading_a_file_is_never_cached(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    library: Path,
    cache_folder: Path,
) -> None:
    """A file that could not be read shows that error only while it is unreadable: in
    validate, and after a restart (a new LoadCache, as the reader makes). Simulated: this
    suite runs as root, which every permission lets read; the loader is made to answer as it
    does for EACCES and EIO (its message), then reads the file again."""
    from briefing_reader.loader import Problem, load_file

    good = library / "good.yaml"
    for reason in ("Permission denied", "Input/output error"):
        error = LoadResult(
            good, None, (Problem(str(good), 1, 1, f"cannot read the file: {reason}"),)
        )
        monkeypatch.setattr(cache_module, "load_file", lambda path, error=error: error)
        code, _, err = validate(capsys, str(good))
        assert (code, reason in err) == (1, True)

        monkeypatch.setattr(cache_module, "load_file", load_file)
        code, out, _ = validate(capsys, str(good))
        assert (code, out) == (0, "1 file checked: all valid\n")

        cache = LoadCache()
        cache.remember(error, cache_module.stamp_of(good))
        cache.save()
        assert LoadCache().known_problems(good, cache_module.stamp_of(good)) != error.problems


def test_a_search_text_and_topic_counts_that_lie_never_break_the_reader(
    library: Path, cache_folder: Path
) -> None:
    """A doctored entry's search text and topic counts pass their checks when they only
    lie (a line with no entry, a topic no item carries): a search finds nothing there and
    the topic lists no item, and no key breaks the reader."""

    def lie(entry: Entry) -> Entry:
        return (*entry[:3], entry[3] + b"\nzzzfake", {**entry[4], "zzzfake": 2})

    _doctor_the_chunk(library, cache_folder, _with_entry(lie))
    seen: list[str] = []

    async def look(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("slash", *"zzzfake")
        await pilot.pause(0.3)
        seen.append(screen_text(app))
        await pilot.press("down", "enter", "escape", "escape", "t", "G", "enter", "enter")
        await pilot.pause(0.3)
        seen.append(screen_text(app))
        assert app.is_running

    drive(library, look, size=(120, 40))
    assert "0 hits" in seen[0]
    assert "Chiefs of Defence meet at NATO Headquarters" in seen[1]


def test_a_screen_reading_the_items_shows_the_library_s_marking_meanwhile(
    monkeypatch: pytest.MonkeyPatch, library: Path, cache_folder: Path
) -> None:
    """While the timeline or the topics wait for the items to be made, their banners carry
    the library's marking (they said NO BRIEFING OPEN over a library of briefings); and
    the topics opened while the (kept) timeline still makes them wait for their own
    making (they took the timeline's for theirs, and never filled)."""
    settled(write(library, SEED.read_text(encoding="utf-8"), "other.yaml"))
    fill_the_cache(library)
    monkeypatch.setattr("briefing_reader.app.make_all", lambda briefings, stop: None)
    release = threading.Event()
    made = cache_module._Items.__call__

    def held(self: Any) -> Any:
        if self.name == "other.yaml":
            release.wait(10)
        return made(self)

    monkeypatch.setattr(cache_module._Items, "__call__", held)

    async def look(pilot: Pilot[None], app: BriefingApp) -> None:
        try:
            for key in ("T", "t"):
                await pilot.press(key)
                text = await screen_once(pilot, app, key, lambda t: "Reading the items" in t)
                lines = text.splitlines()
                assert lines[0].strip() == lines[-1].strip() == "UNCLASSIFIED", key
                await pilot.press("escape")
        finally:
            release.set()

    drive(library, look, size=(120, 40))


def test_a_search_typed_before_the_briefings_are_made_makes_only_the_hits_shown(
    monkeypatch: pytest.MonkeyPatch, library: Path, cache_folder: Path
) -> None:
    """Just after a warm start the briefings' items are not made yet: a search finds its
    hits in the cached search text, counts them all, and makes the items of the briefings
    whose hits it shows, a screenful (it made every briefing hit, on the screen's thread:
    up to 590 ms for a keystroke at 10,000). Enter then opens the hit chosen."""
    for number in range(40):
        copy = SEED.read_text(encoding="utf-8").replace(
            "2026-01-21", f"2024-{number % 12 + 1:02}-10"
        )
        settled(write(library, copy, f"copy-{number:02}.yaml"))
    fill_the_cache(library)
    monkeypatch.setattr("briefing_reader.app.make_all", lambda briefings, stop: None)
    made: set[str] = set()
    make = cache_module._Items.__call__

    def recorded(self: Any) -> Any:
        made.add(self.name)
        return make(self)

    monkeypatch.setattr(cache_module._Items, "__call__", recorded)
    per_briefing = len(SearchIndex([load_file(SEED)]).matches("jatec"))
    listed = 40 // 2 + PAGE_SPARE  # hits a 40-line screen lists at first
    seen: list[str] = []

    async def look(pilot: Pilot[None], app: BriefingApp) -> None:
        before = set(made)
        await pilot.press("slash", *"jatec")
        seen.append(await screen_once(pilot, app, "the hits", lambda t: " hits" in t))
        seen.append(" ".join(sorted(made - before)))
        await pilot.press("enter")
        await pilot.pause()
        seen.append(screen_text(app))

    drive(library, look, size=(120, 40))
    hits, shown_made, reader = seen
    assert f"{41 * per_briefing} hits" in hits
    assert 0 < len(shown_made.split()) <= -(-listed // per_briefing), shown_made  # not 40
    assert "JATEC" in reader


def test_the_timeline_opened_before_the_briefings_are_made_makes_them_off_the_screen(
    monkeypatch: pytest.MonkeyPatch, library: Path, cache_folder: Path
) -> None:
    """After a warm start the briefings' items are made in the background; a timeline or a
    topic opened before that is done has them made off the screen's thread (made on it,
    ten thousand froze the reader for seconds), and shows every agenda day. (The briefing
    open in the reader is made as it is shown, on the screen's thread: one is quick.)"""
    settled(write(library, SEED.read_text(encoding="utf-8"), "other.yaml"))
    fill_the_cache(library)
    monkeypatch.setattr("briefing_reader.app.make_all", lambda briefings, stop: None)
    threads: dict[str, str] = {}
    made = cache_module._Items.__call__

    def recorded(self: Any) -> Any:
        threads[self.name] = threading.current_thread().name
        return made(self)

    monkeypatch.setattr(cache_module._Items, "__call__", recorded)
    seen: list[str] = []

    async def look(pilot: Pilot[None], app: BriefingApp) -> None:
        await pilot.press("T")
        seen.append(await screen_once(pilot, app, "the timeline", lambda t: "agenda day" in t))
        await pilot.press("escape", "t")
        seen.append(await screen_once(pilot, app, "a topic", lambda t: "Topics" in t))

    drive(library, look, size=(120, 40))
    assert "2 briefings, 4 agenda days" in seen[0]
    assert threads.get("good.yaml") == "MainThread"  # open in the reader
    assert "other.yaml" in threads, "the timeline showed a briefing that was never made"
    assert threads["other.yaml"] != "MainThread"
