"""The core modules stay usable without a terminal UI: they import neither Textual nor Rich."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, SEED

CORE_MODULES = (
    "model",
    "loader",
    "library",
    "topics",
    "search",
    "text",
    "schema",
    "export",
    "docs",
)


def modules_loaded_after(code: str) -> set[str]:
    """Run `code` in a fresh interpreter; the top-level packages it has imported by the end."""
    script = textwrap.dedent(code) + textwrap.dedent(
        """
        import json as _json, sys as _sys
        print(_json.dumps(sorted({name.split(".")[0] for name in _sys.modules})))
        """
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=30,
    )
    assert completed.returncode == 0, completed.stderr
    loaded: list[str] = json.loads(completed.stdout.splitlines()[-1])
    return set(loaded)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_neither_textual_nor_rich(module: str) -> None:
    loaded = modules_loaded_after(f"import briefing_reader.{module}")

    assert "briefing_reader" in loaded  # the import really happened
    assert {"textual", "rich"} & loaded == set()


def test_validate_command_does_not_import_textual() -> None:
    loaded = modules_loaded_after(
        f"""
        from briefing_reader.cli import main
        assert main(["validate", {str(SEED)!r}]) == 0
        """
    )

    assert "yaml" in loaded  # the file really was read
    assert "textual" not in loaded


def test_schema_command_does_not_import_textual() -> None:
    loaded = modules_loaded_after(
        """
        from briefing_reader.cli import main
        assert main(["schema"]) == 0
        """
    )

    assert "textual" not in loaded
