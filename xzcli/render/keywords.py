"""Rich view of `xzcli keywords`: one ranked list, or one list per document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# On a narrow terminal the flags go first, then the document count (1 for a single input);
# rank, term, score, count and rate always stay.
COLUMNS = (("rank", "number", 0), ("term", "text", 0), ("score", "number", 0),
           ("count", "number", 0), ("per_10k", "number", 0), ("documents", "number", 2),
           ("in_lexicon", "label", 3), ("pos", "label", 1))


def _row(row: dict[str, Any]) -> list[str]:
    from xzcli.render import _cell

    return [_cell(row[name]) for name, _, _ in COLUMNS]


def keywords_table(rows: Sequence[dict[str, Any]], lists: Sequence[dict[str, Any]], title: str,
                   *, per_document: bool) -> Any:
    def draw(console: Any) -> None:
        from rich.text import Text

        from xzcli.render import Col, fit_table

        # A term keeps up to ten characters on one line before the flags give way.
        cols = [Col(name, kind, optional, min_text=20) for name, kind, optional in COLUMNS]
        if not per_document:
            console.print(fit_table(console.width, cols, [_row(r) for r in rows], title=title),
                          crop=False)
            return
        for doc in lists:
            ranked = [_row({"rank": i, **k}) for i, k in enumerate(doc["keywords"], start=1)]
            heading = Text(f"{doc['source']} · {doc['chars']} characters")
            console.print(fit_table(console.width, cols, ranked, title=heading), crop=False)

    return draw
