"""The palette's matcher finds what Textual's own fuzzy matcher would, over any titles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.fuzzy import Matcher

from briefing_reader.commands import TitleMatcher

TEXT = st.text(alphabet="abcAB é-", max_size=14)


@settings(max_examples=300, deadline=None)
@given(titles=st.lists(TEXT, max_size=12), queries=st.lists(TEXT, min_size=1, max_size=4))
def test_the_titles_matched_are_those_textuals_matcher_matches(
    titles: list[str], queries: list[str]
) -> None:
    """Each query, typed on from the one before or not, finds exactly the titles that
    hold its characters in order (Textual's rule), when there is room for them all."""
    matcher = TitleMatcher(titles)
    for typed in queries:
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
