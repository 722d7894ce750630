"""The palette's matcher finds what Textual's own fuzzy matcher would (over titles whose
letters lower-case to one letter each: it keeps `İ`, which lower-cases to two), and does
no more work than a keystroke needs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.fuzzy import Matcher

from briefing_reader import commands
from briefing_reader.commands import TitleMatcher

TEXT = st.text(alphabet="abcAB é-", max_size=14)


@settings(max_examples=300, deadline=None)
@given(titles=st.lists(TEXT, max_size=12), queries=st.lists(TEXT, min_size=1, max_size=4))
def test_the_titles_matched_are_those_textuals_matcher_matches(
    titles: list[str], queries: list[str]
) -> None:
    """Each query, typed a character at a time or not, finds exactly the titles that hold
    its characters in order (Textual's rule), when there is room for them all."""
    matcher = TitleMatcher(titles)
    typed_on = [query[:end] for query in queries[:1] for end in range(1, len(query) + 1)]
    for typed in [*typed_on, *queries]:
        query = typed.strip()  # as the palette passes it on; nothing typed shows every entry
        if not query:
            continue
        found = {number for _, number, _ in matcher.best(query, limit=len(titles) + 1)}
        expected = {
            number for number, title in enumerate(titles) if Matcher(query).match(title) > 0
        }
        assert found == expected, (query, titles)


def test_a_query_longer_than_every_title_matches_none() -> None:
    """A page pasted into the palette by mistake: no title can hold it."""
    titles = ["Open briefing: 2026-01-21 NATO Military Committee", "Theme: dark"]
    matcher = TitleMatcher(titles)
    pasted = " ".join(titles) * 40
    assert matcher.best(pasted) == []
    assert matcher.best(pasted[: len(titles[0])]) != []  # the first title, whole


def test_no_pattern_is_built_where_none_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-order pattern (25 µs a character to build) is built only for a tier that
    needs it: not for a query no title can hold, not when the first tiers give enough
    matches, and not while typing on from a query that matched nothing."""
    built: list[str] = []
    build = commands._in_order

    def counted(wanted: str) -> re.Pattern[str]:
        built.append(wanted)
        return build(wanted)

    monkeypatch.setattr(commands, "_in_order", counted)
    matcher = TitleMatcher([f"Open briefing {number}: about the Arctic" for number in range(60)])
    assert matcher.best("x" * 5000) == []
    assert len(matcher.best("arctic")) == commands.HIT_LIMIT
    assert built == []
    assert matcher.best("zq") == []  # no tier before the last finds it: that one builds
    assert matcher.best("zqx") == matcher.best("zqxy") == []
    assert built == ["zq"]
