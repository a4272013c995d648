"""The table view of `xzcli figures`: one figure per row, its sentence trimmed around it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "–".join(_value(v) for v in value)
    # Whole and unformatted, as in JSON and CSV: 500000000, 2023, 0.099 (no 500,000,0…).
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
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
        from pathlib import PurePath

        from xzcli.render import Col, fit_table

        # Numbers and their units never give way; the sentence wraps, and on a narrow screen
        # the qualifier and kind columns go before anything is cut.
        cols = ([Col("source", "text", min_text=10)] if several else []) + [
            Col("line", "number"), Col("figure", "label"), Col("value", "number"),
            Col("unit", "label"), Col("kind", "label", optional=1),
            Col("qualifier", "label", optional=2), Col("context", "text", min_text=16)]
        width = console.width
        cells = []
        for row in rows:
            kind = row["kind"] + (f" ({row['item_kind']})" if row["item_kind"] else "")
            cells.append(([PurePath(row["source"]).name] if several else []) + [
                str(row["line"]), row["text"], _value(row["value"]), row["unit"] or "",
                kind, row["qualifier"] or "", _around(row["context"], row["text"], 30)])
        console.print(fit_table(width, cols, cells, title=title or None), crop=False)

    return draw
