"""The `briefing` command: the reader app, `summary`, `validate`, `schema`, `present`,
`new` and `compare`.

Exit codes: 0 success, 1 a briefing is invalid or unreadable, 2 a usage error.
Textual is imported only when the app is opened, so the other commands start fast.

Every command speaks the interface language (`--lang`, else BRIEFING_LANG, else the locale:
see `i18n.choose_language`), chosen before its parser is built since `--help` and usage
errors are printed while parsing; argparse's own words come from our catalogue too. A
summary or a comparison is labelled in its briefings' language unless `--lang` says which.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import shlex
import sys
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, i18n
from .i18n import N_, _, ngettext, number, pgettext
from .loader import LoadResult, Problem, load_file, not_a_file
from .text import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .cache import LoadCache
    from .model import Briefing
    from .timeline import HistoryEntry

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

COMMANDS = ("summary", "validate", "schema", "present", "new", "compare")

EXIT_CODES = N_(
    "exit status:\n"
    "  0  success\n"
    "  1  a briefing is invalid or cannot be read\n"
    "  2  a usage error: an unknown command or option, or a path that names no briefing"
)

LANG_OPTION = "--lang"

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
)
"""argparse's own words that our commands can print, exactly as Python 3.11's argparse
writes them (percent placeholders and all). argparse looks each up through its module's
`_` at the moment it prints it, and `_speak_argparse` points that at our catalogue; they
are listed here, marked, only so that the catalogue extractor (po.py, which reads our
package alone) puts them in every catalogue."""


def _speak_argparse() -> None:
    """Make argparse's usage, headings and errors come from our catalogue, in the language
    in force: argparse calls its module-level `_` and `ngettext` each time it writes one."""
    vars(argparse).update(_=_, ngettext=ngettext)


def _lang_value(args: Sequence[str]) -> str | None:
    """The language `--lang X` or `--lang=X` (or an abbreviation argparse accepts, such as
    `--la X`) names in `args`, the last one winning as in argparse; None when absent or
    not a language offered (the parser then refuses it, in the language chosen without)."""
    found: str | None = None
    for index, word in enumerate(args):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if len(name) < 3 or not LANG_OPTION.startswith(name):
            continue
        if not equals:
            value = args[index + 1] if index + 1 < len(args) else ""
        found = value if value in i18n.LANGUAGES else None
    return found


def _leading_lang(args: Sequence[str]) -> int:
    """How many words a `--lang` given before a command takes (`briefing --lang it summary
    x.yaml`): 0, 1 (`--lang=it`) or 2."""
    if not args:
        return 0
    name, equals, _value = args[0].partition("=")
    if len(name) < 3 or not LANG_OPTION.startswith(name):
        return 0
    return 1 if equals else min(2, len(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `briefing` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    asked = _lang_value(args)
    i18n.set_language(i18n.choose_language(asked), asked=i18n.normalise(asked) is not None)
    _speak_argparse()
    lead = _leading_lang(args)
    try:
        if len(args) > lead and args[lead] in COMMANDS:
            command, rest = args[lead], args[:lead] + args[lead + 1 :]
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


def _parser(prog: str, description: str, epilog: str | None = None) -> argparse.ArgumentParser:
    """A command's parser, its texts already in the interface language (`epilog`: the
    exit codes of most commands unless given)."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description=description,
        epilog=_(EXIT_CODES) if epilog is None else epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    return parser


def _add_lang(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """`--lang`, which every command takes (read before parsing: see `_lang_value`)."""
    parser.add_argument(
        LANG_OPTION,
        choices=tuple(i18n.LANGUAGES),
        help=help_text
        or _(
            "the language of messages and help: en (English) or it (Italiano); default: "
            "$BRIEFING_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else English"
        ),
    )


def _labels_language(explicit: str | None, briefings: Iterable[Briefing | None]) -> str:
    """The language a summary or comparison is labelled in: `--lang` when given; else the
    one language all its briefings are written in (their `language:`), if we speak it;
    else the interface's (`i18n.labels_for`, which the reader's exports follow too)."""
    return i18n.normalise(explicit) or i18n.labels_for(
        briefing.language for briefing in briefings if briefing
    )


LABELS_HELP = N_(
    "the language of the labels and dates, en or it (default: the briefing's own, by its "
    "language: key, else as for messages), and of messages and help (default: "
    "$BRIEFING_LANG, else the locale, else English)"
)


def _meant_command(word: str) -> str | None:
    """The command a mistyped first word most likely meant (`sumary` -> `summary`), if it
    is not an option or an existing path."""
    if word.startswith("-") or Path(word).exists():
        return None
    close = difflib.get_close_matches(word, COMMANDS, n=1)
    return close[0] if close else None


COMMANDS_HELP = N_(
    "commands:\n"
    "  briefing [PATH]              open the reader on a folder or file (default ./briefings)\n"
    "  briefing summary PATH...     print a briefing, or a digest of several\n"
    "                               (--format rich|text|markdown|html|json)\n"
    "  briefing validate PATH...    check briefings; FILE:LINE:COL: message on stderr\n"
    "  briefing schema              print the JSON Schema of the briefing format\n"
    "  briefing present FILE        show a briefing as slides, a section a slide\n"
    "  briefing new [PATH]          write a briefing to start from (default ./briefings)\n"
    "  briefing compare A B         compare two briefings, by section and by topic\n"
    "each command has its own --help."
)


def _open_app(args: list[str]) -> int:
    parser = _parser(
        prog="briefing",
        description=_("Read structured briefings in the terminal."),
        epilog=_(COMMANDS_HELP) + "\n\n" + _(EXIT_CODES),
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=Path("briefings"),
        help=_("a folder of briefings or one briefing file (default: ./briefings)"),
    )
    _add_lang(parser)
    meant = _meant_command(args[0]) if args else None
    if meant is not None:
        parser.error(
            _("unknown command {command}: did you mean 'briefing {meant}'?").format(
                command=repr(args[0]), meant=meant
            )
        )
    options = parser.parse_args(args)
    path: Path = options.path
    if not os.path.lexists(path):  # a link that dangles or loops is listed with its problem
        parser.error(_("{path}: no such file or folder").format(path=printable(str(path))))
    return _run_app(path)


def _run_app(path: Path, *, present: bool = False) -> int:
    """The reader (or a presentation), opened in the interface language, set by `main`."""
    from .app import BriefingApp  # Textual loads only when the app opens

    app = BriefingApp(path, present=present)
    app.run()
    app.finish_saving()
    if app.return_code:  # the reader crashed: never report success
        if app.crash_report is not None:
            print(
                _(
                    "briefing: the reader stopped on an internal error; "
                    "the full traceback is in {report}"
                ).format(report=app.crash_report),
                file=sys.stderr,
            )
        return app.return_code
    return EXIT_OK


SUMMARY_EXIT_CODES = N_(
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
        raise argparse.ArgumentTypeError(
            _("not a whole number of columns: {text}").format(text=repr(text))
        ) from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(
            _("at least {minimum} columns, not {width}").format(minimum=MIN_WIDTH, width=width)
        )
    return width


def _one_file(parser: argparse.ArgumentParser, path: Path, is_a_folder: str) -> None:
    """A usage error unless `path` names one regular file: a folder (`is_a_folder`, a
    message with a {path} in it, says what the command wants instead), nothing, a link that
    dangles or loops, a FIFO..."""
    shown = printable(str(path))
    if path.is_dir():
        parser.error(is_a_folder.format(path=shown))
    refused = not_a_file(path)
    if refused is not None:
        parser.error(f"{shown}: {refused}")


def _add_width(parser: argparse.ArgumentParser) -> None:
    """`--width`, as `summary` and `compare` take it."""
    parser.add_argument(
        "--width",
        type=_width,
        metavar="COLUMNS",
        help=_(
            "wrap text and rich output at this many columns (at least 20; default: the "
            "terminal's width, or 80 when piped)"
        ),
    )


def _summary(args: list[str]) -> int:
    parser = _parser(
        prog="briefing summary",
        description=_(
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
            "  each), under the meeting's date and name and its own marking, in any format."
        ),
        epilog=_(SUMMARY_EXIT_CODES),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=_("a briefing file, or a folder to search for them; several make a digest"),
    )
    parser.add_argument("--format", choices=FORMATS, default="rich", help=_("see formats above"))
    _add_width(parser)
    parser.add_argument(
        "--topic",
        metavar="TOPIC",
        help=_("print the history of this topic (see above) instead of the briefings"),
    )
    _add_lang(parser, _(LABELS_HELP))
    options = parser.parse_args(args)
    files = _summary_files(parser, options.paths)
    results = [load_file(path) for path in files]
    for result in results:
        if result.briefing is None:
            _print_problems(result.problems)
    briefings = [result.briefing for result in results if result.briefing is not None]
    if options.topic is not None:
        return _topic_summary(parser.prog, results, options)
    if briefings:
        with i18n.labelled_in(_labels_language(options.lang, briefings)):
            sys.stdout.write(_summary_output(briefings, options.format, options.width))
    return EXIT_OK if len(briefings) == len(results) else EXIT_INVALID


def _topic_summary(prog: str, results: Sequence[LoadResult], options: argparse.Namespace) -> int:
    """`summary --topic`: the topic's history (labelled in the language all the briefings
    share, as a summary is), or, when no briefing that loaded uses the topic, that said on
    stderr with the topics it may have meant (exit 1)."""
    from .timeline import topic_history

    topic: str = options.topic.removeprefix("#")
    entries = topic_history(results, topic)
    if not entries:
        from .vocabulary import vocabulary

        known = [count.topic for count in vocabulary(results)]
        close = difflib.get_close_matches(topic, known, n=3, cutoff=0.6)
        shown = repr(printable(topic))
        if close:
            message = _("no briefing here has an item tagged {topic}; did you mean {topics}?")
            message = message.format(topic=shown, topics=_either([repr(n) for n in close]))
        else:
            message = _("no briefing here has an item tagged {topic}").format(topic=shown)
        print(f"{prog}: {message}", file=sys.stderr)
        return EXIT_INVALID
    briefings = [result.briefing for result in results]
    with i18n.labelled_in(_labels_language(options.lang, briefings)):
        sys.stdout.write(_history_output(topic, entries, options.format, options.width))
    return EXIT_OK if all(result.briefing is not None for result in results) else EXIT_INVALID


def _either(names: Sequence[str]) -> str:
    """'a' or 'b' or 'c', in the language in force."""
    joined = names[0]
    for name in names[1:]:
        joined = _("{first} or {second}").format(first=joined, second=name)
    return joined


def _history_output(
    topic: str, entries: Sequence[HistoryEntry], fmt: str, width: int | None
) -> str:
    """A topic's history in the chosen format."""
    from . import export

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
    return output


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
        Text(_(HISTORY_NOTE), style="dim"),
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
            from .library import expand_paths  # and the cache: neither needed for a file

            found = expand_paths([path])[0]
            if not found:
                parser.error(
                    _("{path}: is a folder with no briefing files (*.yaml, *.yml)").format(
                        path=shown
                    )
                )
            files += found
            continue
        refused = not_a_file(path)  # nothing, a link that dangles or loops, a FIFO...
        if refused is not None:
            parser.error(f"{shown}: {refused}")
        files.append(path)
    return list(dict.fromkeys(files))


def _summary_output(briefings: Sequence[Briefing], fmt: str, width: int | None) -> str:
    """One briefing, or a digest of several, in the chosen format."""
    one = briefings[0] if len(briefings) == 1 else None
    if fmt == "rich":  # the usual case: Rich alone, not the exporters
        from .render import digest, summary

        return _rich_output(summary(one) if one else digest(briefings), width)
    from . import export

    if fmt == "markdown":
        return export.to_markdown(one) if one else export.digest_markdown(briefings)
    if fmt == "html":
        return export.to_html(one) if one else export.digest_html(briefings)
    if fmt == "json":
        return export.to_json(one) if one else export.digest_json(briefings)
    if fmt == "text":
        columns = _text_width(width)
        return export.to_text(one, columns) if one else export.digest_text(briefings, columns)
    raise ValueError(fmt)


def _text_width(width: int | None) -> int:
    """The width of plain text: --width, else the terminal's, else 80 when piped."""
    import shutil

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


VALIDATE_EXIT_CODES = N_(
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
    "  flagged. The first of each pair is the more used."
)


def _validate(args: list[str]) -> int:
    parser = _parser(
        prog="briefing validate",
        description=_(
            "Check briefing files; folders are searched for *.yaml and *.yml (hidden ones "
            "skipped). Every problem goes to stderr as FILE:LINE:COL: message, and a one-line "
            "count to stdout."
        ),
        epilog=_(VALIDATE_EXIT_CODES),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=_("a briefing file, or a folder to search for them"),
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=_("check every file afresh, without reading or writing the cache"),
    )
    parser.add_argument(
        "--topics",
        action="store_true",
        help=_("after checking, list every topic and flag near-duplicates (see topics below)"),
    )
    _add_lang(parser)
    options = parser.parse_args(args)
    from .cache import LoadCache, stamp_of
    from .library import expand_paths

    prog = parser.prog
    files, missing = expand_paths(options.paths)
    for path in missing:
        message = _("{path}: no such file or folder").format(path=printable(str(path)))
        print(f"{prog}: {message}", file=sys.stderr)
    for path in options.paths:
        if path.is_dir() and not any(file.is_relative_to(path) for file in files):
            message = _("{path}: no briefing files (*.yaml, *.yml)").format(path=path)
            print(f"{prog}: {message}", file=sys.stderr)
            missing.append(path)
    cache = LoadCache(enabled=not options.no_cache)
    invalid = 0
    problems = 0
    loaded: list[LoadResult] = []
    verdicts = None if options.topics else _verdicts(files, cache)
    for path in files:
        if verdicts is None:  # the topics need the briefings, not only the verdicts
            result = load_file(path)
            cache.remember(result, stamp_of(path))
            loaded.append(result)
            found = result.problems
        else:
            found = next(verdicts)
        if found:
            invalid += 1
            problems += len(found)
            _print_problems(found)
    cache.save()
    if cache.unusable is not None:
        message = _("working without a cache: {reason}").format(reason=cache.unusable)
        print(f"{prog}: {message}", file=sys.stderr)
    if files:
        print(_count_line(len(files), invalid, problems))
    if options.topics and files:
        sys.stdout.write(_topics_report(loaded))
    if missing:
        return EXIT_USAGE
    return EXIT_INVALID if invalid else EXIT_OK


def _count_line(checked: int, invalid: int, problems: int) -> str:
    """'3 files checked: all valid', '3 files checked: 1 invalid, 2 problems'."""
    if not invalid:
        message = ngettext(
            "{count} file checked: all valid", "{count} files checked: all valid", checked
        )
        return message.format(count=number(checked))
    files = ngettext("{count} file checked", "{count} files checked", checked)
    bad = ngettext("{count} invalid", "{count} invalid", invalid)
    found = ngettext("{count} problem", "{count} problems", problems)
    return _("{files}: {invalid}, {problems}").format(
        files=files.format(count=number(checked)),
        invalid=bad.format(count=number(invalid)),
        problems=found.format(count=number(problems)),
    )


def _topics_report(results: Sequence[LoadResult]) -> str:
    """`validate --topics`: every topic with its counts, most used first, single-use ones
    marked; then the pairs that look like one topic spelt two ways."""
    from .vocabulary import USED_ONCE, near_duplicates, vocabulary

    counts = vocabulary(results)
    loaded = sum(1 for result in results if result.briefing is not None)
    if not counts:
        none = ngettext(
            "No topics: no item in {count} briefing carries one.",
            "No topics: no item in {count} briefings carries one.",
            loaded,
        )
        return "\n" + none.format(count=number(loaded)) + "\n"
    title = ngettext(
        "Topics: {topics} in {count} briefing", "Topics: {topics} in {count} briefings", loaded
    )
    lines = ["", title.format(topics=number(len(counts)), count=number(loaded))]
    items = pgettext("validate --topics column", "items")
    briefings = pgettext("validate --topics column", "briefings")
    lines.append(f"{items:>7}  {briefings:>9}  {pgettext('validate --topics column', 'topic')}")
    for count in counts:
        note = f"  ({_(USED_ONCE)})" if count.used_once else ""
        row = f"{number(count.items):>7}  {number(count.briefings):>9}  {count.topic}{note}"
        lines.append(row)
    pairs = near_duplicates([count.topic for count in counts])
    by_topic = {count.topic: count for count in counts}
    if pairs:
        heading = _("Near-duplicates: {count} (keep one spelling of each)")
        lines += ["", heading.format(count=number(len(pairs)))]
        for first, second in pairs:
            used = _("{first} / {second} items").format(
                first=number(by_topic[first].items), second=number(by_topic[second].items)
            )
            lines.append(f"  {first} / {second}  ({used})")
    else:
        lines += ["", _("Near-duplicates: none")]
    return "".join(line + "\n" for line in lines)


def _verdicts(files: list[Path], cache: LoadCache) -> Generator[tuple[Problem, ...], None, None]:
    """Each file's problems (none: it loads), in the order of `files`, each as soon as it
    and every file before it are known: from the cache, else from helper processes when
    enough files are unknown (see parallel_load), else read here. Fresh verdicts are kept
    in the cache as they arrive."""
    import threading

    from .cache import stamp_of
    from .parallel_load import Helpers, helper_count

    stamps = {path: stamp_of(path) for path in files}
    known: dict[Path, tuple[Problem, ...]] = {}
    for path in files:
        found = cache.known_problems(path, stamps[path])
        if found is not None:
            known[path] = found
    unknown = [path for path in files if path not in known]
    position = 0

    def ready() -> Iterator[tuple[Problem, ...]]:
        """The verdicts known from `position` on, in order, up to the first one not yet."""
        nonlocal position
        while position < len(files) and files[position] in known:
            position += 1
            yield known[files[position - 1]]

    count = helper_count(len(unknown))
    if count:
        with Helpers(unknown, count, verdicts_only=True) as helpers:
            yield from ready()  # the first files, if the cache knows them
            for path, found in helpers.verdicts(threading.Event()):
                known[path] = found
                cache.remember_verdict(path, found, stamps[path])
                yield from ready()
    for path in files[position:]:  # what no helper answered for is read here
        yield known[path] if path in known else cache.problems(path)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(printable(str(problem)), file=sys.stderr)


def _schema(args: list[str]) -> int:
    parser = _parser(
        prog="briefing schema",
        description=_("Print the JSON Schema (draft 2020-12) of the briefing format."),
    )
    _add_lang(parser)
    parser.parse_args(args)
    from .schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _present(args: list[str]) -> int:
    parser = _parser(
        prog="briefing present",
        description=_(
            "Show a briefing as slides for a projector: one section a slide (continued on the\n"
            "next when it does not fit), the marking on every slide. Arrows, space and page\n"
            "keys move; q or Escape ends."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help=_("one briefing file (YAML)"))
    _add_lang(parser)
    options = parser.parse_args(args)
    path: Path = options.file
    _one_file(parser, path, _("{path}: is a folder; present shows one briefing file"))
    result = load_file(path)  # a broken file is said here, located, not on a blank screen
    if result.briefing is None:
        _print_problems(result.problems)
        return EXIT_INVALID
    return _run_app(path, present=True)


COMPARE_EXIT_CODES = N_(
    "exit status:\n"
    "  0  the comparison was printed\n"
    "  1  a file is invalid or cannot be read (its problems on stderr as\n"
    "     FILE:LINE:COL: message; nothing is printed)\n"
    "  2  a usage error: a folder, a path that names no file, or not two paths"
)

COMPARE_FORMATS = ("rich", "text", "markdown")


def _compare(args: list[str]) -> int:
    parser = _parser(
        prog="briefing compare",
        description=_(
            "Compare two briefings side by side, section by section and topic by topic: what is\n"
            "in both, what is only in one, and, for Italy's positions on the same topic, the\n"
            "two statements with the words that changed marked. Two versions of one meeting\n"
            "are matched item by item; two meetings by the topics their items share. The\n"
            "higher of the two markings is first and last, each side under its own.\n\n"
            "formats:\n"
            "  rich      styled on a terminal, plain when piped (the default)\n"
            "  text      plain text for mail, wrapped at --width; changed words marked\n"
            "            {deleted} and {inserted}\n"
            "  markdown  CommonMark for chat and documents; changed words ~~struck~~ and **bold**"
        ).format(
            # the text format's marks, [-...-] and {+...+}, around words that say what they mark
            deleted="[-" + _("only in A") + "-]",
            inserted="{+" + _("only in B") + "+}",
        ),
        epilog=_(COMPARE_EXIT_CODES),
    )
    parser.add_argument("a", type=Path, metavar="A", help=_("a briefing file"))
    parser.add_argument(
        "b", type=Path, metavar="B", help=_("another: a revision of A, or another meeting")
    )
    parser.add_argument(
        "--format", choices=COMPARE_FORMATS, default="rich", help=_("see formats above")
    )
    _add_width(parser)
    _add_lang(parser, _(LABELS_HELP))
    options = parser.parse_args(args)
    paths: tuple[Path, Path] = (options.a, options.b)
    for path in paths:
        _one_file(parser, path, _("{path}: is a folder; compare takes two briefing files"))
    a, b = (load_file(path) for path in paths)
    for result in (a, b):
        _print_problems(result.problems)
    if a.briefing is None or b.briefing is None:
        return EXIT_INVALID
    from .compare import compare, comparison_markdown, comparison_text

    with i18n.labelled_in(_labels_language(options.lang, (a.briefing, b.briefing))):
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


NEW_EXIT_CODES = N_(
    "exit status:\n"
    "  0  the briefing was written: its path, and the commands to check and open it, on\n"
    "     stdout\n"
    "  1  it could not be written (no permission, a full disk: said on stderr)\n"
    "  2  a usage error: a folder that does not exist, a path that leads out of the\n"
    "     folder named ('..', or a folder that is a symbolic link), a file that exists\n"
    "     (never overwritten), or a file name that does not end in .yaml or .yml"
)

_EXISTS = N_("{path}: already exists; it is never overwritten")
_NO_FOLDER = N_("{path}: no such folder; make it (mkdir) or name another")


def _today() -> dt.date:
    return dt.date.today()


def _new(args: list[str]) -> int:
    parser = _parser(
        prog="briefing new",
        description=_(
            "Write a briefing to start from: the $schema line that lets an editor check it as\n"
            "you type, today's date, every top-level key with a comment on what goes there,\n"
            "and the marking (UNCLASSIFIED: set the source's own). Fill in the title and it\n"
            "validates. The file is created readable and writable by you alone (0600), and an\n"
            "existing file is never overwritten."
        ),
        epilog=_(NEW_EXIT_CODES),
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help=_(
            "a folder to write it in, as YYYY-MM-DD-new-briefing.yaml (then -2, -3… if "
            "taken); or a new file's name, ending in .yaml or .yml (default: ./briefings)"
        ),
    )
    _add_lang(parser)
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
                parser.error(_(_EXISTS).format(path=printable(str(path))))
            continue
        except OSError as error:
            shown = printable(str(path))
            print(f"{parser.prog}: {shown}: {error.strerror or error}", file=sys.stderr)
            return EXIT_INVALID
        break
    else:
        parser.error(
            _("{folder}: {name} and every name before it are taken").format(
                folder=printable(str(folder)), name=names[-1]
            )
        )
    shown = printable(str(path))
    command = shlex.quote(shown)
    print(_("Wrote {path} (readable and writable by you alone).").format(path=shown))
    print(_("Fill in the title, then check it:  briefing validate {path}").format(path=command))
    print(_("Open it in the reader:  briefing {path}").format(path=command))
    if not (folder / SCHEMA_NAME).exists():
        schema = shlex.quote(printable(str(folder / SCHEMA_NAME)))
        print(
            _("For your editor to check it as you type:  briefing schema > {path}").format(
                path=schema
            )
        )
    return EXIT_OK


def _new_target(parser: argparse.ArgumentParser, named: Path) -> tuple[Path, str | None]:
    """The folder `briefing new` writes in, and the file name if one was given; a usage
    error for a path that names neither an existing folder nor a new .yaml file in one,
    or that leads out of the folder named."""
    shown = printable(str(named))
    if ".." in named.parts:
        parser.error(
            _("{path}: '..' leads out of the folder named; name the folder itself").format(
                path=shown
            )
        )
    if named.is_dir():
        folder, name = named, None
    elif named.suffix.lower() in (".yaml", ".yml") and named.name[: -len(named.suffix)]:
        folder, name = named.parent, named.name
        if os.path.lexists(named):
            parser.error(_(_EXISTS).format(path=shown))
        if not folder.is_dir():
            parser.error(_(_NO_FOLDER).format(path=printable(str(folder))))
    elif os.path.lexists(named):
        parser.error(
            _("{path}: not a folder; name a folder, or a new file ending in .yaml").format(
                path=shown
            )
        )
    elif named.suffix:
        parser.error(_("{path}: a briefing's name ends in .yaml or .yml").format(path=shown))
    else:
        parser.error(_(_NO_FOLDER).format(path=shown))
    link = _linked_folder(folder)
    if link is not None:
        parser.error(
            _(
                "{path}: {link} is a symbolic link to {target}; to write the briefing there, "
                "name that folder"
            ).format(
                path=shown,
                link=printable(str(link)),
                target=printable(os.path.realpath(link)),
            )
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
