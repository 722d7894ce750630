"""The `briefing` command: the reader app, `summary`, `validate` and `schema`.

Exit codes: 0 success, 1 a briefing is invalid or unreadable, 2 a usage error.
Textual is imported only when the app is opened, so the other commands start fast.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cache import LoadCache
from .library import expand_paths
from .loader import Problem, load_file, not_a_file
from .text import printable

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

COMMANDS = ("summary", "validate", "schema")

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
            return {"summary": _summary, "validate": _validate, "schema": _schema}[command](rest)
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
        "  briefing summary FILE        print a briefing (--format rich|text|markdown|json)\n"
        "  briefing validate PATH...    check briefings; FILE:LINE:COL: message on stderr\n"
        "  briefing schema              print the JSON Schema of the briefing format\n"
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
    from .app import BriefingApp  # Textual loads only when the app opens

    app = BriefingApp(path)
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


def _summary(args: list[str]) -> int:
    parser = _parser(
        "briefing summary",
        "Print a briefing to standard output; its problems, if it does not load, on stderr "
        "as FILE:LINE:COL: message.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="one briefing file (YAML)")
    parser.add_argument(
        "--format",
        choices=("rich", "text", "markdown", "json"),
        default="rich",
        help="rich: styled on a terminal, plain when piped (default); text: never styled",
    )
    options = parser.parse_args(args)
    shown = printable(str(options.file))
    if options.file.is_dir():
        parser.error(f"{shown}: is a folder; summary prints one briefing file")
    refused = not_a_file(options.file)  # nothing, a link that dangles or loops, a FIFO...
    if refused is not None:
        parser.error(f"{shown}: {refused}")
    result = load_file(options.file)
    if result.briefing is None:
        _print_problems(result.problems)
        return EXIT_INVALID
    if options.format == "markdown":
        from .export import to_markdown

        sys.stdout.write(to_markdown(result.briefing))
    elif options.format == "json":
        from .export import to_json

        sys.stdout.write(to_json(result.briefing))
    else:
        from rich.console import Console

        from .render import summary

        console = Console(highlight=False, emoji=False)
        if console.is_terminal and options.format == "rich":
            console.print(summary(result.briefing))
        else:  # plain text: no escape codes, and no padding spaces at line ends
            console = Console(color_system=None, highlight=False, emoji=False, width=console.width)
            with console.capture() as capture:
                console.print(summary(result.briefing))
            lines = capture.get().splitlines()
            sys.stdout.write("".join(line.rstrip() + "\n" for line in lines))
    return EXIT_OK


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
        "     files (each named on stderr; the files that were found are still checked)",
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
    for path in files:
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
    if missing:
        return EXIT_USAGE
    return EXIT_INVALID if invalid else EXIT_OK


def _count_line(checked: int, invalid: int, problems: int) -> str:
    files = f"{checked} file{'s' if checked != 1 else ''}"
    if not invalid:
        return f"{files} checked: all valid"
    plural = "s" if problems != 1 else ""
    return f"{files} checked: {invalid} invalid, {problems} problem{plural}"


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


if __name__ == "__main__":
    raise SystemExit(main())
