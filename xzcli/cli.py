"""The xzcli command line: registers every command and turns user errors into exit codes."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import click

from xzcli.app import app, note
from xzcli.errors import XzError

# Importing a command module registers it on the app; this order is the order of --help.
COMMANDS = (
    "segment", "keywords", "sections", "themes", "tfidf", "idf", "kwic", "usage", "figures",
    "lint", "compare", "collocates", "ngrams", "report", "extract",
)
for _name in COMMANDS:
    importlib.import_module(f"xzcli.commands.{_name}")


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
