"""Rich view for `tfidf`: per unit, its top terms with weight bars and its summary sentences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

BAR_CELLS = 20


def _label(record: dict[str, Any], by: str, several: bool) -> str:
    source = record["source"]
    if by == "document":
        return source
    if by == "section":
        heading = record.get("heading") or "(lead)"
        return f"{source} · {heading}" if several else heading
    where = f"¶{record.get('index')}"
    if record.get("section"):
        where = f"{record['section']} {where}"
    return f"{source} · {where}" if several else where


def tfidf_table(records: Sequence[dict[str, Any]], title: str, by: str, *,
                several: bool) -> Any:
    """Draws one block per unit: a terms table, then its summary sentences with offsets."""

    def draw(console: Any) -> None:
        from rich.table import Table
        from rich.text import Text

        from xzcli.render import Col, fit_table

        console.print(Text(title, style="bold"))
        for record in records:
            console.print()
            console.print(Text(_label(record, by, several), style="bold cyan"))
            terms = record["terms"]
            if not terms:
                console.print("  (no content terms)")
                continue
            cols = [Col("#", "number"), Col("term", "text", min_text=12),
                    Col("weight", "number"), Col("", "label", optional=1)]
            best = terms[0]["weight"] or 1.0
            cells = [[str(rank), term["term"], f"{term['weight']:.4f}",
                      Text("█" * max(1, round(BAR_CELLS * term["weight"] / best)),
                           style="green")]
                     for rank, term in enumerate(terms, start=1)]
            console.print(fit_table(console.width, cols, cells, boxed=False, padding=(0, 1)),
                          crop=False)
            if record["summary"]:
                # A grid keeps a long Chinese sentence beside its offset, folded, not pushed
                # to the next line as one unbreakable word.
                summary = Table.grid(padding=(0, 1))
                summary.add_column(justify="right", style="dim", no_wrap=True)
                summary.add_column(overflow="fold")
                for sentence in record["summary"]:
                    summary.add_row(f"@{sentence['offset']}", sentence["text"])
                console.print(summary)

    return draw
