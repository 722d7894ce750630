"""The code is formatted, lint-clean and strictly typed: checked as part of the test command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "format", "--check", "src", "tests", "screenshots", "benchmarks"],
        ["ruff", "check", "src", "tests", "screenshots", "benchmarks"],
        ["mypy"],
    ],
    ids=["ruff-format", "ruff-check", "mypy-strict"],
)
def test_tool_passes(command: list[str]) -> None:
    tool = BIN / command[0]
    if not tool.exists():
        pytest.fail(
            f"{command[0]} is not installed beside {sys.executable}: pip install -e '.[test]'"
        )
    result = subprocess.run(
        [str(tool), *command[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
