"""Contrast test: every piece of text the reader paints is legible, in every theme it offers.

Each snapshot scene of screenshots/scenes.py is played, then shown in each theme, and every
segment of the screen's rendered strips is checked: its foreground and background, as the
terminal receives them, must have a WCAG contrast ratio of at least 7:1 in the high-contrast
theme (WCAG 1.4.6, AAA) and 4.5:1 in the others (WCAG 1.4.3, AA). A scene is played once and
its theme then changed: a change of theme repaints every widget, and gave exactly the
segments of a fresh run in that theme (compared when this test was written), in a third of
the time.

What counts as text: every character but white space, box drawing (U+2500-U+257F) and block
elements (U+2580-U+259F), which draw borders, rules, tab underlines and scroll bars: graphics,
not text. Everything else must pass, dim labels, muted counts, disabled options, placeholders
and the marking banners alike. One exemption: around a modal screen (help) the screen beneath
shows through, faded on purpose and inactive until the modal closes (WCAG 1.4.3 exempts
inactive user interface); only the modal's own widgets are checked there.

How colours are resolved: Textual's line filters have already turned named ANSI colours
("cyan") into truecolor, through the app's ANSI theme, and blended `dim` into the foreground;
should `dim` survive it is blended here the same way. `reverse` swaps foreground and
background; a missing or default colour is the theme's foreground or background.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.color import Color as RichColor
from rich.segment import Segment
from textual.app import App
from textual.color import Color
from textual.constants import DIM_FACTOR
from textual.geometry import Region

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "screenshots"))

from scenes import SCENES, Scene, library_for, scene_app, until_loaded

from briefing_reader.app import HIGH_CONTRAST, BriefingApp

RGB = tuple[int, int, int]

THEMES: dict[str, float] = {
    "textual-dark": 4.5,
    "textual-light": 4.5,
    HIGH_CONTRAST.name: 7.0,
}
"""Every theme the reader offers, and the least contrast its text may have."""


@dataclass(frozen=True)
class Pair:
    """One piece of text as painted: where, what, in which colours, and their contrast."""

    scene: str
    text: str
    foreground: RGB
    background: RGB
    ratio: float

    def __str__(self) -> str:
        return (
            f"{self.ratio:5.2f}:1  {_hex(self.foreground)} on {_hex(self.background)}"
            f"  {self.scene}: {self.text!r}"
        )


def _hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def is_text(char: str) -> bool:
    """Whether a character is text, rather than space, a border, a rule or a scroll bar."""
    return not char.isspace() and not 0x2500 <= ord(char) <= 0x259F


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: RGB, second: RGB) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _resolve(app: App[Any], color: RichColor | None, default: RGB, foreground: bool) -> RGB:
    if color is None or color.is_default:
        return default
    if color.triplet is None:  # native ANSI: as the app's ANSI theme would show it
        return color.get_truecolor(app.ansi_theme, foreground=foreground)
    return color.triplet


def painted(app: App[Any], segment: Segment, foreground: RGB, background: RGB) -> tuple[RGB, RGB]:
    """The foreground and background a terminal shows for `segment`."""
    style = segment.style
    if style is None:
        return foreground, background
    fg = _resolve(app, style.color, foreground, True)
    bg = _resolve(app, style.bgcolor, background, False)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = blend(fg, bg, DIM_FACTOR)
    return fg, bg


def blend(colour: RGB, background: RGB, factor: float) -> RGB:
    """`colour` faded towards `background`, as Textual dims text: 1 is no change."""
    red, green, blue = (
        round(b + (c - b) * factor) for c, b in zip(colour, background, strict=True)
    )
    return red, green, blue


def theme_colours(app: App[Any]) -> tuple[RGB, RGB]:
    """The theme's own foreground and background, for text that names no colour."""
    variables = app.get_css_variables()
    foreground = Color.parse(variables["foreground"]).rgb
    background = Color.parse(variables["background"]).rgb
    return foreground, background


def pairs_on_screen(app: App[Any], scene: str) -> list[Pair]:
    """Every piece of text on the screen, with its colours and their contrast."""
    foreground, background = theme_colours(app)
    own = own_regions(app)
    found: list[Pair] = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            text = ""
            for char in segment.text:
                if is_text(char) and (own is None or any(r.contains(x, y) for r in own)):
                    text += char
                x += cell_len(char)
            if text:
                fg, bg = painted(app, segment, foreground, background)
                found.append(Pair(scene, segment.text.strip()[:40], fg, bg, contrast(fg, bg)))
    return found


def own_regions(app: App[Any]) -> list[Region] | None:
    """Where a modal screen paints its own widgets; None for a screen that hides those beneath.

    Around a modal screen's widgets the screen beneath shows through, faded and inactive.
    """
    if not app.screen.is_modal:
        return None
    return [child.region for child in app.screen.children if child.display]


async def scene_pairs(scene: Scene, folder: Path) -> dict[str, list[Pair]]:
    """Play `scene`, then show it in each theme: the text on screen in each."""
    app = scene_app(scene, folder)
    pairs: dict[str, list[Pair]] = {}
    async with app.run_test(size=scene.size) as pilot:
        await until_loaded(pilot)
        await pilot.press(*scene.keys)
        await pilot.pause()
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            pairs[theme] = pairs_on_screen(app, scene.name)
    return pairs


def worst_first(pairs: list[Pair]) -> list[Pair]:
    """One pair per colour combination, the least legible first."""
    kept: dict[tuple[RGB, RGB], Pair] = {}
    for pair in pairs:
        kept.setdefault((pair.foreground, pair.background), pair)
    return sorted(kept.values(), key=lambda pair: pair.ratio)


@pytest.mark.parametrize("scene", SCENES, ids=[scene.name for scene in SCENES])
def test_every_text_is_legible_in_every_theme(scene: Scene, tmp_path: Path) -> None:
    shown = asyncio.run(scene_pairs(scene, tmp_path / "library"))
    report: list[str] = []
    for theme, least in THEMES.items():
        assert shown[theme], f"no text found on the screen in {theme}"
        failing = [pair for pair in worst_first(shown[theme]) if pair.ratio < least]
        if failing:
            report += [f"{theme}, below {least}:1:", *(f"  {pair}" for pair in failing)]
    if report:
        pytest.fail("\n".join(report), pytrace=False)


def test_contrast_is_measured_as_wcag_does() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast((255, 255, 255), (0x77, 0x77, 0x77)) == contrast((0x77,) * 3, (255,) * 3)
    assert all(map(is_text, "a#·«"))
    assert not any(map(is_text, " ─│╭▁▊▔━"))


def test_only_the_tested_themes_are_offered(tmp_path: Path) -> None:
    """The palette's "Change theme" offers exactly the themes checked above."""

    async def offered() -> set[str]:
        app = BriefingApp(library_for(SCENES[0], tmp_path), watch=False)
        async with app.run_test():
            return set(app.available_themes)

    assert asyncio.run(offered()) == set(THEMES)
