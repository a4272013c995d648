"""Rich view of `xzcli sections`: front matter, then the outline with paragraph counts."""

from __future__ import annotations

from typing import Any


def sections_table(console: Any, documents: list[dict[str, Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    for doc in documents:
        table = Table(title=Text(doc["source"]), header_style="bold")
        table.add_column("part")
        table.add_column("offset", justify="right")
        table.add_column("text", overflow="fold")
        table.add_column("paragraphs", justify="right")
        table.add_column("chars", justify="right")
        for part in ("title", "subtitle", "byline"):
            span = doc[part]
            if span is not None:
                table.add_row(part, str(span["offset"]), Text(span["text"]), "", "")
        for part, key in (("front", "front"), ("caption", "captions"), ("page debris", "debris")):
            for span in doc[key]:
                table.add_row(Text(part, style="dim"), str(span["offset"]),
                              Text(span["text"], style="dim"), "", "")
        for section in doc["sections"]:
            if section["heading"] is None:
                part, name = "lead", Text("")
                offset = section["start"]
            else:
                part = f"level {section['level']}"
                indent = "  " * max(section["level"] - 1, 0)
                number = section["number"] or ""
                sep = " " if number and number[-1] not in "、，）).．" else ""
                name = Text(f"{indent}{number}{sep}{section['heading']}", style="bold")
                offset = section["offset"]
            chars = sum(len(p["text"]) for p in section["paragraphs"])
            table.add_row(part, str(offset), name, str(len(section["paragraphs"])), str(chars))
        console.print(table)
