"""The `briefing` command: the reader app, `summary`, `validate`, `schema`, `present`,
`new` and `compare`.

Exit codes: 0 success, 1 a briefing is invalid or unreadable, 2 a usage error.
Textual is imported only when the app is opened, so the other commands start fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .cache import LoadCache, stamp_of
from .library import expand_paths
from .loader import LoadResult, Problem, load_file, not_a_file
from .model import Briefing
from .text import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .timeline import HistoryEntry

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

COMMANDS = ("summary", "validate", "schema", "present", "new", "compare")

EXIT_CODES = (
    "exit status:\n"
    "  0  success\n"
    "  1  a briefing is invalid or cannot be read\n"
    "  2  a usage error: an unknown command or option, or a path that names no briefing"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `briefing` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            command, rest = args[0], args[1:]
            run = {"summary": _summary, "validate": _validate, "schema": _schema}
            run.update(present=_present, new=_new, compare=_compare)
            return run[command](rest)
        return _open_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of a pipe went away (`briefing summary x | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _parser(prog: str, description: str, epilog: str = EXIT_CODES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _meant_command(word: str) -> str | None:
    """The command a mistyped first word most likely meant (`sumary` -> `summary`), if it
    is not an option or an existing path."""
    if word.startswith("-") or Path(word).exists():
        return None
    close = difflib.get_close_matches(word, COMMANDS, n=1)
    return close[0] if close else None


def _open_app(args: list[str]) -> int:
    parser = _parser(
        "briefing",
        "Read structured briefings in the terminal.",
        "commands:\n"
        "  briefing [PATH]              open the reader on a folder or file (default ./briefings)\n"
        "  briefing summary PATH...     print a briefing, or a digest of several\n"
        "                               (--format rich|text|markdown|html|json)\n"
        "  briefing validate PATH...    check briefings; FILE:LINE:COL: message on stderr\n"
        "  briefing schema              print the JSON Schema of the briefing format\n"
        "  briefing present FILE        show a briefing as slides, a section a slide\n"
        "  briefing new [PATH]          write a briefing to start from (default ./briefings)\n"
        "  briefing compare A B         compare two briefings, by section and by topic\n"
        "each command has its own --help.\n\n" + EXIT_CODES,
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=Path("briefings"),
        help="a folder of briefings or one briefing file (default: ./briefings)",
    )
    meant = _meant_command(args[0]) if args else None
    if meant is not None:
        parser.error(f"unknown command {args[0]!r}: did you mean 'briefing {meant}'?")
    options = parser.parse_args(args)
    path: Path = options.path
    if not os.path.lexists(path):  # a link that dangles or loops is listed with its problem
        parser.error(f"{printable(str(path))}: no such file or folder")
    return _run_app(path)


def _run_app(path: Path, *, present: bool = False) -> int:
    from .app import BriefingApp  # Textual loads only when the app opens

    app = BriefingApp(path, present=present)
    app.run()
    if app.return_code:  # the reader crashed: never report success
        if app.crash_report is not None:
            print(
                f"briefing: the reader stopped on an internal error; "
                f"the full traceback is in {app.crash_report}",
                file=sys.stderr,
            )
        return app.return_code
    return EXIT_OK


SUMMARY_EXIT_CODES = (
    "exit status:\n"
    "  0  every briefing was printed\n"
    "  1  a file is invalid or cannot be read (its problems on stderr; the others are\n"
    "     still printed); with --topic, also: no briefing has an item tagged with it\n"
    "     (said on stderr, with the topics it may have meant)\n"
    "  2  a usage error: a path that names no briefing file, or a folder that holds none\n"
    "     (nothing is printed)"
)

FORMATS = ("rich", "text", "markdown", "html", "json")


def _width(text: str) -> int:
    """The --width option: a whole number of columns, at least MIN_WIDTH."""
    from .export import MIN_WIDTH

    try:
        width = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of columns: {text!r}") from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"at least {MIN_WIDTH} columns, not {width}")
    return width


def _one_file(parser: argparse.ArgumentParser, path: Path, takes: str) -> None:
    """A usage error unless `path` names one regular file: a folder (`takes` says what the
    command wants instead), nothing, a link that dangles or loops, a FIFO..."""
    shown = printable(str(path))
    if path.is_dir():
        parser.error(f"{shown}: is a folder; {takes}")
    refused = not_a_file(path)
    if refused is not None:
        parser.error(f"{shown}: {refused}")


def _add_width(parser: argparse.ArgumentParser) -> None:
    """`--width`, as `summary` and `compare` take it."""
    parser.add_argument(
        "--width",
        type=_width,
        metavar="COLUMNS",
        help="wrap text and rich output at this many columns (at least 20; default: the "
        "terminal's width, or 80 when piped)",
    )


def _summary(args: list[str]) -> int:
    parser = _parser(
        "briefing summary",
        "Print a briefing to standard output; or, given several, a digest in date order,\n"
        "marked first and last with the highest marking among them and each briefing\n"
        "with its own. Folders are searched for *.yaml and *.yml, as by validate. A file\n"
        "that does not load has its problems on stderr as FILE:LINE:COL: message, and\n"
        "the others are still printed.\n\n"
        "formats:\n"
        "  rich      styled on a terminal, plain when piped (the default)\n"
        "  text      plain text for mail: no box drawing, wrapped at --width\n"
        "  markdown  CommonMark for chat and documents\n"
        "  html      one self-contained page for the browser and print (redirect it to a\n"
        "            file: briefing summary x.yaml --format html > x.html)\n"
        "  json      the data, with the YAML's keys (a list of briefings for a digest)\n\n"
        "a topic's history:\n"
        "  --topic ukraine prints, instead, what was said about one topic: every item tagged\n"
        "  with it, in full, meeting by meeting in date order (Italy's positions first in\n"
        "  each), under the meeting's date and name and its own marking, in any format.",
        SUMMARY_EXIT_CODES,
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="a briefing file, or a folder to search for them; several make a digest",
    )
    parser.add_argument("--format", choices=FORMATS, default="rich", help="see formats above")
    _add_width(parser)
    parser.add_argument(
        "--topic",
        metavar="TOPIC",
        help="print the history of this topic (see above) instead of the briefings",
    )
    options = parser.parse_args(args)
    files = _summary_files(parser, options.paths)
    results = [load_file(path) for path in files]
    for result in results:
        if result.briefing is None:
            _print_problems(result.problems)
    briefings = [result.briefing for result in results if result.briefing is not None]
    if options.topic is not None:
        return _topic_summary(results, options.topic, options.format, options.width)
    if briefings:
        sys.stdout.write(_summary_output(briefings, options.format, options.width))
    return EXIT_OK if len(briefings) == len(results) else EXIT_INVALID


def _topic_summary(results: Sequence[LoadResult], topic: str, fmt: str, width: int | None) -> int:
    """`summary --topic`: the topic's history, or, when no briefing that loaded uses the
    topic, that said on stderr with the topics it may have meant (exit 1)."""
    from . import export
    from .timeline import topic_history

    topic = topic.removeprefix("#")
    entries = topic_history(results, topic)
    if not entries:
        from .vocabulary import vocabulary

        known = [count.topic for count in vocabulary(results)]
        close = difflib.get_close_matches(topic, known, n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
        print(
            f"briefing summary: no briefing here has an item tagged {printable(topic)!r}{hint}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if fmt == "markdown":
        output = export.history_markdown(topic, entries)
    elif fmt == "html":
        output = export.history_html(topic, entries)
    elif fmt == "json":
        output = export.history_json(topic, entries)
    elif fmt == "text":
        output = export.history_text(topic, entries, _text_width(width))
    else:
        output = _rich_output(_history_rich(topic, entries), width)
    sys.stdout.write(output)
    return EXIT_OK if all(result.briefing is not None for result in results) else EXIT_INVALID


def _history_rich(topic: str, entries: Sequence[HistoryEntry]) -> RenderableType:
    """A topic's history for the terminal, laid out as the exports lay it out."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from .export import (
        HISTORY_NOTE,
        digest_marking,
        history_meetings,
        history_title,
        meeting_heading,
    )
    from .model import SECTION_TITLES
    from .render import banner, item_detail, marking_banner

    meetings = history_meetings(entries)
    top = banner(digest_marking(meeting.briefing for meeting in meetings))
    parts: list[RenderableType] = [
        top,
        Text(""),
        Text(history_title(topic, meetings), style="bold"),
        Text(HISTORY_NOTE, style="dim"),
    ]
    for meeting in meetings:
        parts += [Text(""), Rule(style="bold"), marking_banner(meeting.briefing), Text("")]
        parts.append(Text(meeting_heading(meeting.briefing), style="bold"))
        for name, found in meeting.sections:
            parts += [Text(""), Rule(Text(SECTION_TITLES[name], style="bold"), align="left")]
            parts += [Padding(item_detail(entry.item), (0, 0, 1, 2)) for entry in found]
    parts += [top]
    return Group(*parts)


def _summary_files(parser: argparse.ArgumentParser, paths: Sequence[Path]) -> list[Path]:
    """The briefing files the paths name (folders searched as by validate), or a usage
    error for the first path that names none."""
    files: list[Path] = []
    for path in paths:
        shown = printable(str(path))
        if path.is_dir():
            found = expand_paths([path])[0]
            if not found:
                parser.error(f"{shown}: is a folder with no briefing files (*.yaml, *.yml)")
            files += found
            continue
        refused = not_a_file(path)  # nothing, a link that dangles or loops, a FIFO...
        if refused is not None:
            parser.error(f"{shown}: {refused}")
        files.append(path)
    return list(dict.fromkeys(files))


def _summary_output(briefings: Sequence[Briefing], fmt: str, width: int | None) -> str:
    """One briefing, or a digest of several, in the chosen format."""
    from . import export

    one = briefings[0] if len(briefings) == 1 else None
    if fmt == "markdown":
        return export.to_markdown(one) if one else export.digest_markdown(briefings)
    if fmt == "html":
        return export.to_html(one) if one else export.digest_html(briefings)
    if fmt == "json":
        return export.to_json(one) if one else export.digest_json(briefings)
    if fmt == "text":
        columns = _text_width(width)
        return export.to_text(one, columns) if one else export.digest_text(briefings, columns)
    from .render import digest, summary

    return _rich_output(summary(one) if one else digest(briefings), width)


def _text_width(width: int | None) -> int:
    """The width of plain text: --width, else the terminal's, else 80 when piped."""
    from .export import MIN_WIDTH

    columns = width or (shutil.get_terminal_size().columns if sys.stdout.isatty() else 80)
    return max(columns, MIN_WIDTH)


def _rich_output(renderable: RenderableType, width: int | None) -> str:
    """A Rich renderable as the terminal shows it: styled on a terminal, plain text with
    no escape codes and no padding at line ends when piped."""
    from rich.console import Console

    console = Console(highlight=False, emoji=False, width=width)
    if console.is_terminal:
        with console.capture() as capture:
            console.print(renderable)
        return capture.get()
    # piped: plain text, with no escape codes and no padding spaces at line ends
    console = Console(color_system=None, highlight=False, emoji=False, width=console.width)
    with console.capture() as capture:
        console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in capture.get().splitlines())


def _validate(args: list[str]) -> int:
    parser = _parser(
        "briefing validate",
        "Check briefing files; folders are searched for *.yaml and *.yml (hidden ones "
        "skipped). Every problem goes to stderr as FILE:LINE:COL: message, and a one-line "
        "count to stdout.",
        "exit status:\n"
        "  0  every file checked is valid\n"
        "  1  a file is invalid or cannot be read\n"
        "  2  a usage error: a path that does not exist, or a folder that holds no briefing\n"
        "     files (each named on stderr; the files that were found are still checked)\n"
        "     (--topics lists and flags; it never changes the exit status)\n\n"
        "topics:\n"
        "  --topics prints, after the count, every topic of the files that load with how many\n"
        "  items and briefings carry it, most used first, marking a topic used only once;\n"
        "  then the pairs that look like one topic spelt two ways, so that a team keeps one\n"
        "  vocabulary: alike letters (ukraine / ukrain, partnership / partnerships), a word\n"
        "  cut short (infra / infrastructure), or words added (air-defence /\n"
        "  air-missile-defence); a narrower topic (ukraine / ukraine-support) is not\n"
        "  flagged. The first of each pair is the more used.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="a briefing file, or a folder to search for them",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="check every file afresh, without reading or writing the cache",
    )
    parser.add_argument(
        "--topics",
        action="store_true",
        help="after checking, list every topic and flag near-duplicates (see topics below)",
    )
    options = parser.parse_args(args)
    files, missing = expand_paths(options.paths)
    for path in missing:
        print(f"briefing validate: {printable(str(path))}: no such file or folder", file=sys.stderr)
    for path in options.paths:
        if path.is_dir() and not any(file.is_relative_to(path) for file in files):
            print(f"briefing validate: {path}: no briefing files (*.yaml, *.yml)", file=sys.stderr)
            missing.append(path)
    cache = LoadCache(enabled=not options.no_cache)
    invalid = 0
    problems = 0
    loaded: list[LoadResult] = []
    for path in files:
        if options.topics:  # the topics need the briefings, not only the verdicts
            result = load_file(path)
            cache.remember(result, stamp_of(path))
            loaded.append(result)
            found = result.problems
        else:
            found = cache.problems(path)
        if found:
            invalid += 1
            problems += len(found)
            _print_problems(found)
    cache.save()
    if cache.unusable is not None:
        print(f"briefing validate: working without a cache: {cache.unusable}", file=sys.stderr)
    if files:
        print(_count_line(len(files), invalid, problems))
    if options.topics and files:
        sys.stdout.write(_topics_report(loaded))
    if missing:
        return EXIT_USAGE
    return EXIT_INVALID if invalid else EXIT_OK


def _count_line(checked: int, invalid: int, problems: int) -> str:
    files = f"{checked} file{'s' if checked != 1 else ''}"
    if not invalid:
        return f"{files} checked: all valid"
    plural = "s" if problems != 1 else ""
    return f"{files} checked: {invalid} invalid, {problems} problem{plural}"


def _topics_report(results: Sequence[LoadResult]) -> str:
    """`validate --topics`: every topic with its counts, most used first, single-use ones
    marked; then the pairs that look like one topic spelt two ways."""
    from .text import plural
    from .vocabulary import USED_ONCE, near_duplicates, vocabulary

    counts = vocabulary(results)
    loaded = sum(1 for result in results if result.briefing is not None)
    if not counts:
        return f"\nNo topics: no item in {plural(loaded, 'briefing')} carries one.\n"
    lines = ["", f"Topics: {len(counts):,} in {plural(loaded, 'briefing')}"]
    lines.append(f"{'items':>7}  {'briefings':>9}  topic")
    for count in counts:
        note = f"  ({USED_ONCE})" if count.used_once else ""
        lines.append(f"{count.items:>7,}  {count.briefings:>9,}  {count.topic}{note}")
    pairs = near_duplicates([count.topic for count in counts])
    by_topic = {count.topic: count for count in counts}
    if pairs:
        lines += ["", f"Near-duplicates: {len(pairs):,} (keep one spelling of each)"]
        for first, second in pairs:
            used = f"{by_topic[first].items:,} / {by_topic[second].items:,} items"
            lines.append(f"  {first} / {second}  ({used})")
    else:
        lines += ["", "Near-duplicates: none"]
    return "".join(line + "\n" for line in lines)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(printable(str(problem)), file=sys.stderr)


def _schema(args: list[str]) -> int:
    _parser(
        "briefing schema", "Print the JSON Schema (draft 2020-12) of the briefing format."
    ).parse_args(args)
    from .schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _present(args: list[str]) -> int:
    parser = _parser(
        "briefing present",
        "Show a briefing as slides for a projector: one section a slide (continued on the\n"
        "next when it does not fit), the marking on every slide. Arrows, space and page\n"
        "keys move; q or Escape ends.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="one briefing file (YAML)")
    options = parser.parse_args(args)
    path: Path = options.file
    _one_file(parser, path, "present shows one briefing file")
    result = load_file(path)  # a broken file is said here, located, not on a blank screen
    if result.briefing is None:
        _print_problems(result.problems)
        return EXIT_INVALID
    return _run_app(path, present=True)


COMPARE_EXIT_CODES = (
    "exit status:\n"
    "  0  the comparison was printed\n"
    "  1  a file is invalid or cannot be read (its problems on stderr as\n"
    "     FILE:LINE:COL: message; nothing is printed)\n"
    "  2  a usage error: a folder, a path that names no file, or not two paths"
)

COMPARE_FORMATS = ("rich", "text", "markdown")


def _compare(args: list[str]) -> int:
    parser = _parser(
        "briefing compare",
        "Compare two briefings side by side, section by section and topic by topic: what is\n"
        "in both, what is only in one, and, for Italy's positions on the same topic, the\n"
        "two statements with the words that changed marked. Two versions of one meeting\n"
        "are matched item by item; two meetings by the topics their items share. The\n"
        "higher of the two markings is first and last, each side under its own.\n\n"
        "formats:\n"
        "  rich      styled on a terminal, plain when piped (the default)\n"
        "  text      plain text for mail, wrapped at --width; changed words marked\n"
        "            [-only in A-] and {+only in B+}\n"
        "  markdown  CommonMark for chat and documents; changed words ~~struck~~ and **bold**",
        COMPARE_EXIT_CODES,
    )
    parser.add_argument("a", type=Path, metavar="A", help="a briefing file")
    parser.add_argument(
        "b", type=Path, metavar="B", help="another: a revision of A, or another meeting"
    )
    parser.add_argument(
        "--format", choices=COMPARE_FORMATS, default="rich", help="see formats above"
    )
    _add_width(parser)
    options = parser.parse_args(args)
    paths: tuple[Path, Path] = (options.a, options.b)
    for path in paths:
        _one_file(parser, path, "compare takes two briefing files")
    a, b = (load_file(path) for path in paths)
    for result in (a, b):
        _print_problems(result.problems)
    if a.briefing is None or b.briefing is None:
        return EXIT_INVALID
    from .compare import compare, comparison_markdown, comparison_text

    comparison = compare(a.briefing, b.briefing)
    if options.format == "markdown":
        output = comparison_markdown(comparison)
    elif options.format == "text":
        output = comparison_text(comparison, _text_width(options.width))
    else:
        from .render_compare import comparison_rich

        output = _rich_output(comparison_rich(comparison), options.width)
    sys.stdout.write(output)
    return EXIT_OK


NEW_EXIT_CODES = (
    "exit status:\n"
    "  0  the briefing was written: its path, and the commands to check and open it, on\n"
    "     stdout\n"
    "  1  it could not be written (no permission, a full disk: said on stderr)\n"
    "  2  a usage error: a folder that does not exist, a path that leads out of the\n"
    "     folder named ('..', or a folder that is a symbolic link), a file that exists\n"
    "     (never overwritten), or a file name that does not end in .yaml or .yml"
)


def _today() -> dt.date:
    return dt.date.today()


def _new(args: list[str]) -> int:
    parser = _parser(
        "briefing new",
        "Write a briefing to start from: the $schema line that lets an editor check it as\n"
        "you type, today's date, every top-level key with a comment on what goes there,\n"
        "and the marking (UNCLASSIFIED: set the source's own). Fill in the title and it\n"
        "validates. The file is created readable and writable by you alone (0600), and an\n"
        "existing file is never overwritten.",
        NEW_EXIT_CODES,
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="a folder to write it in, as YYYY-MM-DD-new-briefing.yaml (then -2, -3… if "
        "taken); or a new file's name, ending in .yaml or .yml (default: ./briefings)",
    )
    options = parser.parse_args(args)
    named: Path = options.path or Path("briefings")
    folder, name = _new_target(parser, named)
    from .skeleton import SCHEMA_NAME, file_name, skeleton

    today = _today()
    text = skeleton(today)
    names = [name] if name else [file_name(today, number) for number in range(1, 1000)]
    for candidate in names:
        path = folder / candidate
        try:
            _create_private(path, text)
        except FileExistsError:
            if name:  # made since it was checked
                parser.error(f"{printable(str(path))}: already exists; it is never overwritten")
            continue
        except OSError as error:
            shown = printable(str(path))
            print(f"briefing new: {shown}: {error.strerror or error}", file=sys.stderr)
            return EXIT_INVALID
        break
    else:
        parser.error(f"{printable(str(folder))}: {names[-1]} and every name before it are taken")
    command = shlex.quote(printable(str(path)))
    print(f"Wrote {printable(str(path))} (readable and writable by you alone).")
    print(f"Fill in the title, then check it:  briefing validate {command}")
    print(f"Open it in the reader:  briefing {command}")
    if not (folder / SCHEMA_NAME).exists():
        schema = shlex.quote(printable(str(folder / SCHEMA_NAME)))
        print(f"For your editor to check it as you type:  briefing schema > {schema}")
    return EXIT_OK


def _new_target(parser: argparse.ArgumentParser, named: Path) -> tuple[Path, str | None]:
    """The folder `briefing new` writes in, and the file name if one was given; a usage
    error for a path that names neither an existing folder nor a new .yaml file in one,
    or that leads out of the folder named."""
    shown = printable(str(named))
    if ".." in named.parts:
        parser.error(f"{shown}: '..' leads out of the folder named; name the folder itself")
    if named.is_dir():
        folder, name = named, None
    elif named.suffix.lower() in (".yaml", ".yml") and named.name[: -len(named.suffix)]:
        folder, name = named.parent, named.name
        if os.path.lexists(named):
            parser.error(f"{shown}: already exists; it is never overwritten")
        if not folder.is_dir():
            parser.error(
                f"{printable(str(folder))}: no such folder; make it (mkdir) or name another"
            )
    elif os.path.lexists(named):
        parser.error(f"{shown}: not a folder; name a folder, or a new file ending in .yaml")
    elif named.suffix:
        parser.error(f"{shown}: a briefing's name ends in .yaml or .yml")
    else:
        parser.error(f"{shown}: no such folder; make it (mkdir) or name another")
    link = _linked_folder(folder)
    if link is not None:
        target = printable(os.path.realpath(link))
        parser.error(
            f"{shown}: {printable(str(link))} is a symbolic link to {target}; to write the "
            "briefing there, name that folder"
        )
    return folder, name


def _linked_folder(folder: Path) -> Path | None:
    """The first folder on the way to `folder` that is a symbolic link: of a relative path,
    any folder typed in it; of an absolute path, the folder itself (links above it, such as
    a home folder kept elsewhere, are the system's)."""
    if folder.is_absolute():
        return folder if folder.is_symlink() else None
    parts = folder.parts
    on_the_way = (Path(*parts[: count + 1]) for count in range(len(parts)))
    return next((path for path in on_the_way if path.is_symlink()), None)


def _create_private(path: Path, text: str) -> None:
    """Create `path` readable and writable by its owner alone, failing if anything (even a
    dangling link) is there already; a file left half-written is removed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except OSError:
        path.unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    raise SystemExit(main())
