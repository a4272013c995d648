"""The options every command shares are defined once: same flags, help and default everywhere."""

from __future__ import annotations

import click
import pytest
import typer

import xzcli.cli  # noqa: F401 - registers the commands
from xzcli.app import SHARED, Common, app, shared_options


def _commands() -> dict[str, click.Command]:
    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    out: dict[str, click.Command] = {}
    for name, command in root.commands.items():
        if isinstance(command, click.Group):
            out.update({f"{name} {sub}": c for sub, c in command.commands.items()})
        else:
            out[name] = command
    return out


def test_every_shared_option_reads_the_same_in_every_command() -> None:
    seen: dict[str, tuple[str, tuple[tuple[str, ...], str | None, object]]] = {}
    for command_name, command in _commands().items():
        for param in command.params:
            if param.name not in SHARED or not isinstance(param, click.Option):
                continue
            if command_name in ("report", "idf build") and param.name in ("fmt", "output"):
                continue  # their own --format (html/json) and --output (the table) differ
            shape = (tuple(param.opts), param.help, param.default)
            first = seen.setdefault(param.name, (command_name, shape))
            assert shape == first[1], f"{command_name} {param.opts[0]} differs from {first[0]}"
    # Every shared option is taken by some command, so none is dead.
    assert set(seen) == set(SHARED)


def test_shared_options_come_after_a_commands_own() -> None:
    for command_name, command in _commands().items():
        names = [p.name for p in command.params if isinstance(p, click.Option)]
        shared = [n for n in names if n in SHARED and command_name not in ("report", "idf build")]
        assert names[len(names) - len(shared):] == shared, command_name


def test_a_command_gets_the_values_in_one_object() -> None:
    got: list[Common] = []

    @shared_options("fmt", "inputs", "run")
    def probe(name: str, *, common: Common) -> None:
        got.append(common)

    probe(name="x", fmt=Common.fmt, encoding="gbk", input_format=None, t2s=False, meta=None,
          name_pattern=None, include=["*.txt"], exclude=None, jobs=2, scheduler=None,
          quiet=True)
    assert got == [Common(encoding="gbk", include=["*.txt"], jobs=2, quiet=True)]
    # What the command did not ask for keeps its default.
    assert got[0].engine == Common().engine and got[0].dicts is None


def test_a_command_may_not_redefine_a_shared_option() -> None:
    def own_jobs(jobs: int = 1, *, common: Common) -> None:
        pass

    with pytest.raises(TypeError, match="jobs"):
        shared_options("run")(own_jobs)
    with pytest.raises(ValueError, match="no shared option"):
        shared_options("colour")
