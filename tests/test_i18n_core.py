"""The core in Italian: `validate`'s problems, the field labels, the marking, the schema's
descriptions and the skeleton `briefing new` writes, each from the catalogue, with the
English unchanged and every place in a file (FILE:LINE:COL) the same in both languages."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]

from briefing_reader import i18n, po
from briefing_reader.loader import load_file, load_text
from briefing_reader.model import FIELD_LABELS, Bilateral, Briefing, fields_of, record_types
from briefing_reader.schema import json_schema, schema_text
from briefing_reader.skeleton import skeleton
from briefing_reader.text import TEXT_LIMIT, clipped, marking_text
from briefing_reader.vocabulary import topic_note
from conftest import MINIMAL

RECORDS = record_types()

BROKEN = """\
title: A broken briefing
date: 2026-01-21
end_date: 2026-01-22
agenda:
  - title: Posture
    day: 2026-01-25
positions: []
regions:
  - name: Arctic
    topics: [Air Defence]
bilaterals: notalist
titel: oops
"""
"""Problems the checker finds in one pass: a topic that is not a tag, a missing key, a
list that is text, and a mistyped key (and, once those are mended, a day outside the
event's dates)."""


def _messages() -> dict[str, po.Message]:
    return po.messages_in(po.source_files())


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


# --- validate's problems ------------------------------------------------------------------


def test_problems_are_said_in_italian_at_the_same_places(broken: Path) -> None:
    english = load_file(broken).problems
    with i18n.labelled_in("it"):
        italian = load_file(broken).problems

    assert [(p.path, p.line, p.column) for p in italian] == [
        (p.path, p.line, p.column) for p in english
    ]
    assert [p.message for p in english] == [
        "regions[0].topics[0]: expected a lowercase tag like 'air-defence', got 'Air Defence'",
        "regions[0]: missing required key 'concern'",
        "bilaterals: expected a list (- item, or [a, b]), got 'notalist'",
        "titel: unknown key 'titel' (did you mean 'title'?)",
    ]
    assert [p.message for p in italian] == [
        "regions[0].topics[0]: atteso un tema in minuscolo come 'air-defence', "
        "trovato 'Air Defence'",
        "regions[0]: manca la chiave obbligatoria 'concern'",
        "bilaterals: atteso un elenco (- voce, oppure [a, b]), trovato 'notalist'",
        "titel: chiave sconosciuta 'titel' (forse 'title'?)",
    ]
    assert str(italian[3]) == f"{broken}:12:1: titel: chiave sconosciuta 'titel' (forse 'title'?)"


def test_a_day_outside_the_event_in_italian() -> None:
    text = BROKEN.replace("bilaterals: notalist", "bilaterals: []").replace("titel: oops\n", "")
    text = text.replace("    topics: [Air Defence]\n", "    concern: Melting ice\n")
    with i18n.labelled_in("it"):
        problems = load_text(text, "x.yaml").problems
        one_day = load_text(text.replace("end_date: 2026-01-22\n", ""), "x.yaml").problems

    assert [str(p) for p in problems] == [
        "x.yaml:6:10: agenda[0].day: 2026-01-25 non rientra nelle date dell'evento "
        "(dal 2026-01-21 al 2026-01-22)"
    ]
    assert [str(p) for p in one_day] == [
        "x.yaml:5:10: agenda[0].day: 2026-01-25 non è la data dell'evento (2026-01-21)"
    ]


def test_a_yaml_syntax_error_keeps_libyamls_words_inside_an_italian_frame() -> None:
    english = load_text("title: a: b\n", "x.yaml").problems
    with i18n.labelled_in("it"):
        italian = load_text("title: a: b\n", "x.yaml").problems

    assert english[0].message == (
        "YAML syntax: mapping values are not allowed in this context; "
        "a value containing ': ' must be quoted"
    )
    assert italian[0].message == (
        "sintassi YAML: mapping values are not allowed in this context; "
        "un valore che contiene ': ' va racchiuso tra virgolette"
    )
    assert (italian[0].line, italian[0].column) == (english[0].line, english[0].column)


def test_an_empty_file_and_an_unreadable_one_in_italian(tmp_path: Path) -> None:
    with i18n.labelled_in("it"):
        empty = load_text("", "x.yaml").problems[0].message
        missing = load_file(tmp_path / "nowhere.yaml").problems[0].message

    assert empty.startswith("il file è vuoto: un briefing richiede title, date, agenda")
    assert missing.startswith("impossibile leggere il file: ")


# --- labels and descriptions are messages of the catalogue --------------------------------


def test_every_field_label_is_a_message_of_the_catalogue() -> None:
    messages = _messages()
    for cls in RECORDS:
        for spec in fields_of(cls, internal=True):
            assert spec.label_message in messages, f"{cls.__name__}.{spec.name}"


def test_every_field_and_record_description_is_a_message_of_the_catalogue() -> None:
    messages = _messages()
    for cls in RECORDS:
        assert (cls.__doc__ or "").strip() in messages, cls.__name__
        for spec in fields_of(cls):
            assert spec.doc in messages, f"{cls.__name__}.{spec.name}"


def test_english_labels_are_still_the_capitalised_names() -> None:
    for cls in RECORDS:
        for spec in fields_of(cls):
            wanted = "URL" if spec.name == "url" else spec.name.replace("_", " ").capitalize()
            assert spec.label == wanted


def test_labels_are_given_in_italian() -> None:
    with i18n.labelled_in("it"):
        labels = {spec.name: spec.label for spec in fields_of(Bilateral)}
        briefing = {spec.name: spec.label for spec in fields_of(Briefing)}

    assert labels == {
        "counterpart": "Interlocutore",
        "country": "Paese",
        "organisation": "Organizzazione",
        "summary": "Sintesi",
        "topics": "Temi",
    }
    assert briefing["principal"] == "Rappresentante"
    assert briefing["classification"] == "Classifica"
    assert briefing["positions"] == "Posizioni"


def test_the_label_table_holds_the_fields_of_the_model_and_nothing_else() -> None:
    names = {spec.name for cls in RECORDS for spec in fields_of(cls, internal=True)}

    assert set(FIELD_LABELS) == names


# --- the marking, clipped text, topic notes -----------------------------------------------


def test_an_unmarked_briefing_says_so_in_italian() -> None:
    assert marking_text(None) == "UNMARKED"
    with i18n.labelled_in("it"):
        assert marking_text(None) == "SENZA CLASSIFICA"
        assert marking_text("riservato") == "RISERVATO"  # a marking is shown as written


def test_the_note_on_clipped_text_is_in_italian() -> None:
    text = "x" * (TEXT_LIMIT + 12_345)

    assert clipped(text).endswith("… (12,345 more characters: see the file)")
    with i18n.labelled_in("it"):
        assert clipped(text).endswith("… (12.345 caratteri in più: vedere il file)")


def test_a_topic_used_once_is_marked_in_italian() -> None:
    assert topic_note(1) == "used once"
    with i18n.labelled_in("it"):
        assert topic_note(1) == "usato una volta"
        assert topic_note(2) == ""


# --- the JSON Schema ------------------------------------------------------------------------


def _described(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every object of the schema that has a description: each class and each property."""
    definitions = [schema, *schema["$defs"].values()]
    return definitions + [p for d in definitions for p in d["properties"].values()]


def test_the_schema_describes_everything_in_english_and_in_italian() -> None:
    schema = json_schema()

    for node in _described(schema):
        english = node["description"]
        with i18n.labelled_in("it"):
            italian = i18n._(english)
        assert italian != english, english
        assert node["markdownDescription"] == f"{english}\n\n*Italiano:* {italian}"


def test_the_schema_is_still_valid_and_the_same_in_every_language() -> None:
    english = schema_text()
    with i18n.labelled_in("it"):
        italian = schema_text()

    assert italian == english
    Draft202012Validator.check_schema(json.loads(english))


# --- the skeleton of `briefing new` --------------------------------------------------------


def test_the_skeleton_is_commented_in_italian_and_still_validates() -> None:
    with i18n.labelled_in("it"):
        text = skeleton(dt.date(2026, 3, 9))

    lines = text.splitlines()
    assert lines[1] == (
        "# Un nuovo briefing: compilare il titolo e ciò che dice la fonte. Ogni campo è"
    )
    assert "title:  # Obbligatorio. Il titolo del briefing." in lines
    assert "agenda: []  # Obbligatorio, può restare []. Le voci dell'agenda." in lines
    assert "short_name:  # La sigla o il nome breve dell'evento, ad es. MCCS." in lines
    filled = text.replace("title:", "title: Riunione dei Capi di Stato Maggiore", 1)
    assert load_text(filled).ok


@pytest.mark.parametrize("code", list(i18n.LANGUAGES))
def test_a_required_list_says_in_brackets_with_brackets_that_it_may_be_empty(code: str) -> None:
    """The skeleton drops that note, in any language, since its comment says it."""
    with i18n.labelled_in(code):
        for spec in fields_of(Briefing):
            if spec.required and spec.kind.shape == "list":
                assert re.search(r" \([^()]*\[\]\)\.$", i18n._(spec.doc)), spec.name


def test_minimal_briefing_still_loads_in_italian() -> None:
    with i18n.labelled_in("it"):
        assert load_text(MINIMAL).ok
