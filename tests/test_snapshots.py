"""Snapshot tests: each scene in screenshots/scenes.py must look as it did when approved.

The same scenes make the README's screenshots, so what is tested is what is shown. After a
deliberate change, look at the difference (`snapshot_report.html`), then update with
`pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "screenshots"))

from scenes import SCENES, Scene, scene_app, until_loaded


@pytest.mark.parametrize("scene", SCENES, ids=[scene.name for scene in SCENES])
def test_scene_looks_as_approved(scene: Scene, snap_compare: Any, tmp_path: Path) -> None:
    app = scene_app(scene, tmp_path / "library")

    assert snap_compare(
        app, press=list(scene.keys), terminal_size=scene.size, run_before=until_loaded
    )
