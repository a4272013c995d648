"""Web pages: the article text without navigation, breadcrumbs, share buttons or footer.

trafilatura (xzcli[html]) finds the main content; its XML form keeps paragraphs and
headings apart, and headings after the page title are written as Markdown headings so
`xzcli sections` sees them. Bold lead-ins (（一）…) stay plain lines: the numbering makes
them headings already.
"""

from __future__ import annotations

import re
from typing import Any

from xzcli.errors import InputError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)
# Page furniture of Chinese government portals that an extractor keeps when a page is laid out
# in tables (no nav/footer tags, no telling class names): a short line matching one of these is
# the portal's, not the document's.
_FURNITURE = re.compile(
    r"^(?:当前位置|您现在的位置|您的位置|所在位置|当前页面)\s*[:：]"
    r"|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|返回顶部|收藏本页"
    r"|版权所有|ICP\s*备|公网安备|网站标识码|网站地图"
    r"|^分享到\s*[:：]?"
    r"|字[号体]\s*[:：]?\s*[\[【(（]?\s*大\s*中\s*小"
    r"|^(?:发布|发文|成文|更新)?(?:日期|时间)\s*[:：]\s*\d{4}.{0,60}(?:来源|浏览|阅读|点击)"
)
_FURNITURE_MAX = 120


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
        lines.extend(ln for ln in _lines(element, levels, first=not lines)
                     if not is_furniture(ln))
    if not lines:
        raise InputError(f"{source}: no article text found in the page")
    return "\n".join(lines) + "\n", used


def is_furniture(line: str) -> bool:
    """A portal's navigation, breadcrumb, date-and-source, print/close, share or footer line."""
    if len(line) > _FURNITURE_MAX:
        return False
    if _FURNITURE.search(line):
        return True
    # A navigation bar: three or more short links between bars.
    items = [part.strip() for part in re.split(r"[|｜]", line)]
    return len(items) >= 3 and all(0 < len(item) <= 8 for item in items)


def _level(head: Any) -> int:
    rend = head.get("rend") or ""
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 0


def _text(element: Any) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _lines(element: Any, levels: list[int], *, first: bool) -> list[str]:
    tag = element.tag
    if tag == "head":
        text = _text(element)
        level = _level(element)
        if not text:
            return []
        if first or level == 0:
            return [text]  # the page title is the document's first line, not a section
        return ["#" * min(levels.index(level) + 1, 6) + " " + text]
    if tag == "list":
        return [t for t in (_text(item) for item in element.iter("item")) if t]
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = list(row.iter("cell"))
            if len(cells) == 1:  # a layout cell, as old portals set a whole notice in one
                rows.extend(_block_lines(cells[0]))
                continue
            texts = [_text(cell) for cell in cells]
            if any(texts):
                rows.append("\t".join(texts))
        return rows
    return _block_lines(element)


def _block_lines(element: Any) -> list[str]:
    """An element's text, a line per paragraph: a <br> or a nested paragraph ends a line."""
    for inner in element.iter("lb", "p", "item", "head"):
        if inner is not element:
            inner.tail = "\n" + (inner.tail or "")
            if inner.tag != "lb":
                inner.text = "\n" + (inner.text or "")
        elif inner.tag == "lb":
            inner.text = "\n"
    text = "".join(element.itertext())
    return [t for t in (re.sub(r"\s+", " ", part).strip() for part in text.split("\n")) if t]
