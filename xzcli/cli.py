"""The xzcli command line: the list of commands, registered on the app, and user errors turned
into exit codes."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import click
import typer

from xzcli.app import app, note
from xzcli.commands import (
    collocates,
    compare,
    discover,
    extract,
    figures,
    idf,
    keywords,
    kwic,
    lint,
    ngrams,
    report,
    sections,
    segment,
    tfidf,
    themes,
    usage,
)
from xzcli.errors import XzError


class Group(NamedTuple):
    """A command with subcommands (`xzcli idf build`)."""

    help: str
    commands: Mapping[str, Callable[..., None]]


# Every command, in the order of --help (where groups come after the commands).
COMMANDS: dict[str, Callable[..., None] | Group] = {
    "segment": segment.segment,
    "keywords": keywords.keywords,
    "sections": sections.sections,
    "themes": themes.themes,
    "tfidf": tfidf.tfidf,
    "kwic": kwic.kwic,
    "usage": usage.usage,
    "figures": figures.figures,
    "lint": lint.lint,
    "compare": compare.compare,
    "collocates": collocates.collocates,
    "ngrams": ngrams.ngrams,
    "report": report.report,
    "extract": extract.extract,
    "discover": discover.discover,
    "idf": Group(idf.GROUP_HELP, {"build": idf.build}),
}


def _register(typer_app: typer.Typer, commands: Mapping[str, Callable[..., None] | Group]) -> None:
    for name, entry in commands.items():
        if isinstance(entry, Group):
            sub = typer.Typer(name=name, help=entry.help, no_args_is_help=True,
                              add_completion=False, rich_markup_mode=None)
            _register(sub, entry.commands)
            typer_app.add_typer(sub, name=name)
        else:
            typer_app.command(name)(entry)


_register(app, COMMANDS)

# One example per help page, each on files the repository ships.
EXAMPLES = {
    "segment": "xzcli segment samples/district-plan.txt | head -3",
    "keywords": "xzcli keywords samples/city-reports/2024.txt -n 10",
    "sections": "xzcli sections samples/news-feature.txt",
    "themes": "xzcli themes samples/district-plan.txt --by section",
    "tfidf": "xzcli tfidf samples/city-reports -n 5",
    "build": "xzcli idf build samples/city-reports -o mine.tsv",
    "kwic": "xzcli kwic 新质生产力 samples/city-reports",
    "usage": "xzcli usage 新质生产力 地区生产总值 samples/city-reports --by-year",
    "figures": "xzcli figures samples/district-plan.txt --kind money,percent",
    "lint": "xzcli lint samples/slips.txt",
    "compare": "xzcli compare samples/city-reports -r policy",
    "collocates": "xzcli collocates 城中村改造 samples/city-reports --min-count 1",
    "ngrams": "xzcli ngrams samples/city-reports -n 10",
    "report": "xzcli report samples/city-reports -o report.html",
}


def _summary(doc: str | None) -> str:
    """The docstring's first paragraph on one line: --help lists it whole, never cut at 45
    characters with '...' as Click would."""
    first = inspect.cleandoc(doc or "").split("\n\n")[0]
    return " ".join(first.split())


def _document_commands(typer_app: typer.Typer) -> None:
    for info in typer_app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        if info.callback is not None and info.short_help is None:
            info.short_help = _summary(info.callback.__doc__)
        if name in EXAMPLES and info.epilog is None:
            # \b keeps Click from re-wrapping the example line.
            info.epilog = f"\b\nExample:\n  {EXAMPLES[name]}"
    for group in typer_app.registered_groups:
        sub = group.typer_instance
        if sub is not None:
            if isinstance(sub.info.help, str):
                group.short_help = _summary(sub.info.help)
            _document_commands(sub)


_document_commands(app)


# -- entry point ------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> None:
    """Run the app; user-caused problems end with one line on stderr and exit 1 or 2."""
    code = 0
    try:
        result = app(args=list(argv) if argv is not None else None, prog_name="xzcli",
                     standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except click.exceptions.NoArgsIsHelpError as exc:
        sys.stdout.write(exc.ctx.get_help() + "\n")
        code = 2
    except click.exceptions.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "xzcli"
        note(f"error: {one_line(exc.format_message())} (see '{command} --help')")
        code = 2
    except click.exceptions.Abort:
        note("aborted")
        code = 130
    except XzError as exc:
        note(f"error: {one_line(str(exc))}")
        code = exc.exit_code
    except BrokenPipeError:
        code = _quiet_pipe()
    except KeyboardInterrupt:
        code = 130
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        code = _quiet_pipe()
    except OSError:
        code = code or 1
    sys.exit(code)


# However long a user's pattern, path or file content, an error stays one readable line.
MAX_MESSAGE_CHARS = 1000


def one_line(message: str) -> str:
    """The message on one line, cut in the middle to MAX_MESSAGE_CHARS (the reason that
    ends most messages stays in view)."""
    flat = message.strip().replace("\r", "\\r").replace("\n", "\\n")
    if len(flat) <= MAX_MESSAGE_CHARS:
        return flat
    keep = MAX_MESSAGE_CHARS // 2
    return f"{flat[:keep]} … {flat[-keep:]}"


def _quiet_pipe() -> int:
    # The reader (| head) has gone: point stdout at /dev/null so the exit flush stays silent.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0
