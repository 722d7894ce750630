"""Regenerate the screenshots in this folder: SVGs of the real app, and PNGs of the HTML
export in a real browser (on screen, and a printed page).

.venv/bin/python screenshots/make.py          # both
.venv/bin/python screenshots/make.py html     # only the HTML export's PNGs
.venv/bin/python screenshots/make.py app      # only the app's SVGs
"""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BRIEFING = HERE.parent / "briefings" / "2026-01-21-mccs-brussels.yaml"
sys.path.insert(0, str(HERE))

from scenes import SCENES, Scene, scene_app, until_loaded  # noqa: E402


async def capture(scene: Scene, scratch: Path) -> Path:
    app = scene_app(scene, scratch / scene.name)
    async with app.run_test(size=scene.size) as pilot:
        await until_loaded(pilot)
        await pilot.press(*scene.keys)
        await pilot.pause(0.2)
        name = f"{scene.name}.svg"
        app.save_screenshot(filename=name, path=str(HERE))
    return HERE / name


def html_pictures() -> None:
    """The shipped briefing's `--format html` page in Chromium: the top of the page at
    1200x1600, its quote, and the first two pages as printed (A4, at 60 dpi)."""
    from briefing_reader.export import to_html
    from briefing_reader.loader import load_file

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None or shutil.which("pdftoppm") is None:
        print("html-*.png skipped: needs chromium and pdftoppm (poppler-utils)")
        return
    result = load_file(BRIEFING)
    assert result.briefing is not None, result.problems
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "briefing.html"
        page.write_text(to_html(result.briefing), encoding="utf-8")
        pdf = Path(scratch) / "briefing.pdf"
        headless = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(scratch) / 'profile'}",
        ]
        quotes_only = Path(scratch) / "quotes.html"  # headless Chromium ignores #quotes
        briefing = dataclasses.replace(
            result.briefing,
            summary=None,
            agenda=(),
            positions=(),
            regions=(),
            bilaterals=(),
            partners=(),
            initiatives=(),
        )
        quotes_only.write_text(to_html(briefing), encoding="utf-8")
        shown = HERE / "html-page.png"
        quote = HERE / "html-quote.png"
        for size, option, address in (
            ("1200,1600", f"--screenshot={shown}", page.as_uri()),
            ("1200,900", f"--screenshot={quote}", quotes_only.as_uri()),
            ("1200,1600", f"--print-to-pdf={pdf}", page.as_uri()),
        ):
            subprocess.run(
                [*headless, f"--window-size={size}", option, address],
                capture_output=True,
                check=True,
                timeout=120,
            )
        print(f"{shown.relative_to(HERE.parent)}  the HTML export in Chromium")
        print(f"{quote.relative_to(HERE.parent)}  its quote, original beside translation")
        for number in (1, 2):
            printed = HERE / f"html-print-page-{number}"
            pages = ["-f", str(number), "-l", str(number), "-singlefile"]
            done = subprocess.run(
                ["pdftoppm", "-png", "-r", "60", *pages, str(pdf), str(printed)],
                capture_output=True,
                check=False,
            )
            if done.returncode == 0 and printed.with_suffix(".png").exists():
                print(f"{printed.relative_to(HERE.parent)}.png  printed page {number} (A4)")


def main() -> None:
    wanted = set(sys.argv[1:]) or {"app", "html"}
    if "app" in wanted:
        with tempfile.TemporaryDirectory() as scratch:
            for scene in SCENES:
                path = asyncio.run(capture(scene, Path(scratch)))
                print(f"{path.relative_to(HERE.parent)}  {scene.description}")
    if "html" in wanted:
        html_pictures()


if __name__ == "__main__":
    main()
