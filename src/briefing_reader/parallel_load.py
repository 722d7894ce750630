"""Reading a large library on every core: helper processes parse a share of the files each.

A cold start (nothing cached) is all parsing: libyaml composes, the loader builds and
checks, the search and topic entries are made, and one process runs one thread at a time.
A helper is this same Python running `serve`, handed its share of the files on stdin. It
answers a batch at a time, in the cache's own chunk format (`cache.Chunk`), which the
reader checks exactly as it checks a chunk read from disk and which keeps each briefing's
items as bytes until they are read; a file that does not load is answered with its
problems. What a helper says is never trusted beyond that: a helper that can't start,
stops, or says anything unexpected costs only time, since every file it has not answered
for is then read in the reader's own process.

Helpers run in isolated mode (`-I`: neither the working folder nor PYTHON* variables can
put code in their path), in a session of their own (no signal from the terminal), and
say nothing on the terminal. Imports neither Textual nor Rich.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import i18n
from .cache import Kept, checked_chunk, chunk_of, is_problem, unpickle_from
from .loader import LoadResult, Problem, load_file

if TYPE_CHECKING:  # imported where used: a `validate` that starts no helper needs none
    import queue
    import subprocess

    from .catalogue import Prepared

HELPERS_FROM = 200
"""Fewer files than this are read in the reader's own process: a helper takes about a
tenth of a second to start, as long as reading some sixty files."""

MAX_HELPERS = 4

BATCH = 50
"""Files a helper answers for at a time (the first alone: something to list at once)."""

_NO_STAMP = (0, 0, 0, 0)
"""A helper's entries carry no stamp: the reader keeps the one its own scan found."""


def helper_count(files: int) -> int:
    """How many helpers to read `files` files with: none for a few files, or on one core."""
    if files < HELPERS_FROM or not sys.executable or getattr(sys, "frozen", False):
        return 0  # embedded or frozen into one program: no Python to start helpers with
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(cores, MAX_HELPERS)


def helper_command() -> list[str]:
    """How a helper is started: this Python, isolated, able to import this package."""
    package_parent = str(Path(__file__).resolve().parent.parent)
    bytecode = ["-B"] if sys.dont_write_bytecode else []
    script = (  # the package's folder first only where it is not in the path already
        "import sys; job = sys.stdin.buffer.read(); "  # not shown: a helper's program
        f"p = {package_parent!r}; p in sys.path or sys.path.insert(0, p); "
        "from briefing_reader.parallel_load import serve; serve(job)"
    )
    return [sys.executable, "-I", *bytecode, "-c", script]


class Helpers:
    """Helper processes reading `paths` between them, each a stripe of it in order (so
    each starts with the first files given: the reader gives the newest first)."""

    def __init__(self, paths: Sequence[Path], count: int, *, verdicts_only: bool = False) -> None:
        self._verdicts_only = verdicts_only
        """Whether only each file's problems are wanted (`validate`), not its briefing."""
        self._language = i18n.language()
        """What helpers say problems in: after a switch, theirs are read here again."""
        self._unanswered: dict[tuple[str, str], Path] = {
            (str(path.parent), path.name): path for path in paths
        }
        self._order = list(paths)
        import queue
        import subprocess

        self._answers: queue.Queue[object] = queue.Queue()
        self._processes: list[subprocess.Popen[bytes]] = []
        self._running = 0
        shares = [self._order[number::count] for number in range(count)]
        for share in shares:
            try:
                process = subprocess.Popen(
                    helper_command(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            except OSError:  # no process can be started here: its share is read in-process
                continue
            self._processes.append(process)
            self._running += 1
            threading.Thread(
                target=self._listen, args=(process,), name="briefing-helper", daemon=True
            ).start()
            header = f"{self._language} {'verdicts' if verdicts_only else 'briefings'}"
            job = b"\0".join([header.encode(), *(os.fsencode(path) for path in share)])
            threading.Thread(
                target=self._hand, args=(process, job), name="briefing-helper-job", daemon=True
            ).start()

    def __enter__(self) -> Helpers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @staticmethod
    def _hand(process: subprocess.Popen[bytes], job: bytes) -> None:
        """Give a helper its share (a pipe holds only so much: written off the load thread,
        so every helper starts reading at once)."""
        assert process.stdin is not None
        try:
            with process.stdin:
                process.stdin.write(job)
        except OSError:  # it has gone: what it did not answer for is read in-process
            pass

    def _listen(self, process: subprocess.Popen[bytes]) -> None:
        """Pass on each of a helper's answers as it arrives; None when it has done or failed."""
        assert process.stdout is not None
        try:
            while True:
                self._answers.put(unpickle_from(process.stdout))
        except Exception:  # the end of its answers (EOFError), or anything unexpected
            pass
        finally:
            self._answers.put(None)

    def answers(self, stop: threading.Event) -> Iterator[Prepared]:
        """Each file a helper read, as it arrives, until every helper has done (or `stop`)."""
        from .catalogue import Prepared

        for path, kept, problems in self._checked_answers(stop):
            if kept is None:
                yield Prepared.of(LoadResult(path, None, problems))
            else:
                yield Prepared.kept(LoadResult(path, kept.briefing, ()), kept.text, kept.counts)

    def verdicts(self, stop: threading.Event) -> Iterator[tuple[Path, tuple[Problem, ...]]]:
        """Each file's problems (none if it loads), as they arrive (see `verdicts_only`)."""
        for path, _kept, problems in self._checked_answers(stop):
            yield path, problems

    def _checked_answers(
        self, stop: threading.Event
    ) -> Iterator[tuple[Path, Kept | None, tuple[Problem, ...]]]:
        import queue

        while self._running and not stop.is_set():
            try:
                answer = self._answers.get(timeout=0.1)
            except queue.Empty:
                continue
            if answer is None:
                self._running -= 1
                continue
            try:
                checked = self._checked(answer)
            except Exception:  # anything unexpected in an answer: its files are read here
                continue
            yield from checked

    def _checked(self, answer: object) -> list[tuple[Path, Kept | None, tuple[Problem, ...]]]:
        """A helper's answer, checked: a chunk as strictly as one read from disk, problems as
        the cache's verdicts are; and only for files it was asked about, once each. Checked
        whole before any file counts as answered (a check that raises leaves them unread)."""
        if type(answer) is not tuple or len(answer) != 4 or type(answer[0]) is not bytes:
            return []
        directory_bytes, chunk, problems, loaded = answer
        directory = os.fsdecode(directory_bytes)
        kept: dict[str, Kept] | None
        if self._verdicts_only:
            kept = {} if chunk is None else None
        else:
            kept = checked_chunk(chunk, Path(directory), from_disk=False)
        if kept is None or type(problems) is not list or type(loaded) is not list:
            return []
        found: list[tuple[str, Kept | None, tuple[tuple[int, int, str], ...]]] = [
            (name, entry, ()) for name, entry in kept.items()
        ]
        if self._verdicts_only:
            found += [(name, None, ()) for name in loaded if type(name) is str]
        if i18n.language() == self._language:  # else the user switched: said in the old one
            found += [
                (said[0], None, said[1])
                for said in problems
                if type(said) is tuple
                and len(said) == 2
                and type(said[0]) is str
                and type(said[1]) is tuple
                and said[1]
                and all(map(is_problem, said[1]))
            ]
        answered = []
        for name, entry, said in found:
            path = self._unanswered.pop((directory, name), None)
            if path is not None:
                problems_found = tuple(Problem(str(path), *problem) for problem in said)
                answered.append((path, entry, problems_found))
        return answered

    def unanswered(self) -> list[Path]:
        """The files no helper has answered for, in the order given."""
        left = set(self._unanswered.values())
        return [path for path in self._order if path in left]

    def close(self) -> None:
        """Stop every helper still running (after its answers, or when the reader closes)."""
        for process in self._processes:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()


def serve(job: bytes) -> None:
    """A helper's work: load each file of the job, and answer in batches on stdout: the
    folder, its briefings as a chunk (None when only verdicts are wanted), the problems of
    those that do not load, and the names of those that do (when only verdicts are)."""
    from .catalogue import Prepared

    header, *names = job.split(b"\0")
    language, wanted = header.decode().split(" ")
    i18n.set_language(language)
    verdicts_only = wanted == "verdicts"
    out = sys.stdout.buffer
    entries: list[tuple[str, Kept]] = []
    problems: list[tuple[str, tuple[tuple[int, int, str], ...]]] = []
    loaded: list[str] = []
    directory: Path | None = None
    answered = 0

    def send() -> None:
        nonlocal answered
        assert directory is not None
        chunk = None if verdicts_only else chunk_of(entries)
        pickle.dump((os.fsencode(directory), chunk, problems, loaded), out, protocol=5)
        out.flush()
        answered += len(entries) + len(problems) + len(loaded)
        for batch in (entries, problems, loaded):
            batch.clear()

    try:
        for name in names:
            path = Path(os.fsdecode(name))
            if path.parent != directory and (entries or problems or loaded):
                send()
            directory = path.parent
            result = load_file(path)
            if result.briefing is None:
                found = tuple((p.line, p.column, p.message) for p in result.problems)
                problems.append((path.name, found))
            elif verdicts_only:
                loaded.append(path.name)
            else:
                prepared = Prepared.of(result)
                text, counts = prepared.text.text, prepared.topics.counts
                entries.append((path.name, Kept(_NO_STAMP, result.briefing, text, counts)))
            if len(entries) + len(problems) + len(loaded) >= (BATCH if answered else 1):
                send()
        if entries or problems or loaded:
            send()
    except BrokenPipeError:  # the reader has closed, or stopped listening
        os._exit(0)
