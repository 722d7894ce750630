"""The loader against the official YAML test suite: YAML that no one on this project wrote.

The suite's 402 inputs live beside the project in ../shared/yaml-test-suite/ (see its
README.md) and are read from there, never copied in; every test here is skipped when that
folder is absent. None of the cases is a briefing, so every case must be refused, without
an exception, quickly, and with every problem located inside the text. A case marked with
`<ID>.error` must be rejected by a conforming parser: the loader must refuse it as a YAML
syntax problem, except for the few that libyaml itself accepts (listed below, measured) and
that the briefing checks refuse instead.
Each case's text is also embedded as the summary of a valid briefing, where it must be kept
exactly and render without any byte that could drive a terminal.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from briefing_reader.loader import LoadResult, load_bytes, load_text
from briefing_reader.render import summary
from conftest import MINIMAL

SUITE = Path(__file__).resolve().parents[2] / "shared" / "yaml-test-suite"
CASES = SUITE / "cases"


def _case_ids() -> list[str]:
    """Every case ID in the suite, sorted; none when the suite is not there."""
    if not CASES.is_dir():
        return []
    return sorted(path.stem for path in CASES.glob("*.yaml"))


CASE_IDS = _case_ids()
ERROR_IDS = [case_id for case_id in CASE_IDS if (CASES / f"{case_id}.error").exists()]

pytestmark = pytest.mark.skipif(
    not CASE_IDS, reason=f"the YAML test suite is not at {SUITE} (see its README.md)"
)

# Error cases (the suite says a conforming parser must reject them) that libyaml 0.2.x, the
# C parser PyYAML wraps, parses without complaint. Measured with PyYAML 6.0.4 on libyaml
# 0.2.6 by parsing every event of the stream. If a libyaml upgrade changes this list,
# `test_libyaml_accepts_exactly_the_known_error_cases` fails: update the list from its message.
LIBYAML_ACCEPTS = frozenset(
    {
        "9C9N",
        "9HCY",
        "9JBA",
        "CVW2",
        "DK95-01",
        "EB22",
        "G5U8",
        "MUS6-00",
        "MUS6-01",
        "QB6E",
        "RHX7",
        "S98Z",
        "SU5Z",
        "X4QW",
        "Y79Y-003",
        "YJV2",
    }
)

# Of those, the streams of several documents: a briefing is one document, so the loader
# composes a single one and libyaml's composer refuses the second "---" as a YAML error.
SEVERAL_DOCUMENTS = frozenset({"9HCY", "EB22", "MUS6-01", "RHX7"})

# So exactly these error cases get past the YAML layer, to be refused by the briefing checks.
PAST_THE_YAML_LAYER = LIBYAML_ACCEPTS - SEVERAL_DOCUMENTS

PER_CASE_SECONDS = 1.0
"""Generous: a case takes well under a millisecond."""

WHOLE_SUITE_SECONDS = 10.0
"""Generous: the whole suite loads in about 0.03 s."""

YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What libyaml counts as a line break (YAML 1.1): the most lines a problem can be on."""

LINE_BREAK = re.compile("\r\n|[\r\n]")
UNUSUAL_LINE_BREAK = re.compile("[\x85\u2028\u2029]")
"""NEL, LS and PS: libyaml ends a line at each, but keeps LS and PS in a block scalar's text,
so a text holding one cannot be embedded line by line. No case in the suite holds one."""

SGR = re.compile(r"\x1b\[[0-9;]*m")
UNSAFE_OUTPUT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""After Rich's own SGR codes are removed: anything that could drive a terminal."""


def case_bytes(case_id: str) -> bytes:
    return (CASES / f"{case_id}.yaml").read_bytes()


def case_text(case_id: str) -> str:
    return case_bytes(case_id).decode("utf-8")  # every case is UTF-8


def line_count(text: str) -> int:
    """Lines in `text` as libyaml counts them (a break ends a line; the last may be empty)."""
    return len(YAML_LINE_BREAK.split(text))


def load_case(case_id: str) -> LoadResult:
    return load_bytes(case_bytes(case_id), case_id)


def assert_located(result: LoadResult, text: str, label: str) -> None:
    """Every problem names the file and points at a place that exists in (or just past) it."""
    last_line = line_count(text) + 1
    last_column = max(len(line) for line in text.split("\n")) + 1
    for problem in result.problems:
        assert problem.path == label, problem
        assert 1 <= problem.line <= last_line, (problem, last_line)
        assert 1 <= problem.column <= last_column, (problem, last_column)


def embedded(text: str) -> str:
    """MINIMAL with `text` as its summary: a literal block scalar, indented two spaces.

    The explicit indentation indicator (`|2`) keeps a first line that starts with spaces,
    and "keep" chomping (`+`) keeps trailing blank lines; each line break becomes "\\n".
    """
    assert not UNUSUAL_LINE_BREAK.search(text), "NEL, LS or PS: see UNUSUAL_LINE_BREAK"
    body = "".join(f"  {line}\n" for line in LINE_BREAK.split(text))
    return MINIMAL + "summary: |2+\n" + body


SUMMARY_LINE = MINIMAL.count("\n") + 1
"""The line `summary:` is on in an embedded case."""


def rendered(result: LoadResult, *, terminal: bool) -> str:
    assert result.briefing is not None
    if terminal:
        console = Console(force_terminal=True, color_system="truecolor", width=100)
    else:
        console = Console(color_system=None, highlight=False, emoji=False, width=100)
    with console.capture() as capture:
        console.print(summary(result.briefing))
    return capture.get()


# --- the suite is what its README says ----------------------------------------------------


def test_suite_has_every_case() -> None:
    assert len(CASE_IDS) == 402
    assert len(ERROR_IDS) == 94


def test_known_lists_name_error_cases() -> None:
    assert set(ERROR_IDS) >= LIBYAML_ACCEPTS >= SEVERAL_DOCUMENTS


# --- every case: refused, never raising, quickly, located inside the text -----------------


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_is_refused_with_located_problems(case_id: str) -> None:
    data = case_bytes(case_id)

    start = time.perf_counter()
    result = load_bytes(data, case_id)
    elapsed = time.perf_counter() - start

    assert isinstance(result, LoadResult)
    assert elapsed < PER_CASE_SECONDS
    assert not result.ok  # no case in the suite is a briefing
    assert result.briefing is None
    assert result.problems, "a refused file must say why"
    assert_located(result, data.decode("utf-8"), case_id)


def test_whole_suite_loads_quickly() -> None:
    inputs = [(case_id, case_bytes(case_id)) for case_id in CASE_IDS]

    start = time.perf_counter()
    results = [load_bytes(data, case_id) for case_id, data in inputs]
    elapsed = time.perf_counter() - start

    assert elapsed < WHOLE_SUITE_SECONDS
    assert [result.ok for result in results] == [False] * len(CASE_IDS)


# --- error cases: refused by the YAML layer, except where libyaml is lenient --------------


@pytest.mark.parametrize("case_id", ERROR_IDS)
def test_error_case_is_refused_as_yaml_syntax(case_id: str) -> None:
    result = load_case(case_id)

    assert not result.ok
    first = result.problems[0].message
    if case_id in PAST_THE_YAML_LAYER:
        assert not first.startswith("YAML syntax"), first  # refused by the briefing checks
    else:
        assert first.startswith("YAML syntax"), first


def test_libyaml_accepts_exactly_the_known_error_cases() -> None:
    accepted: set[str] = set()
    for case_id in ERROR_IDS:
        try:
            list(yaml.parse(case_bytes(case_id), Loader=yaml.CSafeLoader))  # every event
        except yaml.YAMLError:
            continue
        accepted.add(case_id)

    assert accepted == LIBYAML_ACCEPTS, (
        f"libyaml now accepts {sorted(accepted - LIBYAML_ACCEPTS)} "
        f"and now rejects {sorted(LIBYAML_ACCEPTS - accepted)}"
    )


def test_exactly_the_known_error_cases_get_past_the_yaml_layer() -> None:
    results = {case_id: load_case(case_id) for case_id in ERROR_IDS}

    past = {
        case_id
        for case_id, result in results.items()
        if not result.problems or not result.problems[0].message.startswith("YAML syntax")
    }

    assert past == PAST_THE_YAML_LAYER
    assert [case_id for case_id in sorted(past) if results[case_id].ok] == []


@pytest.mark.parametrize("case_id", sorted(SEVERAL_DOCUMENTS))
def test_error_case_of_several_documents_is_refused_as_one_briefing_per_file(
    case_id: str,
) -> None:
    result = load_case(case_id)

    assert not result.ok
    assert len(result.problems) == 1
    message = result.problems[0].message
    assert message.startswith("YAML syntax")
    assert "one briefing per file" in message


# --- every case's text kept exactly as the summary of a valid briefing --------------------


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_text_is_kept_as_a_summary(case_id: str) -> None:
    text = case_text(case_id)
    expected = "\n".join(LINE_BREAK.split(text)).strip()
    document = embedded(text)

    result = load_text(document, case_id)

    assert_located(result, document, case_id)
    if not expected:  # an empty case: blank text is refused, at the value
        assert [(p.line, p.message) for p in result.problems] == [
            (SUMMARY_LINE, "summary: expected text, got an empty value")
        ]
        return
    assert result.problems == ()
    assert result.briefing is not None
    assert result.briefing.summary == expected


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_text_as_a_summary_renders_safely(case_id: str) -> None:
    result = load_text(embedded(case_text(case_id)), case_id)
    if not result.ok:  # an empty case makes no summary (checked above)
        assert not case_text(case_id).strip()
        return

    plain = rendered(result, terminal=False)
    styled = rendered(result, terminal=True)

    assert "\x1b" not in plain
    assert UNSAFE_OUTPUT.findall(plain) == []
    assert SGR.search(styled), "the terminal rendering is styled"
    assert UNSAFE_OUTPUT.findall(SGR.sub("", styled)) == []
