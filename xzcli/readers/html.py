"""Web pages: the article text without navigation, breadcrumbs, share buttons or footer.

trafilatura (xzcli[html]) finds the main content; its XML form keeps paragraphs and
headings apart, and headings after the page title are written as Markdown headings so
`xzcli sections` sees them. Bold lead-ins (（一）…) stay plain lines: the numbering makes
them headings already.
"""

from __future__ import annotations

import re

from xzcli.errors import InputError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)


def decode_html(data: bytes, source: str, encoding: str | None) -> tuple[str, str]:
    """The page as text and the encoding used: --encoding, a BOM, <meta charset>, detection."""
    from xzcli.sources import decode_bytes, normalize_encoding

    if not encoding:
        found = _CHARSET.search(data[:4096])
        if found:
            try:
                encoding = normalize_encoding(found.group(1).decode("ascii"))
            except Exception:  # an unknown charset label: detect instead
                encoding = None
    if encoding:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    doc = decode_bytes(data, source)
    return doc.text, doc.encoding or "utf-8"


def read_html(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """The main text of a page (one line per paragraph) and the page's encoding."""
    import trafilatura
    from lxml import etree

    page, used = decode_html(data, source, encoding)
    xml = trafilatura.extract(page, output_format="xml", include_tables=True,
                              include_comments=False, include_images=False)
    if not xml:
        raise InputError(f"{source}: no article text found in the page")
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        main = root
    children = list(main)
    # A heading that opens the article is its title; the others rank from 1 by their tag.
    heads = [h for h in children[1:] if h.tag == "head"] if children else []
    levels = sorted({_level(h) for h in heads} - {0})
    lines: list[str] = []
    for element in children:
        lines.extend(_lines(element, levels, first=not lines))
    if not lines:
        raise InputError(f"{source}: no article text found in the page")
    return "\n".join(lines) + "\n", used


def _level(head: object) -> int:
    rend = getattr(head, "get", lambda _k, _d=None: None)("rend") or ""
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 0


def _text(element: object) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()  # type: ignore[attr-defined]


def _lines(element: object, levels: list[int], *, first: bool) -> list[str]:
    tag = getattr(element, "tag", "")
    if tag == "head":
        text = _text(element)
        level = _level(element)
        if not text:
            return []
        if first or level == 0:
            return [text]  # the page title is the document's first line, not a section
        return ["#" * min(levels.index(level) + 1, 6) + " " + text]
    if tag == "list":
        return [t for t in (_text(item) for item in element.iter("item")) if t]  # type: ignore[attr-defined]
    if tag == "table":
        rows = []
        for row in element.iter("row"):  # type: ignore[attr-defined]
            cells = [_text(cell) for cell in row.iter("cell")]
            if any(cells):
                rows.append("\t".join(cells))
        return rows
    # A <br> inside a paragraph (old portals set whole notices in one cell) is a line end.
    for lb in element.iter("lb"):  # type: ignore[attr-defined]
        lb.text = "\n"
    return [t for t in (re.sub(r"\s+", " ", part).strip()
                        for part in "".join(element.itertext()).split("\n")) if t]  # type: ignore[attr-defined]
