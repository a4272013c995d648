"""The table view of `xzcli figures`: one figure per row, its sentence trimmed around it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "–".join(_value(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _around(context: str, text: str, width: int = 36) -> str:
    at = context.find(text)
    if at == -1 or len(context) <= width:
        return context[:width]
    left = max(0, at - (width - len(text)) // 2)
    snippet = context[left:left + width]
    return ("…" if left else "") + snippet + ("…" if left + width < len(context) else "")


def figures_table(rows: list[dict[str, Any]], title: str, *, several: bool
                  ) -> Callable[[Any], None]:
    def draw(console: Any) -> None:
        from rich.table import Table

        table = Table(title=title or None, header_style="bold")
        if several:
            table.add_column("source", overflow="fold", max_width=24)
        table.add_column("line", justify="right", no_wrap=True)
        table.add_column("figure", no_wrap=True)
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("unit", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("qualifier", no_wrap=True)
        # The sentence gives way first on a narrow screen; the figure columns never wrap.
        room = max(10, console.width - 72 - (26 if several else 0))
        table.add_column("context", overflow="ellipsis", no_wrap=True, max_width=room)
        for row in rows:
            cells = [str(row["line"]), row["text"], _value(row["value"]), row["unit"] or "",
                     row["kind"] + (f" ({row['item_kind']})" if row["item_kind"] else ""),
                     row["qualifier"] or "", _around(row["context"], row["text"], room // 2)]
            table.add_row(*([row["source"]] if several else []), *cells)
        console.print(table)

    return draw
