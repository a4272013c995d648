"""The text view of `xzcli lint`: `path:line:col: rule: message (suggestion)`, one per line."""

from __future__ import annotations

from typing import Any


def compiler_messages(rows: list[dict[str, Any]]) -> str:
    return "".join(
        f"{r['source']}:{r['line']}:{r['column']}: {r['rule']}: {r['message']} "
        f"({r['suggestion']})\n"
        for r in rows
    )
