"""The layers stay apart: the core never reaches up to the runner, the CLI, Typer or Rich.

Read from the source (every import statement, also those inside functions), so an import
that would only run on some path is caught as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "xzcli"

# Above the core: the runner, the API, the CLI and its commands, and the views.
UPPER = {"xzcli.pipeline", "xzcli.distributed", "xzcli.inputs", "xzcli.api", "xzcli.app",
         "xzcli.cli", "xzcli.commands", "xzcli.__main__", "xzcli.render"}
FORBIDDEN_IN_CORE = ("typer", "rich", "click", *UPPER)


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module the file imports at run time (imports under TYPE_CHECKING only name
    types for annotations and are left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
                   for inner in ast.walk(node)}
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _within(name: str, prefixes: tuple[str, ...] | set[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _core_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if not _within(_module(p), UPPER)]


def test_the_core_never_imports_the_runner_the_cli_typer_or_rich() -> None:
    core = _core_modules()
    assert len(core) > 15  # the analyses, readers, structure, segment …
    found = {
        _module(p): sorted(n for n in _imports(p) if _within(n, FORBIDDEN_IN_CORE))
        for p in core
    }
    assert {m: names for m, names in found.items() if names} == {}


def test_no_command_imports_another() -> None:
    for path in sorted((PACKAGE / "commands").glob("*.py")):
        others = {n.rsplit(".", 1)[0] if n.count(".") > 2 else n
                  for n in _imports(path) if _within(n, ("xzcli.commands",))}
        assert others == set(), f"{path.name} imports {others}"


def test_the_runner_does_not_import_its_callers() -> None:
    # pipeline <-> distributed was a cycle: distributed gets run_task handed in.
    assert not any(_within(n, ("xzcli.pipeline",)) for n in _imports(PACKAGE / "distributed.py"))
    for name in ("pipeline.py", "distributed.py", "inputs.py", "api.py"):
        imported = _imports(PACKAGE / name)
        assert not any(_within(n, ("xzcli.app", "xzcli.cli", "xzcli.commands", "typer", "rich",
                                   "click")) for n in imported), name


def test_commands_are_registered_by_the_list_in_cli_alone() -> None:
    # A command module is a function; importing it registers nothing (no import side effect).
    for path in sorted((PACKAGE / "commands").glob("*.py")):
        imported = _imports(path)
        assert "xzcli.app.app" not in imported, f"{path.name} reaches for the app"
        assert ".command(" not in path.read_text(encoding="utf-8"), path.name
    import typer

    from xzcli.cli import COMMANDS, Group, app

    root = typer.main.get_command(app)
    assert list(root.commands) == list(COMMANDS)  # type: ignore[attr-defined]
    for name, entry in COMMANDS.items():
        if isinstance(entry, Group):
            group = root.commands[name]  # type: ignore[attr-defined]
            assert list(group.commands) == list(entry.commands)
