"""The shipped briefing loads, and holds what its source (an Italian Defence Staff release) says."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from briefing_reader.loader import load_file
from briefing_reader.model import Briefing, item_heading


@pytest.fixture
def seed(seed_path: Path) -> Briefing:
    result = load_file(seed_path)
    assert result.problems == ()
    assert result.briefing is not None
    return result.briefing


def test_seed_briefing_loads_without_problems(seed_path: Path) -> None:
    result = load_file(seed_path)

    assert result.ok
    assert result.problems == ()


def test_seed_dates_are_21_to_22_january_2026(seed: Briefing) -> None:
    assert seed.date == dt.date(2026, 1, 21)
    assert seed.end_date == dt.date(2026, 1, 22)


def test_seed_event_took_place_in_brussels(seed: Briefing) -> None:
    assert seed.place is not None
    assert "Brussels" in seed.place
    assert seed.short_name == "MCCS"


def test_seed_principal_is_portolano(seed: Briefing) -> None:
    assert seed.principal is not None
    assert "Portolano" in seed.principal


def test_seed_is_marked_unclassified(seed: Briefing) -> None:
    assert seed.classification == "UNCLASSIFIED"


def test_seed_lists_the_four_ip4_partners(seed: Briefing) -> None:
    ip4 = {partner.name for partner in seed.partners if partner.group == "IP4"}

    assert ip4 == {"Australia", "New Zealand", "Japan", "Republic of Korea"}


def test_seed_names_nsatu_and_jatec(seed: Briefing) -> None:
    short_names = {initiative.short_name for initiative in seed.initiatives}

    assert {"NSATU", "JATEC"} <= short_names


def test_initiative_heading_shows_its_acronym(seed: Briefing) -> None:
    nsatu = next(i for i in seed.initiatives if i.short_name == "NSATU")

    assert item_heading(nsatu) == "NATO Security Assistance and Training for Ukraine (NSATU)"


def test_italian_quote_keeps_the_source_wording(seed: Briefing) -> None:
    (quote,) = seed.quotes

    # "rump up" is the source's own spelling; the briefing must not correct it
    assert "rump up industriale" in quote.original
    assert quote.language == "it"


def test_italian_quote_has_an_english_translation(seed: Briefing) -> None:
    (quote,) = seed.quotes

    assert quote.translation is not None
    assert "industrial ramp-up plans" in quote.translation


def test_seed_bilaterals_include_every_counterpart(seed: Briefing) -> None:
    countries = {bilateral.country for bilateral in seed.bilaterals}
    counterparts = " | ".join(bilateral.counterpart for bilateral in seed.bilaterals)

    assert {"Türkiye", "France", "Germany", "Georgia"} <= countries
    assert "Colagrande" in counterparts


def test_seed_records_the_meeting_with_ambassador_azzoni(seed: Briefing) -> None:
    ambassador = [b for b in seed.bilaterals if "Azzoni" in b.counterpart]

    assert len(ambassador) == 1
    assert "Ambassador" in ambassador[0].counterpart


def test_shared_anchor_text_is_repeated_where_aliased(seed: Briefing) -> None:
    concerns = {region.name: region.concern for region in seed.regions}

    assert concerns["Balkans"] == concerns["Middle East"] == concerns["Southern Flank"]


def test_ukraine_topic_links_every_kind_of_item(seed: Briefing) -> None:
    sections = {name for name, item in seed.items() if "ukraine" in item.topics}

    assert {"agenda", "positions", "initiatives", "bilaterals"} <= sections


def test_ukraine_topic_links_both_initiatives(seed: Briefing) -> None:
    linked = {
        item_heading(item)
        for name, item in seed.items()
        if name == "initiatives" and "ukraine" in item.topics
    }

    assert linked == {
        "NATO Security Assistance and Training for Ukraine (NSATU)",
        "Joint Analysis Training and Education Centre (JATEC)",
    }


def test_all_topics_includes_ukraine_and_georgia(seed: Briefing) -> None:
    assert {"ukraine", "georgia", "ip4", "deterrence"} <= seed.all_topics


def test_items_are_in_reading_order(seed: Briefing) -> None:
    names = [name for name, _ in seed.items()]

    order = ["agenda", "positions", "regions", "bilaterals", "partners", "initiatives", "quotes"]
    assert sorted(set(names), key=order.index) == order
    assert names == sorted(names, key=order.index)


def test_briefing_is_frozen(seed: Briefing) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        seed.title = "Changed"  # type: ignore[misc]


def test_a_deferred_briefing_is_the_briefing_once_any_deferred_field_is_read(
    seed_path: Path,
) -> None:
    """A briefing made from its scalar fields (as the cache lists one) fills the rest in
    the first time one of them is read, from whichever thread, exactly once each time."""
    import threading

    from briefing_reader.loader import load_file
    from briefing_reader.model import Briefing, deferred, filler_of, made_whole

    whole = load_file(seed_path).briefing
    assert whole is not None
    later = ["agenda", "positions", "regions", "bilaterals", "partners", "initiatives"]
    later += ["quotes", "source"]
    known = {name: getattr(whole, name) for name in ("title", "date", "classification")}
    known |= {name: getattr(whole, name) for name in ("end_date", "event", "short_name")}
    known |= {name: getattr(whole, name) for name in ("place", "principal", "language")}
    known["summary"] = whole.summary
    fills: list[str] = []

    def fill() -> dict[str, object]:
        fills.append(threading.current_thread().name)
        return {name: getattr(whole, name) for name in later}

    briefing = deferred(known, fill)
    assert type(briefing) is Briefing
    assert briefing.title == whole.title
    assert fills == []
    assert filler_of(briefing) is fill

    readers = [threading.Thread(target=lambda: briefing.quotes) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert 1 <= len(fills) <= 4  # racing readers may each fill; all see every field set
    assert briefing == whole
    assert filler_of(briefing) is None
    assert made_whole(briefing) is briefing
    with pytest.raises(AttributeError):
        briefing.colour  # type: ignore[attr-defined]  # noqa: B018
