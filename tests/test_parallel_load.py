"""A cold start of a large library read in helper processes: the same briefings and the
same located problems as reading in the reader's own process, whatever a helper does."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing_reader import cache as cache_module
from briefing_reader import i18n, parallel_load
from briefing_reader.app import BriefingApp
from briefing_reader.catalogue import Prepared
from briefing_reader.loader import load_file
from briefing_reader.parallel_load import Helpers
from conftest import SEED, run_cli
from pilot import drive, screen_text

NEVER = threading.Event()


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Helpers start only on a machine of two cores or more: every test here has two."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)


def mixed_library(folder: Path, copies: int = 6) -> list[Path]:
    """Briefings of every marking, files that do not load for different reasons, a FIFO and
    a subfolder: the newest first, as the reader hands them to helpers."""
    folder.mkdir(parents=True)
    seed = SEED.read_text(encoding="utf-8")
    for number in range(copies):
        text = seed.replace("date: 2026-01-21", f"date: 2026-01-{number + 1:02d}", 1)
        text = text.replace("title: ", f"title: Copy {number} of ", 1)
        if number % 3 == 1:
            text = text.replace("classification: UNCLASSIFIED", "classification: NATO SECRET")
        (folder / f"2026-01-{number + 1:02d}-copy.yaml").write_text(text, encoding="utf-8")
    (folder / "broken-syntax.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (folder / "broken-schema.yaml").write_text("title: x\ndate: Jan 21\n", encoding="utf-8")
    (folder / "not-utf8.yaml").write_bytes(b"title: caf\xe9\n")
    os.mkfifo(folder / "a-fifo.yaml")
    (folder / "sub").mkdir()
    (folder / "sub" / "2026-02-01-nested.yaml").write_text(seed, encoding="utf-8")
    return sorted(
        (path for path in folder.rglob("*.yaml")), key=lambda path: path.name, reverse=True
    )


def helpers_started(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """The files given to each Helpers started from now on (by the reader or validate)."""
    started: list[list[Path]] = []
    real_init = Helpers.__init__

    def counted(
        self: Helpers, given: Sequence[Path], count: int, *, verdicts_only: bool = False
    ) -> None:
        started.append(list(given))
        real_init(self, given, count, verdicts_only=verdicts_only)

    monkeypatch.setattr(Helpers, "__init__", counted)
    return started


async def lists_each_file_as_read_alone(
    paths: list[Path], pilot: Pilot[None], app: BriefingApp
) -> None:
    """The reader lists every file with the briefing and problems reading it alone gives."""
    assert len(app.catalogue) == len(paths)
    for path in paths:
        result = app.catalogue.result(path)
        assert result is not None
        assert result.briefing == load_file(path).briefing
        assert result.problems == load_file(path).problems


def read_by_helpers(paths: list[Path], count: int = 2) -> tuple[dict[Path, Prepared], list[Path]]:
    with Helpers(paths, count) as helpers:
        answered = {prepared.result.path: prepared for prepared in helpers.answers(NEVER)}
        return answered, helpers.unanswered()


def test_helpers_answer_for_every_file_as_the_reader_itself_would_read_it(tmp_path: Path) -> None:
    paths = mixed_library(tmp_path / "library")
    answered, unanswered = read_by_helpers(paths)
    assert unanswered == []
    assert sorted(answered) == sorted(paths)
    for path in paths:
        mine = Prepared.of(load_file(path))
        theirs = answered[path]
        assert theirs.result.briefing == mine.result.briefing, path
        assert theirs.result.problems == mine.result.problems, path
        assert [str(problem) for problem in theirs.result.problems] == [
            str(problem) for problem in mine.result.problems
        ]
        assert theirs.text.text == mine.text.text, path
        assert theirs.topics.counts == mine.topics.counts, path
    broken = answered[tmp_path / "library" / "broken-schema.yaml"].result.problems
    assert broken
    assert all(problem.line >= 1 and problem.column >= 1 for problem in broken)


def test_problems_said_before_the_user_switched_language_are_read_again(tmp_path: Path) -> None:
    paths = mixed_library(tmp_path / "library", copies=2)
    broken = {path for path in paths if load_file(path).briefing is None}
    with Helpers(paths, 2) as helpers:
        i18n.set_language("it")
        answered = {prepared.result.path for prepared in helpers.answers(NEVER)}
        assert answered == set(paths) - broken
        assert set(helpers.unanswered()) == broken


def test_helpers_say_problems_in_the_reader_s_language(tmp_path: Path) -> None:
    paths = mixed_library(tmp_path / "library", copies=1)
    i18n.set_language("it")
    answered, _ = read_by_helpers(paths)
    for path in paths:
        assert answered[path].result.problems == load_file(path).problems
    italian = answered[tmp_path / "library" / "a-fifo.yaml"].result.problems[0].message
    i18n.set_language("en")
    assert load_file(tmp_path / "library" / "a-fifo.yaml").problems[0].message != italian


def test_a_helper_runs_no_code_from_the_working_folder_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `yaml.py` beside the briefings (or on PYTHONPATH) is never imported by a helper."""
    paths = mixed_library(tmp_path / "library", copies=2)
    ran = tmp_path / "ran"
    for folder in (tmp_path / "library", tmp_path / "elsewhere"):
        folder.mkdir(exist_ok=True)
        (folder / "yaml.py").write_text(f"open({str(ran)!r}, 'w').close()\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "library")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "elsewhere"))
    answered, unanswered = read_by_helpers(paths)
    assert unanswered == []
    assert len(answered) == len(paths)
    assert not ran.exists()


CHUNKS_DOCTORED = """\
import os, pickle, sys
job = sys.stdin.buffer.read()
sys.path.insert(0, {package!r})
from briefing_reader import cache
from briefing_reader.catalogue import Prepared
from briefing_reader.loader import load_file
for name in job.split(b"\\0")[1:]:
    result = load_file(os.fsdecode(name))
    if result.briefing is not None:
        prepared = Prepared.of(result)
        text, counts = prepared.text.text, prepared.topics.counts
        kept = cache.Kept((0, 0, 0, 0), result.briefing, text, counts)
        chunk = cache.chunk_of([(result.path.name, kept)])
        DOCTOR
        answer = (os.fsencode(result.path.parent), chunk, [], [])
        sys.stdout.buffer.write(pickle.dumps(answer))
"""
"""A helper answering for each briefing with a real chunk, doctored (DOCTOR)."""

HELPERS_THAT_FAIL = {
    "exits at once": "pass",
    "says nonsense": "import sys; sys.stdout.buffer.write(b'not a pickle at all')",
    "answers with code to run": """\
import os, pickle, sys
class Run:
    def __reduce__(self):
        return (os.system, ("touch " + {ran!r},))
sys.stdin.buffer.read()
sys.stdout.buffer.write(pickle.dumps(Run()))
""",
    "answers with chunks that fail the check": CHUNKS_DOCTORED.replace(
        "DOCTOR", 'chunk[2][cache._AT_ONCE.index("title")][0] = 42  # a title, not text'
    ),
    "answers with topic counts that are not numbers": CHUNKS_DOCTORED.replace(
        "DOCTOR", 'chunk[5][0] = {"ukraine": [1]}  # unhashable, where a count goes'
    ),
    "dies halfway": (
        "import sys, os; job = sys.stdin.buffer.read(); sys.path.insert(0, {package!r}); "
        "from briefing_reader.parallel_load import serve; "
        "first = job.split(b'\\0')[:3]; serve(b'\\0'.join(first)); os._exit(9)"
    ),
}


@pytest.mark.parametrize("helper", HELPERS_THAT_FAIL)
def test_every_file_a_helper_fails_to_answer_for_is_read_by_the_reader(
    helper: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = str(Path(parallel_load.__file__).resolve().parent.parent)
    ran = tmp_path / "ran"
    script = HELPERS_THAT_FAIL[helper].replace("{package!r}", repr(package))
    script = script.replace("{ran!r}", repr(str(ran)))
    monkeypatch.setattr(parallel_load, "helper_command", lambda: [sys.executable, "-c", script])
    paths = mixed_library(tmp_path / "library", copies=4)
    answered, unanswered = read_by_helpers(paths)
    if helper == "dies halfway":  # two files each, then gone
        assert len(answered) == 4
    else:
        assert answered == {}
    assert sorted([*answered, *unanswered]) == sorted(paths)
    assert not ran.exists()

    monkeypatch.setattr(parallel_load, "HELPERS_FROM", 2)

    drive(tmp_path / "library", partial(lists_each_file_as_read_alone, paths))


def test_a_helper_that_cannot_start_leaves_the_reading_to_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel_load, "helper_command", lambda: [str(tmp_path / "no-python")])
    paths = mixed_library(tmp_path / "library", copies=2)
    answered, unanswered = read_by_helpers(paths)
    assert answered == {}
    assert unanswered == paths


def test_closing_stops_every_helper(tmp_path: Path) -> None:
    """As when the reader is closed while a large library loads."""
    paths = mixed_library(tmp_path / "library", copies=400)
    helpers = Helpers(paths, 2)
    first = next(helpers.answers(NEVER))
    assert first.result.path in paths[:2]
    helpers.close()
    assert [process.returncode for process in helpers._processes] == [-signal.SIGKILL] * 2
    assert len(helpers.unanswered()) > 300


def test_a_large_library_opened_cold_is_read_in_helpers_and_warm_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a user sees: every briefing listed, the broken ones with their located problems,
    and the next start reads the cache (the helpers' chunks were kept)."""
    library = tmp_path / "library"
    paths = mixed_library(library, copies=9)
    for path in paths:
        if not path.name.endswith("fifo.yaml"):
            os.utime(path, (1e9, 1e9))  # saved long ago: cacheable
    started = helpers_started(monkeypatch)
    monkeypatch.setattr(parallel_load, "HELPERS_FROM", 4)

    async def listed(pilot: Pilot[None], app: BriefingApp) -> None:
        assert len(app.catalogue) == len(paths)
        text = screen_text(app)
        assert "Copy 8 of" in text
        problems = app.catalogue.result(library / "broken-schema.yaml")
        assert problems is not None
        assert problems.problems == load_file(problems.path).problems

    drive(library, listed, size=(160, 48))
    assert [len(given) for given in started] == [len(paths) - 1]  # the newest read at once

    parsed: list[Path] = []

    def counting_load(path: Path | str) -> object:
        parsed.append(Path(path))
        return load_file(path)

    monkeypatch.setattr("briefing_reader.app.load_file", counting_load)
    started.clear()

    drive(library, partial(lists_each_file_as_read_alone, paths))
    kept = {
        path
        for path in paths
        if (briefing := load_file(path).briefing) is not None and cache_module.releasable(briefing)
    }
    assert len(kept) == 7  # six unclassified copies and the nested seed
    read_again = set(parsed).union(*started)
    assert read_again
    assert not kept & read_again


def test_validate_of_a_large_folder_reads_it_in_helpers_and_says_what_it_says_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    paths = mixed_library(library, copies=6)
    for path in paths:
        os.utime(path, (1e9, 1e9))  # saved long ago: its verdict is kept
    given = helpers_started(monkeypatch)

    def validate(*options: str) -> tuple[int, str, str]:
        code = run_cli(["validate", *options, str(library)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    monkeypatch.setattr(parallel_load, "HELPERS_FROM", 10**9)
    alone = validate("--no-cache")
    assert given == []
    assert alone[0] == 1
    assert "broken-schema.yaml:2:7: date:" in alone[2]

    monkeypatch.setattr(parallel_load, "HELPERS_FROM", 4)
    assert validate("--no-cache") == alone
    assert sorted(given.pop()) == sorted(paths)
    assert validate() == alone  # cold: the verdicts are kept as they arrive
    assert sorted(given.pop()) == sorted(paths)
    assert validate() == alone  # warm: only the files whose verdicts can't be kept are read
    read_again = {path.name for path in given.pop()}
    assert read_again == {
        "a-fifo.yaml",
        "broken-syntax.yaml",
        "broken-schema.yaml",
        "not-utf8.yaml",
    }


@pytest.mark.parametrize("more", [0, 1])
def test_helpers_start_from_helpers_from_files_unread(
    more: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the README says: a library of HELPERS_FROM files or more that the cache does not
    know is read by helpers; a smaller one in the reader alone."""
    library = tmp_path / "library"
    paths = mixed_library(library, copies=3)
    monkeypatch.setattr(parallel_load, "HELPERS_FROM", len(paths) + more)
    started = helpers_started(monkeypatch)

    async def listed(pilot: Pilot[None], app: BriefingApp) -> None:
        assert len(app.catalogue) == len(paths)

    drive(library, listed)
    assert [len(given) for given in started] == ([] if more else [len(paths) - 1])


def test_validate_says_each_verdict_as_soon_as_those_before_it_are_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With helpers, `validate` streams in file order: the first files' verdicts while the
    helpers still read the rest (here they stall after three files each)."""
    from briefing_reader import cli
    from briefing_reader.cache import LoadCache

    package = str(Path(parallel_load.__file__).resolve().parent.parent)
    stalling = (
        "import sys, time; job = sys.stdin.buffer.read(); sys.path.insert(0, {package!r}); "
        "from briefing_reader.parallel_load import serve; "
        "serve(b'\\0'.join(job.split(b'\\0')[:4])); time.sleep(60); {marker!r}"
    ).replace("{package!r}", repr(package))
    stalling = stalling.replace("{marker!r}", repr(str(tmp_path)))
    monkeypatch.setattr(parallel_load, "helper_command", lambda: [sys.executable, "-c", stalling])
    monkeypatch.setattr(parallel_load, "HELPERS_FROM", 4)
    files = sorted(mixed_library(tmp_path / "library", copies=8))
    verdicts = cli._verdicts(files, LoadCache(enabled=False))
    started = time.monotonic()
    first = [next(verdicts) for _ in range(4)]  # two helpers, three files each: six known
    assert time.monotonic() - started < 30
    assert first == [load_file(path).problems for path in files[:4]]
    assert _processes_naming(str(tmp_path))
    verdicts.close()  # as when the output is closed: the helpers are stopped
    assert not _processes_naming(str(tmp_path))


def _processes_naming(marker: str) -> list[str]:
    """The command lines of the running processes that hold `marker` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in line:
            found.append(line)
    return found
