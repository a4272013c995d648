"""PDF text through PDFium (xzcli[pdf]), with page debris removed and wrapped lines rejoined.

A printed government document carries, on every page, a running header (the issuing office,
the document number) and a page number (— 3 —, 第3页 共9页), and breaks every sentence at
the right margin. None of that is text: left in, 文件 and page numbers become keywords, and
a term broken across a line end (新质生\\n产力) is never counted. `clean_pages` removes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

from xzcli.errors import InputError

# Lines at the top and at the foot of a page where running headers and page numbers stand.
_EDGE = 3
# A page-number line: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 9 页, 3/9, Page 3 of 9.
_PAGE_NUMBER = re.compile(
    r"[-—–―－\s]*(?:\d{1,4}|[ivxlcIVXLC]{1,6})[-—–―－\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?:共\s*\d{1,4}\s*页\s*)?第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?"
)
# Where a paragraph may end: sentence-final punctuation, perhaps closed by quotes/brackets.
_PARAGRAPH_END = re.compile(r"[。！？：；…!?:;][”’」』）)》\"']*$")
# How numbered headings and items begin: 一、 （一） 第三章 第二节 1. 1、
_NUMBERED = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
                       r"|第[一二三四五六七八九十百零〇\d]+[章节篇部分]|\d{1,2}[.．、](?!\d))")
# Closing punctuation that typesetters never put at the start of a line; a line that starts
# with one continues the line before.
_LINE_START_CLOSERS = "，。、；：！？）》」』”’,.;:!?)"
# A line at least this share of the text's full line width was broken by the margin.
_FULL_LINE = 0.85
# Narrower than this (in full-width characters) is no printed measure: a list of short
# lines, whose ends are not margin breaks.
_MIN_MEASURE = 12


def read_pdf(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """The cleaned text of a PDF and any warnings; a PDF without text is an InputError."""
    pages = pdf_pages(data, source)
    if not any(page.strip() for page in pages):
        raise InputError(
            f"{source}: the PDF has no text layer (a scan?); run OCR on it first "
            "(e.g. ocrmypdf) and read the result"
        )
    warnings: tuple[str, ...] = ()
    blank = sum(1 for page in pages if not page.strip())
    if blank:
        warnings = (f"{source}: {blank} of {len(pages)} pages have no text layer "
                    "(scanned pages?) and were read as empty",)
    return clean_pages(pages), warnings


def pdf_pages(data: bytes, source: str) -> list[str]:
    """The raw text of each page, as PDFium lays it out (one line per printed line)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise InputError(f"{source}: the PDF is encrypted (needs a password); "
                             "save an unlocked copy and read that") from None
        raise InputError(f"{source}: not a readable PDF (damaged or incomplete file)") from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                pages.append(_pdfium_page_text(textpage))
            finally:
                textpage.close()
                page.close()
        return pages
    except pdfium.PdfiumError:
        raise InputError(f"{source}: not a readable PDF (a page cannot be read)") from None
    finally:
        pdf.close()


def _pdfium_page_text(textpage: Any) -> str:
    """A page's lines, each indented line (a paragraph's first) marked by a leading U+3000."""
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():  # indices would not line up: no indentation
        return str(text)
    lines: list[tuple[str, float, float]] = []
    pos = 0
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        lead = len(line) - len(line.lstrip())
        if line.strip():
            left, _, right, _ = textpage.get_charbox(pos + lead)
            lines.append((line.strip(), left, right - left))
        pos += len(raw) + 1
    return _mark_indents(lines)


def pdfplumber_pages(data: bytes, source: str) -> list[str]:
    """The same through pdfplumber (pdfminer), kept for the comparison in benchmarks/."""
    import io

    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = [(ln["text"].strip(), ln["x0"], ln["chars"][0]["width"])
                     for ln in page.extract_text_lines() if ln["text"].strip()]
            pages.append(_mark_indents(lines))
    return pages


def _mark_indents(lines: Sequence[tuple[str, float, float]]) -> str:
    """Lines given with the left edge and width of their first character -> the page's text,
    lines standing in from the left margin by 1.5 characters or more marked with U+3000."""
    glyphs = sorted(w for text, _, w in lines if w > 0 and _is_ideograph(text[0]))
    if not glyphs:
        return "\n".join(text for text, _, _ in lines)
    unit = glyphs[len(glyphs) // 2]
    margin = min(left for _, left, _ in lines)
    return "\n".join(("\u3000" if left - margin >= 1.5 * unit else "") + text
                     for text, left, _ in lines)


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _width(line: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in line)


def _key(line: str) -> str:
    """A running header's identity: digits change from page to page (页码, 2024年第3期)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def clean_pages(pages: Sequence[str]) -> str:
    """Page texts -> one text: running headers/footers, page numbers and line wraps removed.

    A line is a running header or footer when it stands among the first or last three lines
    of at least half the pages (and of two pages at least), digits aside. Lines are rejoined
    when the next line starts with closing punctuation, or when a line fills the measure and
    either does not end a sentence or, where the text marks paragraph starts by indentation
    (a leading space), the next line is not indented and does not read as a heading.
    Paragraphs come out one per line.
    """
    lines_of = [[ln for ln in page.splitlines() if ln.strip()] for page in pages]
    edges: Counter[str] = Counter()
    for lines in lines_of:
        zone = lines[:_EDGE] + lines[-_EDGE:] if len(lines) > 2 * _EDGE else lines
        edges.update({_key(ln) for ln in zone})
    repeated = max(2, (len(lines_of) + 1) // 2)
    running = {k for k, n in edges.items() if n >= repeated} if len(lines_of) > 1 else set()

    body: list[tuple[str, bool]] = []
    for lines in lines_of:
        last = len(lines) - 1
        for i, raw in enumerate(lines):
            line = raw.strip()
            at_edge = i < _EDGE or i > last - _EDGE
            if at_edge and (_key(line) in running or _PAGE_NUMBER.fullmatch(line)):
                continue
            body.append((line, raw[:1].isspace()))
    return "\n".join(_join_wrapped(body)) + ("\n" if body else "")


def _full_width(lines: Sequence[str]) -> float:
    """The measure: the width most long lines reach (the 80th percentile of line widths)."""
    widths = sorted(_width(ln) for ln in lines)
    if not widths:
        return 0.0
    measure = widths[min(len(widths) - 1, int(len(widths) * 0.8))]
    return measure if measure >= _MIN_MEASURE else float("inf")


def _join_wrapped(lines: Sequence[tuple[str, bool]]) -> list[str]:
    full = _full_width([line for line, _ in lines])
    indents = sum(1 for _, indented in lines if indented)
    # Indentation tells paragraphs apart only where some lines, not most, stand in.
    by_indent = 2 <= indents <= 0.6 * len(lines)
    paragraphs: list[str] = []
    current = ""  # the paragraph being rebuilt
    physical = ""  # the printed line it ends with: its width tells a margin break
    for line, indented in lines:
        at_margin = _width(physical) >= _FULL_LINE * full
        if by_indent:
            wrapped = at_margin and not indented and not (
                _PARAGRAPH_END.search(current) and _reads_as_heading(line, full))
        else:
            wrapped = at_margin and not _PARAGRAPH_END.search(current)
        if current and (line[0] in _LINE_START_CLOSERS or wrapped):
            space = " " if _ascii_letter(current[-1]) and _ascii_letter(line[0]) else ""
            current += space + line
        else:
            if current:
                paragraphs.append(current)
            current = line
        physical = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _reads_as_heading(line: str, full: float) -> bool:
    """A short line that ends no sentence (一、总体要求), or a numbered one: after a full line
    that ends a sentence, a heading rather than the paragraph's last line."""
    short = _width(line) < _FULL_LINE * full
    return short and (not _PARAGRAPH_END.search(line) or bool(_NUMBERED.match(line)))


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()
