"""Rich view for `kwic`: concordance lines, left context aligned against the highlighted match."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

NEWLINE_MARK = "⏎"
MATCH_STYLE = "bold reverse"


def shown(context: str) -> str:
    """Context as a table shows it: line ends as ⏎ (one mark for CRLF), tabs as spaces."""
    return (context.replace("\r\n", NEWLINE_MARK).replace("\r", NEWLINE_MARK)
            .replace("\n", NEWLINE_MARK).replace("\t", " "))


def _tail(text: str, cells: int) -> str:
    """The end of text that fits in `cells` terminal cells (Chinese takes two)."""
    from rich.cells import cell_len

    while text and cell_len(text) > cells:
        text = text[1:]
    return text


def _head(text: str, cells: int) -> str:
    from rich.cells import cell_len

    while text and cell_len(text) > cells:
        text = text[:-1]
    return text


def kwic_table(rows: Sequence[dict[str, Any]], title: str, *, several_sources: bool) -> Any:
    """A concordance: left context right-aligned against the highlighted match."""

    def draw(console: Any) -> None:
        from rich.cells import cell_len
        from rich.table import Table
        from rich.text import Text

        # Context matters more than the section: the section column comes only on wide screens.
        with_section = console.width >= 100
        table = Table(title=title, header_style="bold", box=None, pad_edge=False)
        if several_sources:
            table.add_column("source", no_wrap=True, overflow="ellipsis", max_width=14)
        table.add_column("line", justify="right", no_wrap=True)
        table.add_column("left", justify="right", no_wrap=True)
        table.add_column("match", no_wrap=True)
        table.add_column("right", no_wrap=True)
        if with_section:
            table.add_column("section", no_wrap=True, overflow="ellipsis", max_width=24)
        match_cells = max((cell_len(shown(r["match"])) for r in rows), default=4)
        line_cells = max((len(str(r["line"])) for r in rows), default=4)
        n_columns = 4 + several_sources + with_section
        fixed = ((14 if several_sources else 0) + (24 if with_section else 0) + line_cells
                 + match_cells + 2 * (n_columns - 1))
        side = max(8, (console.width - fixed) // 2)
        for r in rows:
            cells: list[Any] = [PurePath(r["source"]).name] if several_sources else []
            cells += [
                str(r["line"]),
                _tail(shown(r["left"]), side),
                Text(shown(r["match"]), style=MATCH_STYLE),
                _head(shown(r["right"]), side),
            ]
            if with_section:
                cells.append(r["section"] or "")
            table.add_row(*cells)
        console.print(table)

    return draw
