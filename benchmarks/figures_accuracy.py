"""Figures precision on signed values and compound units, and theme matches that cut a token.

1. Figures. An independent reader, written here without the figures module, reads signed
   numbers (-0.99‰, −1.9%, 负1.2%) and quantities in compound units (亿吨公里, 万人次, 亿千瓦时,
   万吨标准煤, 元/平方米 …) with its own number parser (Arabic and Chinese numerals, the 1950s
   digit-by-digit style). Precision: of the figures `find_figures` reports with a sign or a
   compound unit, the share whose value and unit the reader gives for the same text. Recall: of
   the reader's quantities, the share that `find_figures` reports with the same value and unit.
   Run over the shared corpus and over `samples/city-statistics.txt` (a written communiqué: the
   corpus holds almost no negative figures).
2. Themes. Every scored theme-term match the themes command counts in the corpus (token
   boundaries given to the matcher, as `theme_document` does) is checked against the
   Segmenter's tokens (rjieba, policy lexicon): a match cuts a token when it starts or ends
   inside one, either across a boundary (强农 in 加强|农业) or inside one longer token (市政 in
   市政协, 资本 in 资本主义). The goal is none.

    python benchmarks/figures_accuracy.py [--show N]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from decimal import Decimal, localcontext
from pathlib import Path

from xzcli.figures import Figure, find_figures
from xzcli.sources import analysis_text, read_document

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("XZCLI_CORPUS", REPO.parent / "shared" / "corpus"))
SAMPLE = REPO / "samples" / "city-statistics.txt"

# -- the independent reader ---------------------------------------------------------------------
COMPOUND = ("吨公里", "人公里", "吨千米", "人千米", "吨海里", "人海里", "人次", "户次", "架次",
            "车次", "班次", "航次", "艘次", "辆次", "台次", "件次", "场次", "千瓦时", "千瓦小时",
            "兆瓦时", "吉瓦时", "太瓦时", "吨标准煤", "吨标煤", "吨油当量", "吨二氧化碳当量",
            "吨二氧化碳", "立方公尺", "平方公尺", "标准立方米")  # fmt: skip
RATE = ("微克/立方米", "毫克/立方米", "元/平方米", "元/吨", "元/千瓦时", "元/人", "吨/年",
        "万吨/年", "公里/小时", "千米/小时", "立方米/秒", "公斤/亩", "千克/亩",
        "斤/亩")  # fmt: skip
SIMPLE = ("%", "％", "‰", "个百分点", "元", "吨", "千瓦", "公里", "平方米", "立方米", "人", "辆")
SCALE = {"万亿": 10 ** 12, "亿": 10 ** 8, "千万": 10 ** 7, "百万": 10 ** 6, "万": 10 ** 4}
DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}  # fmt: skip
SMALL = {"十": 10, "百": 100, "千": 1000}


def chinese(text: str) -> Decimal | None:
    """二千八百 -> 2800, 一五二·九二 -> 152.92, 一、二〇九 -> 1209 (the reader's own parser)."""
    whole, _, frac = text.replace("、", "").replace("·", "点").partition("点")
    if frac and not all(c in DIGITS for c in frac):
        return None
    style = re.fullmatch(r"([〇零一二三四五六七八九]+)(万亿|亿|万)?", whole)
    if style and (len(style.group(1)) > 1 or frac):
        value = Decimal("".join(str(DIGITS[c]) for c in style.group(1)))
        if frac:
            value += Decimal("0." + "".join(str(DIGITS[c]) for c in frac))
        return value * SCALE.get(style.group(2) or "", 1)
    else:
        total = section = number = 0
        for c in whole:
            if c in DIGITS:
                number = DIGITS[c]
            elif c in SMALL:
                section += (number or 1) * SMALL[c]
                number = 0
            elif c == "万":
                total += (section + number) * 10_000
                section = number = 0
            elif c == "亿":
                total = (total + section + number) * 10 ** 8
                section = number = 0
            else:
                return None
        value = Decimal(total + section + number)
    if frac:
        value += Decimal("0." + "".join(str(DIGITS[c]) for c in frac))
    return value


UNITS = sorted(COMPOUND + RATE + SIMPLE, key=len, reverse=True)
READER = re.compile(
    r"(?P<sign>[-−－﹣]|(?<=[为是长速])负)?"
    r"(?P<num>\d[\d,，]*(?:[.．]\d+)?"
    r"|(?:[一二三四五六七八九]{1,3}(?:、[〇一二三四五六七八九]{3})+"
    r"|[〇零一二两三四五六七八九十百千][〇零一二两三四五六七八九十百千万亿]*)"
    r"(?:[·点][〇零一二三四五六七八九]+)?)"
    r"(?:余|多)?(?P<scale>万亿|亿|千万|百万|万)?(?:余|多)?"
    r"(?P<unit>" + "|".join(map(re.escape, UNITS)) + ")"
)
CURRENCY = {"元": "元"}


def read_quantities(text: str) -> list[tuple[int, int, Decimal, str, bool]]:
    """(start, end, value, unit, signed) for every quantity the reader sees."""
    found = []
    for m in READER.finditer(text):
        raw = m.group("num")
        before = text[m.start() - 1:m.start()]
        if before and (before.isdigit() or before.isascii() and before.isalpha() or before == "第"):
            continue
        sign = m.group("sign")
        if sign and m.start() > 0:
            # A dash straight after another quantity (5%-8%, 7.15 万－6.82万吨) joins a range.
            prev = text[max(0, m.start() - 12):m.start()].rstrip()
            if re.search(r"[\d%％‰万亿元吨人〇零一二两三四五六七八九十百千]$|[-—–－]$", prev):
                sign = None
        number = Decimal(raw.replace(",", "").replace("，", "").replace("．", ".")) \
            if raw[0].isdigit() else chinese(raw)
        if number is None:
            continue
        unit = m.group("unit")
        value = number * SCALE.get(m.group("scale") or "", 1)
        if unit == "‰":
            value, unit = value / 10, "%"
        elif unit == "％":
            unit = "%"
        if sign:
            value = -value
        start = m.start("num") if sign is None else m.start("sign")
        found.append((start, m.end(), value, unit, sign is not None))
    return found + read_tables(text)


def read_tables(text: str) -> list[tuple[int, int, Decimal, str, bool]]:
    """Numbers in table rows: the unit from a 单位 column, or (%) in the column's header."""
    found = []
    unit_column: int | None = None
    percent: set[int] = set()
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        sep = "\t" if line.count("\t") >= 2 else "|" if line.count("|") >= 2 else None
        if sep is None:
            if line.strip():
                unit_column, percent = None, set()
            continue
        cells, at = [], start
        for raw in line.split(sep):
            cells.append((at + len(raw) - len(raw.lstrip()), raw.strip()))
            at += len(raw) + 1
        if "单位" in [c for _, c in cells]:
            unit_column = [c for _, c in cells].index("单位")
            percent = {i for i, (_, c) in enumerate(cells) if re.search(r"[（(][%％][)）]$", c)}
            continue
        numeric = [i for i, (_, c) in enumerate(cells) if re.fullmatch(r"[-−]?\d+(?:\.\d+)?", c)]
        for i in numeric:
            at, cell = cells[i]
            number = Decimal(cell.replace("−", "-"))
            if i in percent:
                found.append((at, at + len(cell), number, "%", number < 0))
            elif unit_column is not None and i == min(n for n in numeric if n > unit_column):
                m = re.fullmatch(r"(万亿|亿|千万|百万|万)?(.+)", cells[unit_column][1])
                if m and m.group(2) in UNITS:
                    value = number * SCALE.get(m.group(1) or "", 1)
                    found.append((at, at + len(cell), value, m.group(2), number < 0))
    return found


def is_compound(unit: str | None) -> bool:
    return bool(unit) and (unit in COMPOUND or "/" in unit)  # type: ignore[operator]


def is_signed(figure: Figure) -> bool:
    values = figure.value if isinstance(figure.value, list) else [figure.value]
    return any(isinstance(v, (int, float)) and v < 0 for v in values) or \
        figure.text.lstrip("约超近达")[:1] in "-−－﹣负"


def score(path: Path, tally: Counter[str], wrong: list[str]) -> None:
    doc = read_document(str(path))
    text = analysis_text(doc.text)
    figures = find_figures(text, original=doc.text)
    quantities = read_quantities(text)
    by_end = {end: (start, value, unit, signed) for start, end, value, unit, signed in quantities}
    starts = [f.start for f in figures]
    for f in figures:
        signed, compound = is_signed(f), is_compound(f.unit)
        if not (signed or compound) or isinstance(f.value, (list, str)):
            continue
        kind = "signed" if signed else "compound"
        tally[f"{kind} reported"] += 1
        # The reader's quantity ending where the figure ends (qualifiers such as 以上 aside).
        end = f.end - next((len(q) for q in ("以上", "以下", "左右", "以内") if
                            f.text.endswith(q)), 0)
        read = by_end.get(end)
        if read and Decimal(str(f.value)) == read[1] and f.unit == read[2]:
            tally[f"{kind} agreed"] += 1
        else:
            wrong.append(f"{path.name}: figures {f.text} = {f.value} {f.unit}; reader {read}")
    for start, end, value, unit, signed in quantities:
        if not (signed or is_compound(unit)):
            continue
        kind = "signed" if signed else "compound"
        tally[f"{kind} read"] += 1
        i = bisect_right(starts, start) - 1
        hit = next((f for f in figures[max(0, i - 1):i + 2] if f.start <= start < f.end), None)
        values = hit.value if hit is not None and isinstance(hit.value, list) else \
            [hit.value] if hit is not None else []
        if hit is not None and hit.unit == unit and any(
                not isinstance(v, str) and Decimal(str(v)) == value for v in values):
            tally[f"{kind} found"] += 1
        else:
            got = (hit.text, hit.value, hit.unit) if hit else None
            wrong.append(f"{path.name}: reader {text[start:end]} = {value} {unit}; figures {got}")


def report(label: str, tally: Counter[str]) -> None:
    print(label)
    for kind in ("signed", "compound"):
        rep, agreed = tally[f"{kind} reported"], tally[f"{kind} agreed"]
        read, found = tally[f"{kind} read"], tally[f"{kind} found"]
        precision = f"{agreed / rep:.1%}" if rep else "n/a"
        recall = f"{found / read:.1%}" if read else "n/a"
        print(f"  {kind:8} precision {agreed}/{rep} = {precision}; "
              f"recall {found}/{read} = {recall}")


# -- theme matches that cut a token ---------------------------------------------------------------
class WordsOf:
    """Whether a term is a word of a longer token. The token is cut by jieba's best cut with the
    token itself taken out of the dictionary, and every piece of three characters or more is cut
    the same way in turn; the term is a word of the token when both its ends are among those
    cuts (企业 in 国有企业: 国有|企业; 体制改革 in 金融体制改革: 金融|体制|改革), and not when one
    end falls inside a two-character piece (民生 in 国民生产总值: 国民|生产|总值; 产能 in 生产能力).
    Plain jieba plus the policy lexicon, HMM off."""

    def __init__(self) -> None:
        import logging

        import jieba

        from xzcli.data import builtin

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        for line in builtin("policy_terms.txt").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, freq, tag = line.split()
                self.tokenizer.add_word(word, int(freq), tag)
        self.cuts: dict[str, frozenset[int]] = {}

    def cuts_of(self, token: str) -> frozenset[int]:
        if token not in self.cuts:
            freq = self.tokenizer.FREQ.get(token) or 0
            if freq:
                self.tokenizer.del_word(token)
            pieces = list(self.tokenizer.cut(token, HMM=False))
            if freq:
                self.tokenizer.add_word(token, freq)
            found = {0}
            at = 0
            for piece in pieces:
                if len(piece) >= 3 and len(pieces) > 1:
                    found.update(at + c for c in self.cuts_of(piece))
                at += len(piece)
                found.add(at)
            self.cuts[token] = frozenset(found)
        return self.cuts[token]

    def __call__(self, token: str, start: int, end: int) -> bool:
        cuts = self.cuts_of(token)
        return start in cuts and end in cuts


def theme_cuts(files: list[Path], show: int) -> None:
    from xzcli.pipeline import SegmenterSpec, cached_segmenter
    from xzcli.themes import load_themes, theme_matches

    themes = load_themes()
    ignore = set(themes.ignore)
    segmenter = cached_segmenter(SegmenterSpec())
    words_of = WordsOf()
    nesting = REPO / "dictionaries" / "policy_nesting.tsv"  # read as a plain table
    declared = {tuple(line.split("\t")) for line in nesting.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")}
    matches = 0
    kinds: Counter[str] = Counter()
    examples: dict[str, Counter[str]] = {"across": Counter(), "not a word": Counter(),
                                         "declared": Counter(), "nested": Counter()}
    for path in files:
        text = analysis_text(read_document(str(path)).text)
        bounds = [0]
        for token in segmenter.words(text):  # whitespace included, so offsets add up
            bounds.append(bounds[-1] + len(token))
        marks = frozenset(bounds)
        for offset, term in theme_matches(text, themes, segmenter):
            if term in ignore:
                continue
            matches += 1
            end = offset + len(term)
            if offset in marks and end in marks:
                continue
            left = bounds[bisect_right(bounds, offset) - 1]
            right = bounds[bisect_left(bounds, end)]
            if bisect_right(bounds, offset) != bisect_left(bounds, end):
                kind = "across"  # from inside one token into the next: 强农 in 加强|农业
            elif words_of(text[left:right], offset - left, end - left):
                kind = "nested"  # a word of the longer token: 企业 in 国有企业
            elif (text[left:right], term, str(offset - left)) in declared:
                kind = "declared"  # a nesting the policy lexicon declares: 专项债 in 专项债券
            else:
                kind = "not a word"  # 民生 in 国民生产总值, 市政 in 市政协
            kinds[kind] += 1
            examples[kind][f"{term} in {text[left:right]}"] += 1
    print("theme matches that cut a token (goal: none across a boundary or inside a word they"
          " are not a word of)")
    print(f"  of {matches} scored matches: {kinds['across']} across a token boundary, "
          f"{kinds['not a word']} inside a longer token they are not a word of; "
          f"{kinds['declared']} more are nestings the lexicon declares (policy_nesting.tsv: "
          f"a cut keeping them is nearly as likely) and {kinds['nested']} nested words of a "
          f"longer token (企业 in 国有企业)")
    for kind in ("across", "not a word", "declared", "nested"):
        for example, n in examples[kind].most_common(show):
            print(f"    {kind:10} {n:5}  {example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10, help="disagreements / cuts to list")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    files = sorted(p for p in CORPUS.rglob("*.txt") if p.is_file())
    with localcontext() as exact:
        exact.prec = 64
        for label, paths in ((f"corpus: {len(files)} files", files),
                             (f"sample: {SAMPLE.relative_to(REPO)}", [SAMPLE])):
            tally: Counter[str] = Counter()
            wrong: list[str] = []
            for path in paths:
                score(path, tally, wrong)
            report(label, tally)
            for line in wrong[:args.show]:
                print(f"    {line}")
    theme_cuts(files, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
