"""Regenerate the SVG screenshots in this folder from the real app.

.venv/bin/python screenshots/make.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scenes import SCENES, Scene, library_for, until_loaded  # noqa: E402

from briefing_reader.app import BriefingApp  # noqa: E402


async def capture(scene: Scene, scratch: Path) -> Path:
    app = BriefingApp(library_for(scene, scratch / scene.name), watch=False)
    async with app.run_test(size=scene.size) as pilot:
        await until_loaded(pilot)
        await pilot.press(*scene.keys)
        await pilot.pause(0.2)
        name = f"{scene.name}.svg"
        app.save_screenshot(filename=name, path=str(HERE))
    return HERE / name


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for scene in SCENES:
            path = asyncio.run(capture(scene, Path(scratch)))
            print(f"{path.relative_to(HERE.parent)}  {scene.description}")


if __name__ == "__main__":
    main()
