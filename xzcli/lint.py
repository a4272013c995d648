"""Copy-editing checks for Chinese text: repeated items, half-width marks, stray markup.

`lint_text` checks one text. As the analysis `xzcli lint` runs: `analyse` lists one
document's findings as rows, `merge` concatenates documents in input order (listing.Listing),
`payload` is the JSON after the envelope.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from xzcli.errors import UsageError
from xzcli.listing import Listing
from xzcli.listing import merge as listing_merge
from xzcli.matching import LiteralMatcher
from xzcli.offsets import line_number, line_starts
from xzcli.sources import Document, analysis_text


@dataclass(frozen=True)
class Finding:
    """One slip: where it is (offset, 1-based line and column), what it is and what to write."""

    offset: int
    line: int
    column: int
    rule: str
    text: str
    message: str
    suggestion: str


@dataclass(frozen=True)
class _Slip:
    offset: int
    text: str
    message: str
    suggestion: str


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Characters that make a half-width mark "inside Chinese text": Han, CJK and full-width
# punctuation, curly quotes, circled numbers (图①:).
_CHINESE_CONTEXT = re.compile(f"[{_HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’\u2460-\u24ff]")
_IS_HAN = re.compile(f"[{_HAN}]")


# -- repeated-item ----------------------------------------------------------------------------
_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n（）()“”「」《》]+")
_LAST_JOINERS = re.compile(r"以及|与|和|及|或")


def _enumerations(text: str) -> Iterator[re.Match[str]]:
    """The clauses that hold a 、, in order: only the lines with one are scanned (a clause
    never runs over a line break)."""
    at = text.find("、")
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end == -1:
            end = len(text)
        for clause in _CLAUSE.finditer(text, start, end):
            if "、" in clause.group():
                yield clause
        at = text.find("、", end)


def _repeated_items(text: str, markdown: bool) -> Iterator[_Slip]:
    for clause in _enumerations(text):
        body = clause.group()
        base = clause.start()
        parts: list[tuple[int, str]] = []
        pos = 0
        for piece in body.split("、"):
            parts.append((base + pos, piece))
            pos += len(piece) + 1
        # Items whose edges we know: the middle ones whole, the last one cut at 与/和/及.
        # The first one starts somewhere inside the clause, so it is matched as a suffix.
        # Only neighbours are compared: a slip doubles an item in place (获得感、获得感与…),
        # while the same word in two lists of one clause (依靠投资、出口拉动向依靠消费、投资)
        # is the writer's intent.
        sequence: list[tuple[int, str]] = list(parts[1:-1])
        last_at, last = parts[-1]
        cut = 0
        for m in _LAST_JOINERS.finditer(last):
            sequence.append((last_at + cut, last[cut:m.start()]))
            cut = m.end()
        sequence.append((last_at + cut, last[cut:]))
        first = parts[0][1]
        # Does the clause end where it should (not cut by a line break inside a sentence)?
        after = text[clause.end():clause.end() + 1]
        closed = after != "\n" and after != ""
        previous = ""
        for n, (at, item) in enumerate(sequence):
            # Repeats long enough to be no accident of wording: the whole phrase again
            # after a verb (要推进改革、推进改革), or the tail of the item before typed again
            # (先进制造业、进制造业). Short ones (东南亚、南亚; 半机械化、机械化) are words.
            # The item must be whole: a hard-wrapped line can cut one short.
            whole = n < len(sequence) - 1 or closed
            if n == 0:
                repeated = _ends_with_item(first, item)
                echo = not repeated and whole and len(item) >= 4 and first.endswith(item) \
                    and len(first) > len(item)
            else:
                repeated = item == previous
                echo = (not repeated and whole and len(item) >= 4 and previous.endswith(item)
                        and len(previous) - len(item) <= 2)
            previous = item
            if not (repeated or echo) or len(item) < 2 or not _IS_HAN.search(item):
                continue
            if repeated:
                yield _Slip(at, item, f"“{item}” appears twice in a row in one enumeration",
                            f"delete the second “{item}”")
            else:
                yield _Slip(at, item, f"“{item}” repeats the end of the item before it",
                            f"delete “{item}” or write the item in full")


# The character before an item that starts it: a particle, a preposition or the clause start.
_ITEM_OPENERS = set("的了是在对把将为从向以等到于给让使由")


def _ends_with_item(first: str, item: str) -> bool:
    """Does the clause before the first 、 end with `item` as a whole item (not 东南亚/南亚)?"""
    if len(first) < len(item) or not first.endswith(item):
        return False
    rest = first[: -len(item)].rstrip()
    return not rest or rest[-1] in _ITEM_OPENERS


# -- halfwidth-punct --------------------------------------------------------------------------
_HALFWIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
_HALF_RE = re.compile(r"[,:;()]")
_ENTITY_END = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,6})$")


def _halfwidth(text: str, markdown: bool) -> Iterator[_Slip]:
    for m in _HALF_RE.finditer(text):
        i = m.start()
        mark = m.group()
        before = _neighbour(text, i, -1)
        after = _neighbour(text, i, 1)
        if mark in ",:" and before.isdigit() and after.isdigit():
            continue  # 1,000 and 10:30
        if mark == ":" and (text[i + 1:i + 3] == "//" or text[i - 1:i] == "]"):
            continue  # a URL, or a footnote definition ([^1]: …) that markup reports
        if mark == ";" and _ENTITY_END.search(text, max(0, i - 10), i):
            continue  # the end of &nbsp; (markup reports the entity)
        chinese_before = bool(before) and bool(_CHINESE_CONTEXT.match(before))
        chinese_after = bool(after) and bool(_CHINESE_CONTEXT.match(after))
        if mark == "(":
            hit = chinese_before or (chinese_after and _IS_HAN.match(after) is not None)
        elif mark == ")":
            hit = chinese_after or (chinese_before and _IS_HAN.match(before) is not None)
        else:
            # A comma or colon closes what comes before: Chinese before it is what counts,
            # but 图①:精创 or a Latin word followed by Chinese counts too.
            hit = chinese_before or chinese_after
        if hit:
            name = {",": "comma", ":": "colon", ";": "semicolon", "(": "parenthesis",
                    ")": "parenthesis"}[mark]
            yield _Slip(i, mark, f"half-width {name} in Chinese text",
                        f"use {_HALFWIDTH[mark]}")


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) and text[j] != "\n" else ""


# -- unbalanced -------------------------------------------------------------------------------
_PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "（": "）", "【": "】", "〔": "〕",
          "〈": "〉"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


_PARAGRAPH_END = set("。！？!?；;：:…”」』）)》】")


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs with their offsets; hard-wrapped lines (no closing punctuation) are joined."""
    paragraphs: list[tuple[int, str]] = []
    start = 0
    offset = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        offset_next = offset + len(line) + 1
        stripped = line.rstrip()
        following = lines[index + 1] if index + 1 < len(lines) else ""
        # A line that starts with a closing mark (”接着…) still belongs to the one before.
        continues = following[:1] in _CLOSERS
        if not continues and (not stripped or stripped[-1] in _PARAGRAPH_END
                              or not following.strip()):
            paragraphs.append((start, text[start:offset + len(line)]))
            start = offset_next
        offset = offset_next
    if start < len(text):
        paragraphs.append((start, text[start:]))
    return paragraphs


_BRACKET_RE = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")


def _unbalanced(text: str, markdown: bool) -> Iterator[_Slip]:
    paragraphs = _paragraphs(text)
    # The next paragraph with text after each one, found in one pass from the end (looking
    # ahead from every paragraph was quadratic in a text of 40,000 blank lines).
    following_at = [len(paragraphs)] * len(paragraphs)
    upcoming = len(paragraphs)
    for index in range(len(paragraphs) - 1, -1, -1):
        following_at[index] = upcoming
        if paragraphs[index][1].strip():
            upcoming = index
    for index, (offset, paragraph) in enumerate(paragraphs):
        stack: list[tuple[int, str]] = []
        open_count: Counter[str] = Counter()  # openers on the stack, so no scan of it
        for m in _BRACKET_RE.finditer(paragraph):  # the marks only, not every character
            j, ch = m.start(), m.group()
            if ch in _PAIRS:
                stack.append((offset + j, ch))
                open_count[ch] += 1
            elif ch in _CLOSERS:
                opener = _CLOSERS[ch]
                if stack and stack[-1][1] == opener:
                    stack.pop()
                    open_count[opener] -= 1
                elif open_count[opener] > 0:
                    # Something opened inside was never closed: report it, keep matching.
                    while stack and stack[-1][1] != opener:
                        at, o = stack.pop()
                        open_count[o] -= 1
                        yield _unclosed(at, o)
                    stack.pop()
                    open_count[opener] -= 1
                elif ch == "”" and "”" in paragraph[j + 1:j + 12] and \
                        "“" not in paragraph[j + 1:paragraph.find("”", j + 1)]:
                    # ”九五”: a closing mark typed where the opening one belongs.
                    yield _Slip(offset + j, ch, "” used as an opening quotation mark",
                                "write “")
                    stack.append((offset + j, "“"))
                    open_count["“"] += 1
                else:
                    yield _Slip(offset + j, ch, f"{ch} closes nothing that was opened",
                                f"delete it or add {opener} where it begins")
        following = (paragraphs[following_at[index]][1].lstrip()
                     if following_at[index] < len(paragraphs) else "")
        for at, opener in stack:
            # A quotation running over several paragraphs opens each one and closes only
            # the last: an opener left at the end of such a paragraph is not a slip.
            if opener == "“" and following.startswith("“"):
                continue
            yield _unclosed(at, opener)


def _unclosed(at: int, opener: str) -> _Slip:
    return _Slip(at, opener, f"{opener} is never closed in this paragraph",
                 f"add {_PAIRS[opener]} where it ends")


# -- markup -----------------------------------------------------------------------------------
_MARKUP: list[tuple[re.Pattern[str], str, Callable[[re.Match[str]], str], bool]] = [
    # The lookbehind starts a try only where a run of letters begins: without it every
    # position of a 40,000-letter run scanned the rest of the run (quadratic).
    # The lookahead lets the engine skip to a letter, digit, dot, _ or ^ (5 times faster).
    (re.compile(r"(?=[A-Za-z0-9._^])(?<![A-Za-z0-9.])([A-Za-z0-9.]*)[_^]\{([^{}\n]{1,12})\}"),
     "TeX sub/superscript",
     lambda m: f"write {m.group(1)}{m.group(2)}", False),
    (re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,6});"), "HTML entity",
     lambda m: "use a plain space" if m.group() in ("&nbsp;", "&#160;")
     else "write the character it stands for",
     False),
    (re.compile(r"</?(?:br|p|div|span|b|i|strong|em|sup|sub|font|a|img|u|table|tr|td)\b[^<>\n]*/?>",
                re.IGNORECASE), "HTML tag", lambda m: "delete it", False),
    (re.compile(r"\[\^[^\]\n]{1,8}\]"), "footnote marker", lambda m: "delete it or make it a note",
     True),
    (re.compile(r"\*\*([^*\n]{1,80})\*\*|__([^_\n]{1,80})__"), "Markdown bold",
     lambda m: f"write {m.group(1) or m.group(2)}", True),
    (re.compile(r"^#{1,6}[ \t]*(?=\S)", re.MULTILINE), "Markdown heading marker",
     lambda m: "delete it", True),
    (re.compile(r"\\[nrt](?=[" + _HAN + "])"), "escaped control character",
     lambda m: "a real line break or nothing", False),
]


def _markup(text: str, markdown: bool) -> Iterator[_Slip]:
    for pattern, what, suggest, is_markdown in _MARKUP:
        if markdown and is_markdown:
            continue  # in a .md file Markdown is the format, not a leftover
        for m in pattern.finditer(text):
            if what == "Markdown heading marker" and not _IS_HAN.search(
                    text[m.end():m.end() + 20]):
                continue
            yield _Slip(m.start(), m.group(), f"{what} left over from a conversion",
                        suggest(m))


# -- doubled-char -----------------------------------------------------------------------------
# Doubled characters that are almost always a slip, with the words in which the double is
# legitimate (实事求是是 = 实事求是 + 是, 为了了解 = 为了 + 了解). Reduplications such as 常常,
# 人人, 天天, 看看, 研究研究 are not listed, so they are never flagged.
DOUBLED: dict[str, tuple[str, ...]] = {
    "的的": ("的的确", "目的的", "标的的", "有的的", "众矢之的的", "端的的"),
    "了了": ("不了了之", "为了了", "除了了", "罢了了", "了了解", "了了结", "了了却", "了了然",
             "了了无", "一了了", "明了了", "终了了", "受不了了", "得了了", "极了了", "好了了",
             "算了了", "完了了"),
    "是是": ("求是是", "为是是", "是是非非", "是是而非", "实是是"),
    "在在": ("实实在在", "现在在", "存在在", "所在在", "自在在", "内在在", "外在在", "潜在在",
             "健在在", "好在在", "旨在在"),
    "和和": ("和和平", "和和谐", "和和解", "和和美美", "和和气气", "和和睦睦", "人和和", "祥和和",
             "温和和", "缓和和",
             "调和和", "柔和和", "平和和", "共和和", "总和和", "附和和", "饱和和", "融和和",
             "暖和和", "随和和", "讲和和", "议和和", "中和和", "谐和和"),
    "被被": ("被被子", "棉被被"),
    "们们": (),
    "把把": ("一把把", "把把关", "把把握", "把把脉", "把把手"),
    "与与": ("参与与", "给与与", "赋与与", "授与与"),
    "于于": ("于于是",),
    "也也": (),
    "而而": ("而而立",),
}
_DOUBLED_MATCHER = LiteralMatcher(DOUBLED)


def _doubled(text: str, markdown: bool) -> Iterator[_Slip]:
    # Every place a pair stands, overlapping ones too (的的的 holds two), in one scan.
    for i, _, pair in sorted(_DOUBLED_MATCHER.occurrences(text)):
        if any(_covers(text, i, word, pair) for word in DOUBLED[pair]):
            continue
        yield _Slip(i, pair, f"doubled “{pair[0]}”", f"write one “{pair[0]}”")


def _covers(text: str, i: int, word: str, pair: str) -> bool:
    """Does `word` occur in `text` over the pair at i?"""
    at = word.find(pair)
    while at != -1:
        start = i - at
        if start >= 0 and text.startswith(word, start):
            return True
        at = word.find(pair, at + 1)
    return False


RULES: dict[str, tuple[str, Callable[[str, bool], Iterator[_Slip]]]] = {
    "repeated-item": ("the same item twice in one enumeration (获得感、获得感与幸福感)",
                      _repeated_items),
    "halfwidth-punct": ("half-width , : ; ( ) next to Chinese text (not 1,000 or 10:30)",
                        _halfwidth),
    "unbalanced": ("quotation marks or brackets “” 「」 《》 （） 【】 opened and not closed",
                   _unbalanced),
    "markup": ("markup left over from a conversion: PM_{2.5}, &nbsp;, <br>, **bold**, [^1], #",
               _markup),
    "doubled-char": ("a doubled character that is almost always a slip (的的, 了了, 是是, 在在)",
                     _doubled),
}


def select_rules(only: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[str, ...]:
    """Rule names to run: all, or those asked for, minus those ignored; unknown names fail."""

    def split(values: Iterable[str]) -> list[str]:
        names = [n.strip() for v in values for n in v.split(",") if n.strip()]
        unknown = [n for n in names if n not in RULES]
        if unknown:
            raise UsageError(f"unknown lint rule {unknown[0]!r}; rules: {', '.join(RULES)}")
        return names

    chosen = split(only) or list(RULES)
    skipped = set(split(ignore))
    return tuple(r for r in RULES if r in chosen and r not in skipped)


def lint_text(text: str, rules: Iterable[str] | None = None, *, markdown: bool = False
              ) -> list[Finding]:
    """Findings in `text` (an analysis_text) sorted by offset; `markdown` allows Markdown syntax."""
    names = tuple(RULES) if rules is None else tuple(rules)
    starts = line_starts(text)
    findings = []
    for name in names:
        for slip in RULES[name][1](text, markdown):
            line = line_number(starts, slip.offset)
            findings.append(Finding(slip.offset, line, slip.offset - starts[line - 1] + 1,
                                    name, slip.text, slip.message, slip.suggestion))
    findings.sort(key=lambda f: (f.offset, f.rule))
    return findings


# -- the analysis `xzcli lint` runs: analyse, merge, payload ---------------------------------
SCHEMA = "xzcli.lint/1"
COLUMNS = ("source", "line", "column", "offset", "rule", "text", "message", "suggestion")


@dataclass(frozen=True)
class Options:
    """The rules to run (select_rules' choice), in RULES order."""

    rules: tuple[str, ...] = tuple(RULES)


def finding_row(source: str, f: Finding) -> dict[str, Any]:
    return {"source": source, "line": f.line, "column": f.column, "offset": f.offset,
            "rule": f.rule, "text": f.text, "message": f.message, "suggestion": f.suggestion}


def analyse(doc: Document, segmenter: Any = None, options: Options = Options()) -> Listing:
    """One document's findings as rows, by offset (lint needs no segmenter); a Markdown
    file (.md) may use Markdown syntax."""
    markdown = doc.source.lower().endswith(".md")
    found = lint_text(analysis_text(doc.text), options.rules, markdown=markdown)
    return Listing.of([finding_row(doc.source, f) for f in found])


merge = listing_merge


def payload(result: Listing, options: Options = Options()) -> dict[str, Any]:
    """The JSON payload of `xzcli lint` (after the envelope)."""
    return {"rules": list(options.rules), "findings": result.items()}


def title(result: Listing) -> str:
    return f"lint · {result.count} finding(s)"


def notes(result: Listing) -> tuple[str, ...]:
    return () if result.count else (f"no findings in {result.documents} document(s)",)
