"""The core modules stay usable without a terminal UI: they import neither Textual nor Rich."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, SEED

CORE_MODULES = (
    "model",
    "loader",
    "yaml_check",
    "library",
    "topics",
    "search",
    "text",
    "schema",
    "export",
    "docs",
    "navigation",
    "cache",
    "editor",
    "catalogue",
    "parallel_load",
    "compare",
    "timeline",
    "skeleton",
    "vocabulary",
    "bigtype",
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


def test_the_reader_and_the_command_line_load_no_yaml_until_a_file_is_parsed() -> None:
    """PyYAML is imported by the first file parsed, not by the reader or the command line:
    a start the cache answers never needs it."""
    loaded = modules_loaded_after("import briefing_reader.app, briefing_reader.cli")

    assert "briefing_reader" in loaded
    assert "yaml" not in loaded


def test_a_validate_the_cache_answers_never_imports_yaml() -> None:
    validate = f"""
        from briefing_reader.cli import main
        assert main(["validate", {str(SEED)!r}]) == 0
        """

    assert "yaml" in modules_loaded_after(validate)  # read, and kept in the cache
    assert "yaml" not in modules_loaded_after(validate)


def test_schema_command_does_not_import_textual() -> None:
    loaded = modules_loaded_after(
        """
        from briefing_reader.cli import main
        assert main(["schema"]) == 0
        """
    )

    assert "textual" not in loaded


SOURCE = ROOT / "src" / "briefing_reader"
UI_MODULES = sorted(
    path
    for path in [
        *SOURCE.glob("screens/*.py"),
        *SOURCE.glob("widgets/*.py"),
        SOURCE / "commands.py",  # the palette's provider
        SOURCE / "messages.py",
    ]
    if path.name != "__init__.py"
)


def imports_in(source: str, package: str) -> set[str]:
    """Every module a file of `package` imports, as absolute names (relative ones resolved)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_relative_imports_are_resolved() -> None:
    found = imports_in("from ..app import BriefingApp\nfrom . import base\n", "pkg.screens")

    assert {"pkg.app", "pkg.app.BriefingApp", "pkg.screens", "pkg.screens.base"} <= found


@pytest.mark.parametrize("path", UI_MODULES, ids=[str(p.relative_to(SOURCE)) for p in UI_MODULES])
def test_no_screen_or_widget_imports_the_app(path: Path) -> None:
    """Screens and widgets get what they show from their constructor or a signal: they
    never reach up into the app (not even for type checking)."""
    package = ".".join(["briefing_reader", *path.parent.relative_to(SOURCE).parts])
    imported = imports_in(path.read_text(encoding="utf-8"), package)

    assert any(name.startswith("textual") for name in imported)  # the file really was read
    assert not {name for name in imported if name.split(".")[:2] == ["briefing_reader", "app"]}
