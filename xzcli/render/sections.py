"""Rich view of `xzcli sections`: front matter, then the outline with paragraph counts."""

from __future__ import annotations

from typing import Any


def sections_table(console: Any, documents: list[dict[str, Any]]) -> None:
    from rich.text import Text

    from xzcli.render import Col, fit_table

    cols = [Col("part", "label"), Col("offset", "number"), Col("text", "text", min_text=16),
            Col("paragraphs", "number"), Col("chars", "number", optional=1)]
    for doc in documents:
        # Front matter in the order it stands in the text: a byline printed above the title
        # is listed above it.
        front: list[tuple[int, list[Any]]] = []
        for part in ("title", "subtitle", "byline"):
            span = doc[part]
            if span is not None:
                front.append((span["offset"], [part, str(span["offset"]), Text(span["text"]),
                                               "", ""]))
        for part, key in (("front", "front"), ("caption", "captions"), ("page debris", "debris")):
            for span in doc[key]:
                front.append((span["offset"], [Text(part, style="dim"), str(span["offset"]),
                                               Text(span["text"], style="dim"), "", ""]))
        rows = [cells for _, cells in sorted(front, key=lambda item: item[0])]
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
            rows.append([part, str(offset), name, str(len(section["paragraphs"])), str(chars)])
        console.print(fit_table(console.width, cols, rows, title=Text(doc["source"])),
                      crop=False)
