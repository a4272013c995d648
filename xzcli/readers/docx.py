"""Word (.docx) text through python-docx (xzcli[docx]); Word's heading styles become headings.

A paragraph styled Heading 1…6 (标题 1…6 in a Chinese Word, or given an outline level) is
written as a Markdown heading (`# 一、总体要求`), which `xzcli sections` reads as a heading
of that level; the Title style is the first line. Tables come out a row per line, cells
separated by tabs, where they stand in the document.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from xzcli.errors import InputError

_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, source: str) -> str:
    """The text of a .docx: one line per paragraph (and per table row), in document order."""
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{source}: not a Word .docx document (not a zip package)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, its own errors…
        reason = _reason(exc)
        raise InputError(f"{source}: not a Word .docx document ({reason})") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            line = _paragraph_line(child, document)
            if line:
                lines.append(line)
        elif child.tag == f"{_W}tbl":
            lines.extend(_table_lines(child))
    return "\n".join(lines) + ("\n" if lines else "")


def _reason(exc: Exception) -> str:
    text = str(exc).strip().strip("\"'")
    if "word/document.xml" in text or "no item named" in text.lower():
        return "a zip file without a Word document inside"
    return text.splitlines()[0][:80] if text else type(exc).__name__


def _paragraph_line(element: Any, document: Any) -> str:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document)
    text = paragraph.text.strip()
    if not text:
        return ""
    level = heading_level(paragraph)
    if level == 0:
        return text
    return "#" * min(level, 6) + " " + text


def heading_level(paragraph: Any) -> int:
    """1-9 for a heading, 0 for body text; -1 is never returned (Title is body: line one)."""
    style = paragraph.style
    while style is not None:
        found = _HEADING_STYLE.fullmatch((style.name or "").strip())
        if found:
            return int(found.group(1))
        style = style.base_style
    ppr = paragraph._p.pPr
    if ppr is not None:
        outline = ppr.find(f"{_W}outlineLvl")
        if outline is not None:
            value = outline.get(f"{_W}val")
            if value is not None and value.isdigit() and int(value) < 9:
                return int(value) + 1
    return 0


def _table_lines(table: Any) -> list[str]:
    lines = []
    for row in table.iter(f"{_W}tr"):
        cells = []
        for cell in row.iter(f"{_W}tc"):
            texts = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in cell.iter(f"{_W}p")]
            cells.append(" ".join(t.strip() for t in texts if t.strip()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines
