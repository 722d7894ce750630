"""The commands in English and Italian: the interface language comes from --lang, then
BRIEFING_LANG, then the locale; --help, usage errors and validate's messages are in it; a
summary or a comparison is labelled in its briefings' own language unless --lang says which.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BRIEFINGS, ROOT, SEED, run_cli, write

ITALIAN = BRIEFINGS / "2025-01-15-mccs-brussels.yaml"
"""The shipped briefing written in Italian (`language: it`)."""

IT_DATES, IT_DATES_IN_ENGLISH = "15–16 gennaio 2025", "15–16 January 2025"
SEED_DATES, SEED_DATES_IN_ITALIAN = "21–22 January 2026", "21–22 gennaio 2026"

BROKEN = """\
title: A broken briefing
date: 2026-01-21
classification: UNCLASSIFIED
agenda:
  - title: An item
    sumary: misspelt
positions: []
regions: []
bilaterals: []
"""
"""A briefing with one problem, at 6:5, that declares itself UNCLASSIFIED (so that its
verdict may be cached)."""

LOCATION = re.compile(r"^(.*?:\d+:\d+): (.*)$")


@pytest.fixture
def italian_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "it_IT.UTF-8")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _old_file(tmp_path: Path, text: str, name: str = "broken.yaml") -> Path:
    """A file written long enough ago for the cache to keep its verdict."""
    path = write(tmp_path, text, name)
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


# --- validate ----------------------------------------------------------------------------


def test_validate_speaks_the_locale_at_the_same_places(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Same FILE:LINE:COL, the message and the count in Italian; and a verdict the cache
    kept in English is not shown in Italian (nor the Italian one in English after)."""
    path = _old_file(tmp_path, BROKEN)
    code, english_out, english_err = _run(capsys, "validate", str(path))
    assert (code, english_out) == (1, "1 file checked: 1 invalid, 1 problem\n")

    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    code, italian_out, italian_err = _run(capsys, "validate", str(path))
    assert code == 1
    assert italian_out == "1 file controllato: 1 non valido, 1 problema\n"
    english = [LOCATION.match(line) for line in english_err.splitlines()]
    italian = [LOCATION.match(line) for line in italian_err.splitlines()]
    assert all(english)
    assert all(italian)
    assert [m[1] for m in italian if m] == [m[1] for m in english if m] == [f"{path}:6:5"]
    assert [m[2] for m in italian if m] != [m[2] for m in english if m]

    monkeypatch.delenv("LANG")
    assert _run(capsys, "validate", str(path)) == (1, english_out, english_err)


def test_the_cache_keeps_problems_in_the_language_they_were_said_in(tmp_path: Path) -> None:
    """A verdict with problems is read back only in its own language; a file that loads
    has no words to translate, and its verdict serves both."""
    from briefing_reader import cache as cache_module
    from briefing_reader import i18n
    from briefing_reader.cache import LoadCache

    broken = _old_file(tmp_path, BROKEN)
    good = _old_file(tmp_path, SEED.read_text(encoding="utf-8"), "good.yaml")
    stamps = {path: cache_module.stamp_of(path) for path in (broken, good)}
    kept = LoadCache()
    for path in (broken, good):
        kept.problems(path)
    kept.save()

    assert LoadCache().known_problems(broken, stamps[broken])
    assert LoadCache().known_problems(good, stamps[good]) == ()
    with i18n.labelled_in("it"):
        assert LoadCache().known_problems(broken, stamps[broken]) is None
        assert LoadCache().known_problems(good, stamps[good]) == ()


def test_validate_counts_and_topics_in_italian(
    capsys: pytest.CaptureFixture[str], italian_locale: None
) -> None:
    code, out, _err = _run(capsys, "validate", "--topics", str(BRIEFINGS))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "3 file controllati: tutti validi"
    assert lines[2] == "Temi: 19 in 3 briefing"
    assert lines[3].split() == ["voci", "briefing", "tema"]


def test_validate_says_a_missing_path_in_italian(
    capsys: pytest.CaptureFixture[str], italian_locale: None, tmp_path: Path
) -> None:
    code, _out, err = _run(capsys, "validate", str(tmp_path / "nowhere.yaml"))
    assert code == 2
    assert err == f"briefing validate: {tmp_path / 'nowhere.yaml'}: file o cartella inesistente\n"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"BRIEFING_LANG": "en", "LANG": "it_IT.UTF-8"}, "3 files checked: all valid\n"),
        ({"BRIEFING_LANG": "it", "LANG": "en_GB.UTF-8"}, "3 file controllati: tutti validi\n"),
        ({"LC_ALL": "C", "LANG": "it_IT.UTF-8"}, "3 files checked: all valid\n"),
        ({"LC_MESSAGES": "it_IT.UTF-8"}, "3 file controllati: tutti validi\n"),
    ],
)
def test_briefing_lang_comes_before_the_locale(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    environ: dict[str, str],
    expected: str,
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert _run(capsys, "validate", str(BRIEFINGS))[:2] == (0, expected)


# --- --help and usage errors -------------------------------------------------------------

COMMAND_HELP = [
    ["--help"],
    ["summary", "--help"],
    ["validate", "--help"],
    ["schema", "--help"],
    ["present", "--help"],
    ["new", "--help"],
    ["compare", "--help"],
]


@pytest.mark.parametrize("argv", COMMAND_HELP, ids=lambda argv: argv[0])
def test_help_in_italian_from_the_locale(
    capsys: pytest.CaptureFixture[str], italian_locale: None, argv: list[str]
) -> None:
    code, out, _err = _run(capsys, *argv)
    assert code == 0
    assert out.startswith("uso: briefing")
    for words in ("opzioni:", "mostra questo aiuto ed esce", "--lang {en,it}"):
        assert words in out
    assert "show this help" not in out
    assert "options:" not in out


@pytest.mark.parametrize("argv", COMMAND_HELP, ids=lambda argv: argv[0])
def test_help_in_italian_with_lang_it(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, _err = _run(capsys, *argv, "--lang", "it")
    assert code == 0
    assert out.startswith("uso: briefing")
    assert "stato di uscita:" in out


@pytest.mark.parametrize("argv", COMMAND_HELP, ids=lambda argv: argv[0])
def test_lang_en_overrides_an_italian_locale(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    monkeypatch.setenv("BRIEFING_LANG", "it")
    code, out, _err = _run(capsys, *argv, "--lang=en")
    assert code == 0
    assert out.startswith("usage: briefing")
    assert "show this help message and exit" in out
    assert "exit status:" in out


def test_top_level_help_lists_the_commands_in_italian(
    capsys: pytest.CaptureFixture[str], italian_locale: None
) -> None:
    out = _run(capsys, "--help")[1]
    assert "comandi:" in out
    assert "briefing summary PATH...     stampa un briefing" in out
    assert "ogni comando ha il proprio --help." in out


def test_a_usage_error_in_italian(capsys: pytest.CaptureFixture[str], italian_locale: None) -> None:
    code, _out, err = _run(capsys, "summary")
    assert code == 2
    assert err.startswith("uso: briefing summary")
    assert err.endswith("briefing summary: errore: sono obbligatori i seguenti argomenti: PATH\n")


def test_an_unknown_option_and_a_mistyped_command_in_italian(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = _run(capsys, "validate", str(SEED), "--bogus", "--lang", "it")
    assert code == 2
    assert "briefing validate: errore: argomenti non riconosciuti: --bogus" in err
    code, _out, err = _run(capsys, "sumary", "--lang", "it")
    assert code == 2
    assert "comando sconosciuto 'sumary': forse intendevi 'briefing summary'?" in err


@pytest.mark.parametrize("command", ["", "summary", "validate", "compare"])
def test_an_unknown_language_is_a_usage_error_listing_the_choices(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    argv = [command] if command else []
    code, out, err = _run(capsys, *argv, "--lang", "fr", str(SEED))
    assert (code, out) == (2, "")
    assert "argument --lang: invalid choice: 'fr' (choose from 'en', 'it')" in err


def test_an_unknown_language_is_refused_in_the_locales_language(
    capsys: pytest.CaptureFixture[str], italian_locale: None
) -> None:
    code, _out, err = _run(capsys, "summary", "--lang=fr", str(SEED))
    assert code == 2
    assert "argomento --lang: scelta non valida: 'fr' (scegliere tra 'en', 'it')" in err


def test_lang_may_come_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "--lang", "it", "validate", str(BRIEFINGS))
    assert (code, out) == (0, "3 file controllati: tutti validi\n")
    code, out, _err = _run(capsys, "--lang=it", "summary", "--format", "text", str(SEED))
    assert (code, SEED_DATES_IN_ITALIAN in out) == (0, True)


# --- summary and compare: in the briefing's language ------------------------------------


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown", "html"])
def test_an_italian_briefing_is_summarised_in_italian(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """With no --lang and no locale at all: the briefing's `language: it` decides."""
    code, out, _err = _run(capsys, "summary", "--format", fmt, str(ITALIAN))
    assert code == 0
    assert IT_DATES in out
    assert IT_DATES_IN_ENGLISH not in out
    assert "Luogo" in out
    assert "Place" not in out


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown", "html"])
def test_lang_en_summarises_an_italian_briefing_in_english(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, _err = _run(capsys, "summary", "--format", fmt, "--lang", "en", str(ITALIAN))
    assert code == 0
    assert IT_DATES_IN_ENGLISH in out
    assert IT_DATES not in out
    assert "Place" in out
    assert "Luogo" not in out


def test_an_english_briefing_stays_english_under_an_italian_locale(
    capsys: pytest.CaptureFixture[str], italian_locale: None
) -> None:
    code, out, _err = _run(capsys, "summary", "--format", "text", str(SEED))
    assert code == 0
    assert SEED_DATES in out
    assert SEED_DATES_IN_ITALIAN not in out
    assert "Place:" in out


def test_lang_it_summarises_an_english_briefing_in_italian(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = _run(capsys, "summary", "--format", "text", "--lang", "it", str(SEED))
    assert code == 0
    assert SEED_DATES_IN_ITALIAN in out
    assert SEED_DATES not in out
    assert "Luogo:" in out


def test_a_briefing_in_no_language_is_labelled_in_the_interfaces(
    capsys: pytest.CaptureFixture[str], italian_locale: None, tmp_path: Path
) -> None:
    unsaid = SEED.read_text(encoding="utf-8").replace("language: en\n", "")
    assert "language:" not in unsaid.split("agenda:")[0]
    path = write(tmp_path, unsaid)
    out = _run(capsys, "summary", "--format", "text", str(path))[1]
    assert SEED_DATES_IN_ITALIAN in out


def test_a_digest_in_one_language_is_labelled_in_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copy = write(tmp_path, ITALIAN.read_text(encoding="utf-8"), "copy.yaml")
    out = _run(capsys, "summary", "--format", "text", str(ITALIAN), str(copy))[1]
    assert IT_DATES in out
    assert IT_DATES_IN_ENGLISH not in out


@pytest.mark.parametrize(
    ("locale", "dates"), [(None, SEED_DATES), ("it_IT.UTF-8", SEED_DATES_IN_ITALIAN)]
)
def test_a_digest_of_two_languages_is_labelled_in_the_interfaces(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    locale: str | None,
    dates: str,
) -> None:
    if locale:
        monkeypatch.setenv("LANG", locale)
    out = _run(capsys, "summary", "--format", "text", str(ITALIAN), str(SEED))[1]
    assert dates in out


def test_a_topics_history_is_labelled_in_the_language_its_briefings_share(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path, ITALIAN.read_text(encoding="utf-8"), "it.yaml")
    italian = _run(capsys, "summary", "--topic", "ukraine", "--format", "text", str(tmp_path))[1]
    assert "gennaio 2025" in italian
    assert "January" not in italian
    mixed = _run(capsys, "summary", "--topic", "ukraine", "--format", "text", str(BRIEFINGS))[1]
    assert "January 2025" in mixed


def test_compare_is_labelled_in_the_briefings_language_unless_lang_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, italian, _err = _run(capsys, "compare", "--format", "text", str(ITALIAN), str(ITALIAN))
    assert code == 0
    assert IT_DATES in italian
    assert IT_DATES_IN_ENGLISH not in italian
    english = _run(
        capsys, "compare", "--format", "text", "--lang", "en", str(ITALIAN), str(ITALIAN)
    )[1]
    assert IT_DATES_IN_ENGLISH in english
    assert IT_DATES not in english
    assert english != italian


def test_the_errors_of_a_summary_stay_in_the_interfaces_language(
    capsys: pytest.CaptureFixture[str], italian_locale: None, tmp_path: Path
) -> None:
    """A topic no briefing carries is said in the interface's language (Italian here),
    even when the briefings are English."""
    code, _out, err = _run(capsys, "summary", "--topic", "ukrain", str(SEED))
    assert code == 1
    assert "nessun briefing qui ha una voce con il tema 'ukrain'; forse intendevi 'ukraine'?" in err


def test_new_speaks_italian(
    capsys: pytest.CaptureFixture[str], italian_locale: None, tmp_path: Path
) -> None:
    code, out, _err = _run(capsys, "new", str(tmp_path / "x.yaml"))
    assert code == 0
    assert out.startswith(f"Scritto {tmp_path / 'x.yaml'} (leggibile e scrivibile solo da te).")
    code, _out, err = _run(capsys, "new", str(tmp_path / "x.yaml"))
    assert code == 2
    assert err.endswith("esiste già; non viene mai sovrascritto\n")


# --- the console script itself ------------------------------------------------------------


def test_the_console_script_reads_the_locale() -> None:
    """`LANG=it_IT.UTF-8 briefing --help` in a fresh process, as a user types it."""
    environ = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    environ.update(LANG="it_IT.UTF-8", BRIEFING_LANG="")
    done = subprocess.run(
        [sys.executable, "-m", "briefing_reader", "--help"],
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("uso: briefing")
