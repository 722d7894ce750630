"""`model.fields_of` is the one field walk, and the section names live in one table.

The loader, the JSON Schema, the exports, the search and the field tables of docs/format.md
all read the same field list; these tests pin the list to the dataclasses and show that
each reader follows it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import typing
from pathlib import Path
from typing import Any

import pytest

from briefing_reader import docs, model
from briefing_reader.export import to_json, to_markdown
from briefing_reader.loader import load_text
from briefing_reader.model import (
    SECTION_SHORT_TITLES,
    SECTION_TABLE,
    SECTION_TITLES,
    SECTIONS,
    Briefing,
    Pattern,
    Quote,
    Source,
    TypeSpec,
    fields_of,
    record_types,
    type_spec,
)
from briefing_reader.schema import json_schema
from briefing_reader.search import BriefingText, SearchIndex
from conftest import ROOT

FORMAT_DOC = ROOT / "docs" / "format.md"

RECORDS = record_types()
ITEM_TYPES = tuple(cls for cls in RECORDS if cls not in (Briefing, Source))

# --- fields_of ----------------------------------------------------------------------------


def test_record_types_are_every_class_a_briefing_is_made_of() -> None:
    assert [cls.__name__ for cls in RECORDS] == [
        "Briefing",
        "AgendaItem",
        "Position",
        "Region",
        "Bilateral",
        "Partner",
        "Initiative",
        "Quote",
        "Source",
    ]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_fields_of_lists_the_dataclass_fields_in_order(cls: type) -> None:
    every = [field.name for field in dataclasses.fields(cls)]
    internal = [f.name for f in dataclasses.fields(cls) if f.metadata.get("internal")]

    assert [spec.name for spec in fields_of(cls, internal=True)] == every
    assert [spec.name for spec in fields_of(cls)] == [n for n in every if n not in internal]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_fields_of_is_worked_out_once(cls: type) -> None:
    assert fields_of(cls) is fields_of(cls)
    assert fields_of(cls, internal=True) is fields_of(cls, internal=True)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_every_format_field_is_documented_and_typed(cls: type) -> None:
    for spec in fields_of(cls):
        assert spec.doc.strip(), f"{cls.__name__}.{spec.name} has no documentation"
        assert spec.doc == spec.doc.strip()
        assert spec.doc.endswith("."), f"{cls.__name__}.{spec.name}: end the doc with '.'"
        assert isinstance(spec.kind, TypeSpec)  # raises TypeError for an unknown type
        assert not spec.internal


def test_items_record_where_they_are_and_the_briefing_does_not() -> None:
    for cls in RECORDS:
        internal = [spec.name for spec in fields_of(cls, internal=True) if spec.internal]
        assert internal == ([] if cls is Briefing else ["line", "column"])


def test_required_means_no_default() -> None:
    required = {
        cls.__name__: [spec.name for spec in fields_of(cls) if spec.required] for cls in RECORDS
    }

    assert required == {
        "Briefing": ["title", "date", "agenda", "positions", "regions", "bilaterals"],
        "AgendaItem": ["title"],
        "Position": ["title", "statement"],
        "Region": ["name", "concern"],
        "Bilateral": ["counterpart"],
        "Partner": ["name"],
        "Initiative": ["name"],
        "Quote": ["speaker", "original"],
        "Source": ["publisher"],
    }


def test_field_spec_carries_doc_example_and_annotation() -> None:
    short_name = next(spec for spec in fields_of(Briefing) if spec.name == "short_name")
    language = next(spec for spec in fields_of(Briefing) if spec.name == "language")

    assert short_name.doc == "The event's short name."
    assert short_name.example == "MCCS"
    assert short_name.annotation == str | None
    assert language.annotation == model.Language | None


def test_labels_are_capitalised_names_unless_the_model_says() -> None:
    labels = {spec.name: spec.label for spec in fields_of(Source)}

    assert labels["publisher"] == "Publisher"
    assert labels["url"] == "URL"
    assert {spec.label for spec in fields_of(model.Region)} >= {"Raised by"}


def test_heading_fields_are_the_ones_item_heading_shows() -> None:
    headings = {
        cls.__name__: [spec.name for spec in fields_of(cls) if spec.heading] for cls in RECORDS
    }

    assert headings == {
        "Briefing": [],
        "AgendaItem": ["title"],
        "Position": ["title"],
        "Region": ["name"],
        "Bilateral": ["counterpart"],
        "Partner": ["name"],
        "Initiative": ["name", "short_name"],
        "Quote": ["speaker"],
        "Source": [],
    }


def test_only_the_briefings_end_date_and_language_are_not_searched() -> None:
    unsearched = [
        (cls.__name__, spec.name) for cls in RECORDS for spec in fields_of(cls) if not spec.searched
    ]

    assert unsearched == [("Briefing", "end_date"), ("Briefing", "language")]


# --- type_spec ----------------------------------------------------------------------------


def test_type_spec_reads_each_shape() -> None:
    assert type_spec(str) == TypeSpec("text")
    assert type_spec(dt.date | None) == TypeSpec("date", optional=True)
    assert type_spec(tuple[model.Topic, ...]) == TypeSpec("list", inner=model.Topic)
    assert type_spec(Source | None) == TypeSpec("record", optional=True, inner=Source)
    language = type_spec(model.Language)
    assert language.shape == "text"
    assert language.pattern is not None
    assert language.pattern.regex == model.LANGUAGE_PATTERN


@pytest.mark.parametrize(
    "kind",
    [int, dict[str, str], str | int | None, typing.Annotated[dt.date, Pattern("x", "x", "x")]],
    ids=["int", "dict", "two-types", "pattern-on-a-date"],
)
def test_type_spec_refuses_a_type_the_format_does_not_define(kind: Any) -> None:
    with pytest.raises(TypeError, match="the format does not define"):
        type_spec(kind)


# --- every reader follows the walk --------------------------------------------------------


def _filled(cls: type, prefix: str) -> dict[str, Any]:
    """YAML data with every format field of `cls` set to a value naming it."""
    data: dict[str, Any] = {}
    for spec in fields_of(cls):
        kind = spec.kind
        marker = f"{prefix}{spec.name}".replace("_", "-").lower()
        if kind.shape == "date":
            data[spec.name] = "2026-01-21"
        elif kind.shape == "record":
            data[spec.name] = _filled(kind.inner, marker + "-")
        elif kind.shape == "list" and type_spec(kind.inner).shape == "record":
            data[spec.name] = [_filled(type_spec(kind.inner).inner, marker + "-")]
        elif kind.shape == "list":
            data[spec.name] = [marker]
        elif kind.pattern is not None and "language" in kind.pattern.noun:
            data[spec.name] = "it"
        else:
            data[spec.name] = marker
    return data


FULL = _filled(Briefing, "x-")
"""A briefing with every field of every type set to a marker naming it, like
"x-quotes-context" (JSON is YAML, so it loads as it is)."""


def _full() -> Briefing:
    result = load_text(json.dumps(FULL))
    assert result.problems == ()
    assert result.briefing is not None
    return result.briefing


def _markers(data: Any) -> set[str]:
    """Every marker in the data (dates and language codes are not markers)."""
    if isinstance(data, dict):
        return {marker for value in data.values() for marker in _markers(value)}
    if isinstance(data, list):
        return {marker for value in data for marker in _markers(value)}
    return {data} if data.startswith("x-") else set()


def test_the_loader_reads_every_field() -> None:
    briefing = _full()

    for cls in RECORDS:
        assert any(isinstance(value, cls) for value in _values(briefing)), cls


def _values(value: Any) -> list[Any]:
    found = [value]
    if dataclasses.is_dataclass(value):
        for spec in fields_of(type(value)):
            found += _values(getattr(value, spec.name))
    elif isinstance(value, tuple):
        for element in value:
            found += _values(element)
    return found


def test_json_export_has_every_field_and_loads_back() -> None:
    briefing = _full()
    text = to_json(briefing)

    assert json.loads(text) == FULL
    assert load_text(text).briefing == briefing


def test_markdown_export_shows_every_field() -> None:
    markdown = to_markdown(_full()).lower()  # the marking is shown in capitals

    missing = sorted(marker for marker in _markers(FULL) if marker not in markdown)
    assert missing == []


def test_search_finds_every_searched_field() -> None:
    result = load_text(json.dumps(FULL))
    index = SearchIndex([result])
    folded = BriefingText.of(result).folded

    for marker in _markers(FULL):
        assert marker in folded, marker
        assert index.search(marker), marker


def test_the_schema_has_a_property_for_every_field() -> None:
    schema = json_schema()
    definitions = {"Briefing": schema, **schema["$defs"]}

    for cls in RECORDS:
        definition = definitions[cls.__name__]
        assert list(definition["properties"]) == [spec.name for spec in fields_of(cls)]
        assert definition["required"] == [spec.name for spec in fields_of(cls) if spec.required]
        for spec in fields_of(cls):
            assert definition["properties"][spec.name]["description"] == spec.doc


# --- sections -----------------------------------------------------------------------------


def test_sections_are_the_briefings_lists_of_items_in_field_order() -> None:
    lists_of_items = [
        spec.name
        for spec in fields_of(Briefing)
        if spec.kind.shape == "list" and type_spec(spec.kind.inner).shape == "record"
    ]

    assert list(SECTIONS) == lists_of_items


def test_every_item_type_has_a_section() -> None:
    section_types = [
        type_spec(spec.kind.inner).inner for spec in fields_of(Briefing) if spec.name in SECTIONS
    ]

    assert section_types == list(ITEM_TYPES)
    assert typing.get_args(model.Item) == ITEM_TYPES


def test_section_names_and_titles_come_from_one_table() -> None:
    assert tuple(section.name for section in SECTION_TABLE) == SECTIONS
    assert list(SECTION_TITLES) == list(SECTIONS) == list(SECTION_SHORT_TITLES)
    assert SECTION_TITLES["positions"] == "Italy's positions"
    assert SECTION_TITLES["bilaterals"] == "Bilateral meetings"
    assert list(SECTION_SHORT_TITLES.values()) == [
        "Agenda",
        "Positions",
        "Regions",
        "Bilaterals",
        "Partners",
        "Initiatives",
        "Quotes",
    ]


def test_a_quote_is_headed_by_its_speaker_in_markdown() -> None:
    quote = _full().quotes[0]
    assert isinstance(quote, Quote)

    markdown = to_markdown(_full())

    assert f"### {quote.speaker}" in markdown.splitlines()
    assert f"> {quote.original}" in markdown.splitlines()


# --- docs/format.md -----------------------------------------------------------------------


def test_format_doc_tables_match_the_model() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")

    assert docs.format_doc(text) == text, "run: .venv/bin/python -m briefing_reader.docs"


def test_format_doc_has_one_table_per_model_class() -> None:
    tables = docs.tables_in(FORMAT_DOC.read_text(encoding="utf-8"))

    assert sorted(tables) == sorted(cls.__name__ for cls in RECORDS)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_each_table_row_is_a_field_with_its_doc(cls: type) -> None:
    rows = docs.field_table(cls).splitlines()[2:]
    cells = [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]

    assert [row[0] for row in cells] == [f"`{spec.name}`" for spec in fields_of(cls)]
    assert [row[1] == "yes" for row in cells] == [spec.required for spec in fields_of(cls)]
    assert [row[3] for row in cells] == [spec.doc for spec in fields_of(cls)]


def test_type_names_read_as_words() -> None:
    names = {spec.name: docs.type_name(spec.annotation) for spec in fields_of(Briefing)}

    assert names["title"] == "text"
    assert names["end_date"] == "date"
    assert names["language"] == "language code"
    assert names["agenda"] == "list of agenda items"
    assert names["source"] == "source"
    assert docs.type_name(tuple[model.Topic, ...]) == "list of topics"


def test_a_drifted_table_is_rewritten_and_the_prose_kept(tmp_path: Path) -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    drifted = text.replace("| `place` |", "| `venue` |").replace("Every item may", "Items may")
    path = tmp_path / "format.md"
    path.write_text(drifted, encoding="utf-8")

    assert docs.main(["--check", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == drifted
    assert docs.main([str(path)]) == 0
    assert path.read_text(encoding="utf-8") == text.replace("Every item may", "Items may")
    assert docs.main(["--check", str(path)]) == 0


def test_an_empty_table_is_filled() -> None:
    text = "# x\n\n<!-- fields: Partner -->\n<!-- end of fields -->\n\nafter\n"

    table = docs.field_table(model.Partner)

    assert docs.format_doc(text) == text.replace("-->\n<!--", f"-->\n{table}\n<!--")


def test_a_table_of_an_unknown_class_is_refused() -> None:
    with pytest.raises(ValueError, match="no model class 'Venue'"):
        docs.format_doc("<!-- fields: Venue -->\n<!-- end of fields -->\n")
