"""The loader: every problem located at its exact line and column, nothing ever constructed."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefing_reader.loader import (
    MAX_FILE_BYTES,
    MAX_VALUES,
    LoadResult,
    Problem,
    load_bytes,
    load_file,
    values_built,
)
from conftest import MINIMAL, with_lines, write

HEALTH = HealthCheck.function_scoped_fixture  # the autouse environment fixture is harmless here
AGENDA_ITEM = "agenda:\n  - title: An item\n    day: {day}"


def load(tmp_path: Path, text: str | bytes) -> LoadResult:
    return load_file(write(tmp_path, text))


def located(result: LoadResult) -> list[tuple[int, int, str]]:
    """The problems as (line, column, message), in the order they were reported."""
    assert result.briefing is None
    return [(problem.line, problem.column, problem.message) for problem in result.problems]


def only_problem(result: LoadResult) -> Problem:
    assert result.briefing is None
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


# --- the minimal briefing and the shape of a problem -------------------------------------


def test_minimal_briefing_loads(tmp_path: Path, minimal_text: str) -> None:
    result = load(tmp_path, minimal_text)

    assert result.ok
    assert result.problems == ()
    assert result.briefing is not None
    assert result.briefing.title == "A minimal briefing"


def test_problem_prints_as_file_line_column_message() -> None:
    problem = Problem("briefings/x.yaml", 3, 9, "agenda: expected a list")

    assert str(problem) == "briefings/x.yaml:3:9: agenda: expected a list"


def test_problem_names_the_file_it_was_found_in(tmp_path: Path) -> None:
    path = write(tmp_path, with_lines(MINIMAL, "title: A minimal briefing", "titel: x"))

    problem = load_file(path).problems[0]

    assert problem.path == str(path)
    assert str(problem).startswith(f"{path}:1:1: ")


# --- keys ---------------------------------------------------------------------------------


def test_misspelt_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "titel: A minimal briefing")

    problems = located(load(tmp_path, text))

    assert (1, 1, "titel: unknown key 'titel' (did you mean 'title'?)") in problems


def test_key_written_with_hyphen_suggests_underscore(tmp_path: Path) -> None:
    text = MINIMAL + "end-date: 2026-01-22\n"

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (7, 1)
    assert problem.message == "end-date: unknown key 'end-date' (did you mean 'end_date'?)"


def test_unknown_key_without_near_miss_lists_the_valid_keys(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, MINIMAL + "colour: blue\n"))

    assert (problem.line, problem.column) == (7, 1)
    assert problem.message.startswith("colour: unknown key 'colour'; expected one of: title, date")


def test_unknown_key_inside_an_item_is_located_at_the_key(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:\n  - title: x\n    sumary: y")

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (5, 5)
    assert problem.message == "agenda[0].sumary: unknown key 'sumary' (did you mean 'summary'?)"


def test_missing_required_key_is_reported_at_the_mapping(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "date: 2026-01-21\n", "")

    assert located(load(tmp_path, text)) == [(1, 1, "missing required key 'date'")]


def test_missing_required_key_in_an_item_is_located_at_the_item(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "positions: []", "positions:\n  - title: Only a title")

    problems = located(load(tmp_path, text))

    assert problems == [(5, 5, "positions[0]: missing required key 'statement'")]


def test_duplicate_key_is_located_at_the_second_occurrence(tmp_path: Path) -> None:
    text = MINIMAL + "title: Given twice\n"

    problems = located(load(tmp_path, text))

    assert problems == [(7, 1, "title: duplicate key (first given on line 1)")]


def test_key_that_is_a_list_is_refused(tmp_path: Path) -> None:
    problems = located(load(tmp_path, MINIMAL + "? [a, b]\n: value\n"))

    assert problems == [(7, 3, "keys must be plain words, got a list")]


# --- wrong types ------------------------------------------------------------------------


def test_list_where_text_expected(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: [a, b]")

    assert located(load(tmp_path, text)) == [(1, 8, "title: expected text, got a list")]


def test_mapping_where_text_expected(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: {a: b}")

    problems = located(load(tmp_path, text))

    assert problems == [(1, 8, "title: expected text, got a mapping (key: value pairs)")]


def test_text_where_list_expected(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda: hello")

    problems = located(load(tmp_path, text))

    assert problems == [(3, 9, "agenda: expected a list (- item, or [a, b]), got 'hello'")]


def test_mapping_where_list_expected(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:\n  title: An item")

    problems = located(load(tmp_path, text))

    assert problems == [
        (4, 3, "agenda: expected a list (- item, or [a, b]), got a mapping (key: value pairs)")
    ]


def test_text_where_item_mapping_expected(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:\n  - just words")

    problems = located(load(tmp_path, text))

    assert problems == [
        (4, 5, "agenda[0]: expected a mapping (key: value pairs), got 'just words'")
    ]


def test_empty_required_text_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title:")

    assert located(load(tmp_path, text)) == [(1, 7, "title: expected text, got nothing")]


def test_blank_quoted_text_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", 'title: "   "')

    assert located(load(tmp_path, text)) == [(1, 8, "title: expected text, got an empty value")]


def test_empty_optional_text_is_absent(tmp_path: Path) -> None:
    result = load(tmp_path, MINIMAL + "place:\n")

    assert result.briefing is not None
    assert result.briefing.place is None


# --- dates --------------------------------------------------------------------------------


def test_date_in_words_is_refused_with_an_example(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", AGENDA_ITEM.format(day="Jan 21"))

    problems = located(load(tmp_path, text))

    assert problems == [(5, 10, "agenda[0].day: expected a date like 2026-01-21, got 'Jan 21'")]


def test_impossible_date_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", AGENDA_ITEM.format(day="2026-02-30"))

    problems = located(load(tmp_path, text))

    assert problems == [(5, 10, "agenda[0].day: '2026-02-30' is not a real date")]


def test_impossible_event_date_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "date: 2026-01-21", "date: 2026-13-01")

    assert located(load(tmp_path, text)) == [(2, 7, "date: '2026-13-01' is not a real date")]


def test_date_with_a_time_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "date: 2026-01-21", "date: 2026-01-21 10:00:00")

    problems = located(load(tmp_path, text))

    assert problems == [(2, 7, "date: expected a date like 2026-01-21, got '2026-01-21 10:00:00'")]


def test_quoted_date_is_a_date(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "date: 2026-01-21", 'date: "2026-01-21"')

    result = load(tmp_path, text)

    assert result.briefing is not None
    assert result.briefing.date.isoformat() == "2026-01-21"


def test_end_date_before_date_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "date: 2026-01-21", "date: 2026-01-21\nend_date: 2026-01-20")

    problems = located(load(tmp_path, text))

    assert problems == [
        (3, 11, "end_date: the event cannot end (2026-01-20) before it starts (2026-01-21)")
    ]


def test_agenda_day_after_a_one_day_event_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", AGENDA_ITEM.format(day="2026-01-25"))

    problems = located(load(tmp_path, text))

    assert problems == [
        (5, 10, "agenda[0].day: 2026-01-25 is outside the event's dates (2026-01-21)")
    ]


def test_agenda_day_before_a_multi_day_event_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "date: 2026-01-21", "date: 2026-01-21\nend_date: 2026-01-22")
    text = with_lines(text, "agenda: []", AGENDA_ITEM.format(day="2026-01-20"))

    problems = located(load(tmp_path, text))

    assert problems == [
        (6, 10, "agenda[0].day: 2026-01-20 is outside the event's dates (2026-01-21 to 2026-01-22)")
    ]


def test_agenda_day_on_the_last_day_is_accepted(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "date: 2026-01-21", "date: 2026-01-21\nend_date: 2026-01-22")
    text = with_lines(text, "agenda: []", AGENDA_ITEM.format(day="2026-01-22"))

    result = load(tmp_path, text)

    assert result.briefing is not None
    assert result.briefing.agenda[0].day is not None
    assert result.briefing.agenda[0].day.isoformat() == "2026-01-22"


# --- patterns -----------------------------------------------------------------------------


def test_topic_must_be_a_lowercase_tag(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:\n  - title: x\n    topics: [Air Defence]")

    problems = located(load(tmp_path, text))

    assert problems == [
        (
            5,
            14,
            "agenda[0].topics[0]: expected a lowercase tag like 'air-defence', got 'Air Defence'",
        )
    ]


def test_repeated_topic_is_kept_once(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:\n  - title: x\n    topics: [a, b, a]")

    result = load(tmp_path, text)

    assert result.briefing is not None
    assert result.briefing.agenda[0].topics == ("a", "b")


def test_language_must_be_a_language_code(tmp_path: Path) -> None:
    problems = located(load(tmp_path, MINIMAL + "language: English\n"))

    assert problems == [
        (7, 11, "language: expected a language code like 'en' or 'it', got 'English'")
    ]


# --- tags: refused, and nothing is ever constructed ---------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        pytest.param("!!python/object/apply:os.system [{command}]\n", id="document"),
        pytest.param(
            MINIMAL + "summary: !!python/object/apply:os.system [{command}]\n", id="value"
        ),
        pytest.param(MINIMAL + "? !!python/object/apply:os.system [{command}]\n: x\n", id="key"),
        pytest.param(
            with_lines(
                MINIMAL, "agenda: []", "agenda:\n  - !!python/object/apply:os.system [{command}]"
            ),
            id="list-item",
        ),
    ],
)
def test_python_tag_runs_nothing(tmp_path: Path, template: str) -> None:
    witness = tmp_path / "pwned"
    command = f'"touch {witness}"'
    text = template.format(command=command)

    result = load(tmp_path, text)

    assert not result.ok
    assert not witness.exists()


def test_python_tag_is_refused_at_the_tag(tmp_path: Path) -> None:
    text = with_lines(
        MINIMAL,
        "title: A minimal briefing",
        'title: !!python/object/apply:os.system ["echo hi"]',
    )

    problems = located(load(tmp_path, text))

    assert problems == [
        (
            1,
            8,
            "title: tags are not allowed: remove '!!python/object/apply:os.system' "
            "and keep plain text",
        )
    ]


def test_custom_tag_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: !foo bar")

    problems = located(load(tmp_path, text))

    assert problems == [(1, 8, "title: tags are not allowed: remove '!foo' and keep plain text")]


def test_binary_tag_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: !!binary aGVsbG8=")

    problems = located(load(tmp_path, text))

    assert problems == [
        (1, 8, "title: tags are not allowed: remove '!!binary' and keep plain text")
    ]


# --- YAML syntax --------------------------------------------------------------------------


def test_unclosed_bracket_is_located(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda: [a, b")

    problem = only_problem(load(tmp_path, text))

    # libyaml notices the missing ']' where the next line's mapping value starts
    assert (problem.line, problem.column) == (4, 10)
    assert problem.message.startswith("YAML syntax: did not find expected ',' or ']'")


def test_tab_indentation_is_located_with_a_hint(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:\n  - title: x\n\t  day: 2026-01-21")

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (5, 1)
    assert problem.message.startswith("YAML syntax: found a tab character")
    assert "indent with spaces" in problem.message


def test_tab_before_a_list_item_is_located(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:\n\t- title: x")

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (4, 1)
    assert problem.message.startswith("YAML syntax: ")


def test_unquoted_colon_in_a_value_gets_a_hint(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: Note: this breaks")

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (1, 12)
    assert "a value containing ': ' must be quoted" in problem.message


def test_undefined_alias_is_located(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: *nowhere")

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (1, 8)
    assert "found undefined alias" in problem.message


def test_several_documents_are_refused_at_the_second(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, MINIMAL + "---\n" + MINIMAL))

    assert (problem.line, problem.column) == (7, 1)
    assert "one briefing per file" in problem.message


def test_control_character_in_the_file_is_located(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: bell \x07 here")

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (1, 13)
    assert "U+0007" in problem.message


def test_control_character_after_non_ascii_text_is_located_in_characters(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: «Bruxelles» \x07")

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (1, 20)


# --- empty and odd documents ----------------------------------------------------------


def test_empty_file_is_refused(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, ""))

    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("the file is empty")


def test_comments_only_file_is_empty(tmp_path: Path) -> None:
    problem = only_problem(load(tmp_path, "# a briefing, one day\n# nothing yet\n"))

    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("the file is empty")


def test_scalar_at_top_level_is_refused(tmp_path: Path) -> None:
    assert located(load(tmp_path, "hello\n")) == [(1, 1, "expected a briefing, got 'hello'")]


def test_list_at_top_level_is_refused(tmp_path: Path) -> None:
    assert located(load(tmp_path, "- a\n- b\n")) == [(1, 1, "expected a briefing, got a list")]


# --- encodings ----------------------------------------------------------------------------


def test_latin1_bytes_are_located(tmp_path: Path) -> None:
    text = MINIMAL + "place: Liège\n"

    problem = only_problem(load(tmp_path, text.encode("latin-1")))

    assert (problem.line, problem.column) == (7, 10)
    assert "not valid UTF-8" in problem.message
    assert "Latin-1" in problem.message
    assert "0xe8" in problem.message


def test_latin1_byte_column_counts_characters(tmp_path: Path) -> None:
    data = MINIMAL.encode() + "place: «Li".encode() + b"\xe8ge\n"

    problem = only_problem(load(tmp_path, data))

    assert (problem.line, problem.column) == (7, 11)


def test_utf8_with_bom_loads(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: Türkiye")

    result = load(tmp_path, codecs.BOM_UTF8 + text.encode("utf-8"))

    assert result.briefing is not None
    assert result.briefing.title == "Türkiye"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["le", "be"],
)
def test_utf16_with_bom_loads(tmp_path: Path, bom: bytes, encoding: str) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: Türkiye")

    result = load(tmp_path, bom + text.encode(encoding))

    assert result.briefing is not None
    assert result.briefing.title == "Türkiye"


# --- size and aliases ---------------------------------------------------------------------


def test_file_over_one_mib_is_refused(tmp_path: Path) -> None:
    padding = "#" * 99 + "\n"
    text = MINIMAL + padding * (MAX_FILE_BYTES // len(padding) + 1)
    assert len(text.encode()) > 1024 * 1024

    problem = only_problem(load(tmp_path, text))

    assert (problem.line, problem.column) == (1, 1)
    assert "larger than 1024 KiB" in problem.message


def test_file_of_exactly_one_mib_is_read(tmp_path: Path) -> None:
    text = MINIMAL + "#" * (1024 * 1024 - len(MINIMAL) - 1) + "\n"
    assert len(text.encode()) == 1024 * 1024

    assert load(tmp_path, text).ok


def test_billion_laughs_is_refused_without_expanding_it(tmp_path: Path) -> None:
    """Its aliases sit under keys the format does not have, so they are never expanded."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    text = "\n".join(lines) + "\n"

    problems = located(load(tmp_path, text))

    # The briefing itself, and none of the 10**9 "lol"s its aliases stand for.
    assert values_built(text) <= 10
    assert problems[0][:2] == (1, 1)
    assert "unknown key 'a'" in problems[0][2]


def test_aliases_expanding_through_the_format_are_bounded(tmp_path: Path) -> None:
    """A thousand items, each with a thousand topics, from a few kilobytes of aliases."""
    topics = ", ".join(["*t"] * 1000)
    items = "\n".join(["  - *i"] * 1000)
    text = with_lines(
        MINIMAL, "agenda: []", f"agenda:\n  - &i {{title: &t lol, topics: [{topics}]}}\n{items}"
    )

    problem = only_problem(load(tmp_path, text))
    built = values_built(text)

    # The walk stops at the budget (then only steps past the siblings left on its path, each
    # refused at once): about MAX_VALUES values, never the million the aliases make.
    assert MAX_VALUES < built < 2 * MAX_VALUES
    assert (problem.line, problem.column) == (1, 1)
    assert "more than 20,000 values once aliases are expanded" in problem.message


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda: &loop\n  - *loop")

    problems = located(load(tmp_path, text))

    assert problems == [(3, 9, "an alias refers to a node that contains it (a cycle)")]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    depth = 100_000
    text = with_lines(MINIMAL, "title: A minimal briefing", "title: " + "[" * depth + "]" * depth)

    problem = only_problem(load(tmp_path, text))

    assert problem.message.startswith("YAML syntax:")
    assert "nesting" in problem.message


def test_aliases_within_reason_are_expanded(tmp_path: Path) -> None:
    text = MINIMAL + "place: &where Brussels\nevent: *where\n"

    result = load(tmp_path, text)

    assert result.briefing is not None
    assert result.briefing.event == "Brussels"


# --- every problem at once --------------------------------------------------------------


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        "title: Three mistakes\n"
        "date: 2026-01-21\n"
        "colour: blue\n"
        "agenda:\n"
        "  - title: An item\n"
        "    day: Jan 21\n"
        "positions:\n"
        "  - title: No statement\n"
        "regions: []\n"
        "bilaterals: []\n"
    )

    problems = located(load(tmp_path, text))

    assert [(line, column) for line, column, _ in problems] == [(3, 1), (6, 10), (8, 5)]
    assert problems[0][2].startswith("colour: unknown key")
    assert problems[1][2].startswith("agenda[0].day: expected a date")
    assert problems[2][2] == "positions[0]: missing required key 'statement'"


# --- text stays the text typed (the "Norway problem") -----------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("on", "on"),
        ("Off", "Off"),
        ("yes", "yes"),
        ("true", "true"),
        ("1.10", "1.10"),
        ("0x10", "0x10"),
        ("0o17", "0o17"),
        ("012", "012"),
        ("1e3", "1e3"),
        ("1_000", "1_000"),
        ("+12", "+12"),
        ("12:30", "12:30"),
        (".inf", ".inf"),
        (".NaN", ".NaN"),
        ("2026-01-21", "2026-01-21"),
        ("2026-01-21 10:00:00", "2026-01-21 10:00:00"),
        ("'~'", "~"),
        ('"~"', "~"),
        ("'null'", "null"),
        ('"NULL"', "NULL"),
    ],
)
def test_text_field_keeps_the_text_typed(tmp_path: Path, typed: str, expected: str) -> None:
    text = with_lines(MINIMAL, "title: A minimal briefing", f"title: {typed}")

    result = load(tmp_path, text)

    assert result.briefing is not None
    assert result.briefing.title == expected


def test_norway_stays_no(tmp_path: Path) -> None:
    text = with_lines(
        MINIMAL, "bilaterals: []", "bilaterals:\n  - counterpart: Norwegian CHOD\n    country: NO"
    )

    result = load(tmp_path, text)

    assert result.briefing is not None
    assert result.briefing.bilaterals[0].country == "NO"


@settings(max_examples=200, deadline=None, suppress_health_check=[HEALTH])
@given(st.from_regex(r"[0-9A-Za-z.+][0-9A-Za-z._+:\-]{0,15}", fullmatch=True))
def test_any_plain_word_stays_exactly_as_typed(word: str) -> None:
    assume(word not in {"null", "Null", "NULL"})  # YAML's own spellings of "nothing"
    assume(not word.endswith(":"))  # "word:" would start a mapping
    text = with_lines(MINIMAL, "title: A minimal briefing", f"title: {word}")

    result = load_bytes(text.encode())

    assert result.briefing is not None, result.problems
    assert result.briefing.title == word


@settings(max_examples=200, deadline=None, suppress_health_check=[HEALTH])
@given(st.text(st.characters(exclude_categories=["Cs"], max_codepoint=0xFFFF), min_size=1))
def test_double_quoted_text_keeps_every_character(value: str) -> None:
    assume(value.strip())
    escaped = "".join(
        char if 0x20 <= ord(char) < 0x7F and char not in '"\\' else f"\\u{ord(char):04x}"
        for char in value
    )
    text = with_lines(MINIMAL, "title: A minimal briefing", f'title: "{escaped}"')

    result = load_bytes(text.encode())

    assert result.briefing is not None, result.problems
    assert result.briefing.title == value.strip()


def test_empty_list_key_gives_an_empty_tuple(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "agenda: []", "agenda:")

    result = load(tmp_path, text + "partners:\n")

    assert result.briefing is not None
    assert result.briefing.agenda == ()
    assert result.briefing.partners == ()


# --- where items are ----------------------------------------------------------------------


def test_items_record_their_line_and_column(tmp_path: Path) -> None:
    text = with_lines(
        MINIMAL,
        "agenda: []",
        "agenda:\n  - title: First\n\n  - title: Second\n    summary: Later",
    )
    text += "source:\n    publisher: Someone\n"

    result = load(tmp_path, text)

    assert result.briefing is not None
    first, second = result.briefing.agenda
    assert (first.line, first.column) == (4, 5)
    assert (second.line, second.column) == (6, 5)
    assert result.briefing.source is not None
    assert (result.briefing.source.line, result.briefing.source.column) == (12, 5)


def test_flow_style_item_records_its_column(tmp_path: Path) -> None:
    text = with_lines(MINIMAL, "regions: []", "regions: [{name: Arctic, concern: Ice}]")

    result = load(tmp_path, text)

    assert result.briefing is not None
    region = result.briefing.regions[0]
    assert (region.line, region.column) == (5, 11)


def test_position_does_not_change_equality(tmp_path: Path) -> None:
    near = load(tmp_path, MINIMAL + "source: {publisher: X}\n").briefing
    far = load(tmp_path, MINIMAL + "\n\n\nsource:\n  publisher: X\n").briefing

    assert near is not None
    assert far is not None
    assert near.source is not None
    assert far.source is not None
    assert near.source.line != far.source.line
    assert near == far


# --- unreadable paths ---------------------------------------------------------------------


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"

    problem = only_problem(load_file(path))

    assert (problem.path, problem.line, problem.column) == (str(path), 1, 1)
    assert problem.message.startswith("cannot read the file")


def test_directory_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.yaml"
    folder.mkdir()

    problem = only_problem(load_file(folder))

    assert problem.message.startswith("cannot read the file")
