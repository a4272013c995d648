"""Rich view for `collocates`: each collocate's counts and measures, and where to see one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

SHOWN = ("rank", "term", "count", "frequency", "ll", "mi", "t_score", "example")
HEADERS = {"rank": "#", "count": "with", "frequency": "total", "t_score": "t"}


def collocates_table(rows: Sequence[dict[str, Any]], title: str) -> Any:
    """Collocates best first; `example` is FILE@OFFSET of a node hit (as `kwic` lists it)."""

    def draw(console: Any) -> None:
        from rich import box
        from rich.table import Table

        table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD)
        for column in SHOWN:
            header = HEADERS.get(column, column)
            if column in ("term", "example"):
                table.add_column(header, max_width=24 if column == "example" else 18,
                                 overflow="ellipsis", no_wrap=True)
            else:
                table.add_column(header, justify="right", no_wrap=True, min_width=len(header))
        for row in rows:
            cells = []
            for column in SHOWN:
                value = row[column]
                if column == "example" and value:
                    source, _, offset = str(value).rpartition("@")
                    value = f"{PurePath(source).name}@{offset}"
                cells.append(f"{value:.2f}" if isinstance(value, float) else str(value))
            table.add_row(*cells)
        console.print(table)
        console.print("with term: co-occurrences in the windows · total: the word's count in "
                      "the inputs · example: FILE@OFFSET of the term, as `xzcli kwic` lists it")

    return draw
