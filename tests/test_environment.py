"""The environment every test starts from (the autouse fixture in conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_reader.editor import editor_command


@pytest.fixture(scope="module")
def editors_set_in_the_shell() -> Iterator[None]:
    """EDITOR and VISUAL set as in a developer's shell, before any per-test fixture runs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EDITOR", "vim")
        patch.setenv("VISUAL", "code --wait")
        yield


def test_no_test_can_open_a_real_editor(editors_set_in_the_shell: None) -> None:
    assert {name: os.environ.get(name) for name in ("EDITOR", "VISUAL")} == {
        "EDITOR": None,
        "VISUAL": None,
    }
    assert editor_command(Path("briefing.yaml"), 1) == []
