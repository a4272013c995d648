"""Document structure: title, byline, captions, headings, sections, paragraphs and sentences.

`parse_structure` reads one text. As the analysis `xzcli sections` runs: `analyse` gives one
document's JSON object, `merge` concatenates documents in input order (listing.Listing),
`payload` is the JSON after the envelope.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from operator import methodcaller
from typing import Any

from xzcli.listing import Listing
from xzcli.listing import merge as listing_merge
from xzcli.offsets import lines_with_offsets
from xzcli.sources import Document, analysis_text

__all__ = [
    "Paragraph",
    "Section",
    "Span",
    "Structure",
    "parse_structure",
    "sentence_spans",
    "split_sentences",
    "SCHEMA",
    "analyse",
    "merge",
    "payload",
]


@dataclass(frozen=True)
class Span:
    """A piece of the text: `text == analysis_text(source)[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; `index` counts body paragraphs from 1 over the whole document."""

    index: int
    start: int
    end: int
    text: str

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Split on first use: most analyses (themes, kwic) never ask for them."""
        return tuple(split_sentences(self.text, self.start))


@dataclass(frozen=True)
class Section:
    """The text under one heading, up to the next heading of any level.

    `heading` is the heading without its number (一、, （一）, 第三章 …), found at `offset`;
    `number` is that number as written. The lead (text before the first heading) has heading,
    offset and number None and level 0. `level` counts from 1 for the coarsest heading style
    the document uses; `path` holds the headings above this one and this one.
    """

    heading: str | None
    offset: int | None
    level: int
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]
    number: str | None = None
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Structure:
    """A whole document. `front` holds other front-matter lines (dates, second subtitles)."""

    title: Span | None
    subtitle: Span | None
    byline: Span | None
    captions: tuple[Span, ...]
    debris: tuple[Span, ...]
    sections: tuple[Section, ...]
    front: tuple[Span, ...] = ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    def section_at(self, offset: int) -> Section | None:
        """The section whose span holds `offset` (None in front matter or past the end)."""
        starts = [s.start for s in self.sections]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        section = self.sections[i]
        return section if offset < section.end else None


# -- sentences --------------------------------------------------------------------------------
# A sentence ends at 。！？；… (a run of them: ？！, ……) plus any closing quotes or brackets.
# Group 1 is the sentence without the whitespace around it: the pattern passes over leading
# whitespace, a last sentence without a stop ends at its last non-space character, and a
# stretch of whitespace alone does not match.
_SENTENCE = re.compile(
    r"\s*([^。！？；…!?;]*(?:[。！？；!?;]+|…+)[”’」』）)》\"']*"
    r"|[^。！？；…!?;]*[^。！？；…!?;\s](?=\s*$))"
)
_SPAN = methodcaller("span", 1)  # a match's sentence: (start, end) of group 1


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `text[start:end]`, as offsets into `text`: the spans
    split_sentences gives, found without a slice of the text or a Span for each."""
    return list(map(_SPAN, _SENTENCE.finditer(text, start, len(text) if end is None else end)))


def split_sentences(text: str, start: int = 0) -> list[Span]:
    """Sentences of `text` with offsets shifted by `start`; surrounding whitespace left out."""
    return [Span(text[s:e], start + s, start + e) for s, e in sentence_spans(text)]


# -- line classes -----------------------------------------------------------------------------
_NUM = r"[一二三四五六七八九十百零〇两]+"
# Numbered heading styles, coarsest first; the rank orders nesting whatever order they appear.
_HEADING_STYLES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("md", 0, re.compile(r"(#{1,6})[ \t]+")),
    ("pian", 10, re.compile(rf"第(?:{_NUM}|\d+)(?:篇|部分)[\s　]*")),
    ("zhang", 11, re.compile(rf"第(?:{_NUM}|\d+)章[\s　]*")),
    ("jie", 12, re.compile(rf"第(?:{_NUM}|\d+)节[\s　]*")),
    ("dun", 13, re.compile(rf"{_NUM}[、，][\s　]*")),
    ("paren", 14, re.compile(rf"[（(]{_NUM}[）)][\s　]*")),
    ("dot", 15, re.compile(r"\d{1,2}(?:[.．](?!\d)|、)[\s　]*")),
    ("aparen", 16, re.compile(r"[（(]\d{1,2}[）)][\s　]*")),
)
# Any of those numbers: most lines start with none, and one match rules out all eight styles.
_ANY_NUMBER = re.compile("|".join(pattern.pattern for _, _, pattern in _HEADING_STYLES))
_PLAIN_RANK = 1  # unnumbered feature headings (新内核 创新驱动深层变革): above numbered ones

_TERMINAL = "。！？；：…!?;:"
_CLOSERS = "”’」』）)》\"'"
_SENTENCE_PUNCT = re.compile(r"[。！？；…!?;]")
_COLON = re.compile(r"[：:]")
_COMMA = re.compile(r"[，,]")
_CONTINUES = tuple("，、。；：！？）」』”’》,;:)")

# Longest heading text (after the number) before a line reads as a sentence, not a heading.
MAX_HEADING = 40
# Lines this short that follow a short line directly are fragments of one broken sentence.
_FRAGMENT = 10
# Longest unnumbered line that may be a feature heading.
MAX_PLAIN_HEADING = 30

_DEBRIS = re.compile(
    r"(?:\d{1,4}|[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|https?://\S+|www\.\S+)"
)
_CAPTION_START = re.compile(
    r"(?:图\s*[①-⑳\d一二三四五六七八九十]*\s*[:：]|图为|[上下左右中]图\s*[:：]|图片\s*[:：]"
    r"|（图\s*[①-⑳\d]*）)"
)
_CAPTION_END = re.compile(r"(?:供图|摄|图片来源\S*|资料图片)[）)]?$")
# Short photo titles of the kind printed under a picture (徐州高新区鸟瞰。).
_PHOTO_TITLE = re.compile(r"(?:鸟瞰|一角|全景|远眺|夜景|航拍图?|掠影|新貌|风光)[。.]?$")
_BYLINE = re.compile(
    r"(?:(?:本报|新华社|人民日报|央视|中新社)?(?:特约|驻\S{1,6})?(?:记者|通讯员)"
    r"[\s　]*[^\s　].{0,24}"
    r"|(?:新华社|中新社|本报)\S{0,12}电(?:[\s　]*[（(][^）)]{1,24}[）)])?$"
    r"|\S{0,12}(?:总理|主席|委员长|秘书长|委员|部长|主任|书记|院长|省长|市长|区长)[\s　]+\S{2,4}$)"
)
# A dateline (新华社北京3月5日电, with its reporters in brackets) opens the story's first
# paragraph rather than closing the front matter.
_DATELINE_END = re.compile(r"电(?:[\s　]*[（(][^）)]{1,24}[）)])?$")
_SPACED_NAME = re.compile(r"[\u4e00-\u9fff](?:[\s　]+[\u4e00-\u9fff]){1,3}")
# Words a report spaces out like a name (绪　言) that are section titles, not people.
_NOT_NAMES = frozenset(
    "绪言 前言 序言 引言 导言 目录 总论 结语 结论 附录 附件 后记 说明 总则 附则".split()
)
_DATE = re.compile(
    r"[（(]?(?:\d{4}|[一二三四五六七八九〇零○]{4})年[\d一二三四五六七八九十]{1,3}月"
    r"(?:[\d一二三四五六七八九十]{1,3}日)?.{0,30}[）)]?"
)


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made
# building the lines of a document cost half as much again.
@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    blank_before: bool


def _lines(text: str) -> list[_Line]:
    """Non-blank lines, stripped of surrounding spaces (full-width ones too), with offsets."""
    found: list[_Line] = []
    blank = True
    for pos, raw in lines_with_offsets(text):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            found.append(_Line(s, s + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
    return found


def _is_debris(line: str) -> bool:
    return _DEBRIS.fullmatch(line) is not None


def _is_caption(line: str) -> bool:
    if len(line) > 120:
        return False
    if _CAPTION_START.match(line) or _CAPTION_END.search(line):
        return True
    return len(line) <= 20 and _PHOTO_TITLE.search(line) is not None


def _is_byline(line: str) -> bool:
    if len(line) > 40 or _SENTENCE_PUNCT.search(line):
        return False
    if _SPACED_NAME.fullmatch(line):
        return re.sub(r"[\s　]", "", line) not in _NOT_NAMES
    return _BYLINE.fullmatch(line) is not None


def _ends_terminal(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_short_plain(line: str) -> bool:
    """A short line that is no sentence: a feature heading, a title, a photo credit …"""
    return (
        len(line) <= MAX_PLAIN_HEADING
        and not _SENTENCE_PUNCT.search(line)
        and line[-1] not in "：:，,、"
        and not line.startswith(("——", "—", "（", "("))
    )


def _is_front_line(line: str) -> bool:
    """A line that may belong to the front matter (title, subtitle, byline, date)."""
    if _SENTENCE_PUNCT.search(line) or line[-1] in "：:，,、":
        return False
    if line.startswith(("——", "—")):
        return len(line) <= 80
    commas = line.count("，") + line.count(",")
    return commas == 0 and len(line) <= 60 or commas == 1 and len(line) <= 24


@dataclass(frozen=True)
class _Heading:
    rank: int
    number: str
    heading_start: int
    heading_end: int
    rest_start: int  # where text after the heading on the same line starts (== line end if none)


def _numbered_heading(line: _Line) -> _Heading | None:
    """A numbered heading at the start of the line, with any paragraph text after it."""
    if _ANY_NUMBER.match(line.text) is None:
        return None
    for _name, rank, pattern in _HEADING_STYLES:
        match = pattern.match(line.text)
        if match is None:
            continue
        body = line.text[match.end():]
        if not body:
            return None
        stop = _SENTENCE_PUNCT.search(body)
        colon = _COLON.search(body)
        if colon and (stop is None or colon.start() < stop.start()):
            stop = colon
        head = body[: stop.start()] if stop else body
        rest = body[stop.end():] if stop else ""
        head_stripped = head.rstrip()
        if not head_stripped or len(head_stripped) > MAX_HEADING:
            return None
        # A one-sentence numbered item with a comma is a list entry, not a heading:
        # （1）粮食产量达到…，比上年增长5%。
        if not rest.strip() and stop is not None and _COMMA.search(head):
            return None
        if rank == 0 and stop is None and len(head_stripped) > MAX_HEADING:
            return None
        number_end = match.end()
        if not rank:  # markdown: one rank per #, and the number written after the #s
            rank = len(match.group(1))
            for _inner, inner_rank, inner in _HEADING_STYLES:
                numbered = inner.match(line.text, match.end()) if inner_rank else None
                if numbered is not None and numbered.end() < match.end() + len(head_stripped):
                    number_end = numbered.end()
                    break
        h_start = line.start + number_end
        head_len = len(head_stripped) - (number_end - match.end())
        rest_offset = line.end - len(rest.lstrip()) if rest.strip() else line.end
        return _Heading(rank, line.text[:number_end].strip(), h_start, h_start + head_len,
                        rest_offset)
    return None


# -- blocks: headings and paragraphs ----------------------------------------------------------
@dataclass
class _Block:
    kind: str  # "heading" or "para" or "plain" (a short unnumbered line, decided later)
    start: int
    end: int
    heading: _Heading | None = None
    open: bool = False  # a paragraph whose last line ends mid-sentence


_WIDE_RE = re.compile("[\u2e80-\U0010ffff]+")


def _width(line: str) -> int:
    """Display width: Han characters and full-width punctuation take two columns."""
    return 2 * len(line) - len(_WIDE_RE.sub("", line))


def wrap_width(lines: list[_Line]) -> int | None:
    """The column a hard-wrapped text breaks its lines at, or None for one line per paragraph.

    Scanned and OCR'd texts break every line at the same width; when most lines of some
    length share one width, a line of that width runs on into the next.
    """
    widths = [_width(line.text) for line in lines if len(line.text) >= 8]
    if len(widths) < 20:
        return None
    top = Counter(widths).most_common(1)[0][0]
    near = sum(1 for w in widths if abs(w - top) <= 3)
    if top > 160 or near < 0.4 * len(widths):
        return None
    return top


def _blocks(lines: list[_Line], width: int | None) -> Iterator[_Block]:
    """Headings and paragraphs, gluing lines broken mid-sentence back together."""

    def runs_on(i: int) -> bool:
        # A full-width line of a hard-wrapped text continues on the next line.
        return (width is not None and i + 1 < len(lines) and not lines[i + 1].blank_before
                and _width(lines[i].text) >= width - 8)

    current: _Block | None = None
    for i, line in enumerate(lines):
        if (current is not None and current.kind == "plain" and not line.blank_before
                and (line.text.startswith(_CONTINUES)
                     or len(line.text) <= _FRAGMENT and _numbered_heading(line) is None)):
            # A heading is followed by body text, not by a fragment: this short line was
            # broken off a sentence (宪法 / 和 / 基本法 lines left by stripped links).
            current.kind = "para"
        if current is not None and current.kind == "para":
            glue = line.text.startswith(_CONTINUES) or (
                not line.blank_before
                and (current.open or runs_on(i - 1))
                and (_numbered_heading(line) is None or runs_on(i))
            )
            if glue:
                current.end = line.end
                current.open = not _ends_terminal(line.text)
                continue
        if current is not None:
            yield current
            current = None
        if runs_on(i):
            current = _Block("para", line.start, line.end, open=not _ends_terminal(line.text))
            continue
        heading = _numbered_heading(line)
        if heading is not None:
            yield _Block("heading", line.start, heading.heading_end, heading)
            if heading.rest_start < line.end:
                current = _Block("para", heading.rest_start, line.end,
                                 open=not _ends_terminal(line.text))
            continue
        if _is_short_plain(line.text):
            current = _Block("plain", line.start, line.end, open=True)
            continue
        current = _Block("para", line.start, line.end, open=not _ends_terminal(line.text))
    if current is not None:
        yield current


# -- the parser -------------------------------------------------------------------------------
# How far into a document front matter (title, byline …) may reach, in non-blank lines.
_FRONT_REACH = 12


def parse_structure(text: str) -> Structure:
    """Recognise the parts of a policy text or newspaper feature (offsets into `text`)."""
    text = analysis_text(text)
    lines = _lines(text)
    captions: list[Span] = []
    debris: list[Span] = []
    body: list[_Line] = []
    for line in lines:
        if _is_debris(line.text):
            debris.append(Span(line.text, line.start, line.end))
        elif _is_caption(line.text):
            captions.append(Span(line.text, line.start, line.end))
        else:
            body.append(line)

    width = wrap_width(body)
    title, subtitle, byline, front, body = _front_matter(body, width)
    blocks = list(_blocks(body, width))
    return Structure(title, subtitle, byline, tuple(captions), tuple(debris),
                     _sections(text, blocks), tuple(front))


def _front_matter(
    body: list[_Line], width: int | None
) -> tuple[Span | None, Span | None, Span | None, list[Span], list[_Line]]:
    """Title, subtitle, byline and other front lines before the first body line."""
    n = 0
    while n < len(body) and n < _FRONT_REACH and _is_front_line(body[n].text) \
            and _numbered_heading(body[n]) is None:
        following = body[n + 1] if n + 1 < len(body) else None
        if (width is not None and following is not None and not following.blank_before
                and _width(body[n].text) >= width - 8):
            break  # the first line of a hard-wrapped paragraph
        n += 1
        last = body[n - 1].text
        if n > 1 and _is_byline(last) and not _DATELINE_END.search(last):
            break  # the byline closes the front matter; a short line after it is a heading
    # Lines that run on into a line starting with a comma are a broken paragraph, not a title.
    for i in range(min(n + 1, len(body))):
        if i > 0 and body[i].text.startswith(_CONTINUES) and not body[i].blank_before:
            j = i - 1
            while j > 0 and not body[j].blank_before:
                j -= 1
            n = min(n, j)
            break
    if n == 0 or n >= len(body) or n == _FRONT_REACH:
        return None, None, None, [], body
    title = subtitle = byline = None
    front: list[Span] = []
    for line in body[:n]:
        span = Span(line.text, line.start, line.end)
        if _is_byline(line.text):
            if byline is None:
                byline = span
            else:
                front.append(span)
        elif _DATE.fullmatch(line.text):
            front.append(span)
        elif title is None:
            title = span
        elif subtitle is None:
            subtitle = span
        else:
            front.append(span)
    return title, subtitle, byline, front, body[n:]


def _sections(text: str, blocks: list[_Block]) -> tuple[Section, ...]:
    # A short plain line is a feature heading when body text follows it; otherwise it is a
    # (short) paragraph.
    kinds: list[str] = []
    for i, block in enumerate(blocks):
        if block.kind == "plain":
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            kinds.append("heading" if following is not None and following.kind == "para"
                         else "para")
        else:
            kinds.append(block.kind)

    ranks = sorted({(b.heading.rank if b.heading else _PLAIN_RANK)
                    for b, k in zip(blocks, kinds, strict=True) if k == "heading"})
    level_of = {rank: i + 1 for i, rank in enumerate(ranks)}

    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    pending: dict | None = None  # the section being filled
    paras: list[Paragraph] = []
    index = 0

    def close(end: int) -> None:
        nonlocal pending, paras
        if pending is not None and (pending["heading"] is not None or paras):
            start = pending["start"] if pending["start"] is not None else paras[0].start
            sections.append(Section(pending["heading"], pending["offset"], pending["level"],
                                    start, end, tuple(paras), pending["number"],
                                    pending["path"]))
        pending, paras = None, []

    pending = {"heading": None, "offset": None, "level": 0, "start": None, "number": None,
               "path": ()}
    for block, kind in zip(blocks, kinds, strict=True):
        if kind == "heading":
            close(_line_start(text, block.start))
            if block.heading is not None:
                h = block.heading
                rank, number, h_start, h_end = h.rank, h.number, h.heading_start, h.heading_end
            else:
                rank, number, h_start, h_end = _PLAIN_RANK, None, block.start, block.end
            heading = text[h_start:h_end]
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, heading))
            pending = {"heading": heading, "offset": h_start, "level": level_of[rank],
                       "start": _line_start(text, block.start), "number": number,
                       "path": tuple(name for _, name in stack)}
            continue
        index += 1
        para_text = text[block.start:block.end]
        paras.append(Paragraph(index, block.start, block.end, para_text))
    close(len(text))
    return tuple(sections)


def _line_start(text: str, offset: int) -> int:
    """Where the line holding `offset` starts (after any indentation)."""
    begin = text.rfind("\n", 0, offset) + 1
    while begin < offset and text[begin].isspace():
        begin += 1
    return begin


# -- the JSON of `xzcli sections` ------------------------------------------------------------
def span_json(span: Any) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "offset": span.start, "end": span.end}


def structure_payload(structure: Any, *, sentences: bool = False) -> dict[str, Any]:
    """One document's structure as the JSON payload documented in the README."""
    sections = []
    for section in structure.sections:
        paragraphs = []
        for para in section.paragraphs:
            item: dict[str, Any] = {"index": para.index, "offset": para.start, "end": para.end,
                                    "text": para.text}
            if sentences:
                item["sentences"] = [span_json(s) for s in para.sentences]
            else:
                item["sentences"] = len(para.sentences)
            paragraphs.append(item)
        sections.append({
            "heading": section.heading,
            "number": section.number,
            "level": section.level,
            "path": list(section.path),
            "offset": section.offset,
            "start": section.start,
            "end": section.end,
            "paragraphs": paragraphs,
        })
    return {
        "title": span_json(structure.title),
        "subtitle": span_json(structure.subtitle),
        "byline": span_json(structure.byline),
        "front": [span_json(s) for s in structure.front],
        "captions": [span_json(s) for s in structure.captions],
        "debris": [span_json(s) for s in structure.debris],
        "sections": sections,
    }


# -- the analysis `xzcli sections` runs: analyse, merge, payload -----------------------------
SCHEMA = "xzcli.sections/1"
COLUMNS = ("source", "level", "number", "heading", "offset", "paragraphs", "chars")


@dataclass(frozen=True)
class Options:
    """`sentences`: list each paragraph's sentences instead of their number."""

    sentences: bool = False


def analyse(doc: Document, segmenter: Any = None, options: Options = Options()) -> Listing:
    """One document's structure as its JSON object, source first (no segmenter needed)."""
    body = structure_payload(parse_structure(doc.text), sentences=options.sentences)
    return Listing.of([{"source": doc.source, **body}])


merge = listing_merge


def document_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per section of a document (its JSON object), as the table and CSV show."""
    return [{"source": document["source"], "level": section["level"],
             "number": section["number"], "heading": section["heading"],
             "offset": section["offset"], "paragraphs": len(section["paragraphs"]),
             "chars": sum(len(p["text"]) for p in section["paragraphs"])}
            for section in document["sections"]]


def section_rows(documents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of every document, in input order."""
    return [row for document in documents for row in document_rows(document)]


def payload(result: Listing, options: Options = Options()) -> dict[str, Any]:
    """The JSON payload of `xzcli sections` (after the envelope): one document's object
    without its source, or every document's under "documents"."""
    if result.count == 1:
        return {k: v for k, v in result.item_values()[0].items() if k != "source"}
    return {"documents": result.items()}
