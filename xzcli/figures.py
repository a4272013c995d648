"""Find the quantitative claims in Chinese text: value normalised, unit, kind, qualifier, where.

`find_figures` reads one text. As the analysis `xzcli figures` runs: `analyse` lists one
document's figures as rows, `merge` concatenates documents in input order (listing.Listing),
`payload` is the JSON after the envelope.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any

from xzcli.errors import UsageError
from xzcli.listing import Listing
from xzcli.listing import merge as listing_merge
from xzcli.offsets import line_number, line_starts, lines_with_offsets
from xzcli.sources import Document, analysis_text

# Kinds a figure can have (documented in the README).
KINDS = (
    "percent", "percent_point", "money", "count", "measure", "duration", "year", "decade",
    "date", "ratio", "number", "range",
)

Value = int | float | str | list[int | float | str]


@dataclass(frozen=True)
class Figure:
    """One quantity as written, with its value normalised to a base unit.

    `value` is a number in `unit` with multipliers folded in (5亿元 -> 500000000 元); a date is
    an ISO-like string ("2024-03-05", "--03" for a month alone); a range is [low, high] and
    `item_kind` says what its ends are (year, duration, percent ...).
    """

    start: int
    end: int
    text: str
    value: Value
    unit: str | None
    kind: str
    qualifier: str | None
    line: int
    context: str
    item_kind: str | None = None


# -- numerals ---------------------------------------------------------------------------------
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}


def parse_chinese_number(text: str) -> int | None:
    """A Chinese numeral written the standard way (四十五, 两千万, 三亿五千万), else None.

    Strict on purpose: 十四五, 一五 and 六五 are plan names, not numbers, and must not parse.
    """
    if not text:
        return None
    total = 0
    section = 0
    digit: int | None = None
    last_small = 10_000
    after_zero = False
    for i, ch in enumerate(text):
        if ch in _ZH_DIGITS:
            value = _ZH_DIGITS[ch]
            if value == 0:
                if digit is not None or after_zero or i == 0:
                    return None
                after_zero = True
                continue
            if digit is not None:
                return None
            digit = value
        elif ch in _ZH_SMALL:
            unit = _ZH_SMALL[ch]
            if digit is None:
                # 十 alone opens a number or a section (十五, 三万十五 is not standard though).
                if ch != "十" or section or (i and text[i - 1] not in _ZH_BIG):
                    return None
                digit = 1
            if unit >= last_small or (after_zero and unit * 10 == last_small):
                return None
            section += digit * unit
            digit = None
            last_small = unit
            after_zero = False
        elif ch in _ZH_BIG:
            if digit is not None:
                section += digit
                digit = None
            if ch == "亿":
                if section == 0 and total == 0:
                    return None
                total = (total + section) * _ZH_BIG[ch]
            else:
                if section == 0:
                    if total == 0:
                        return None
                    total *= _ZH_BIG[ch]  # 一万亿 reads 万 then 亿; here 亿万 is rare
                else:
                    total += section * _ZH_BIG[ch]
            section = 0
            last_small = 10_000
            after_zero = False
        else:
            return None
    if digit is not None:
        if after_zero or last_small == 10 or (section == 0 and total == 0):
            section += digit
        elif last_small in (100, 1000) and section:
            section += digit * (last_small // 10)  # spoken shorthand: 两千五 = 2500
        elif section == 0:
            section += digit * (1000 if text[-2] == "万" else 10_000_000)  # 三万五, 一亿五
        else:
            section += digit
    return total + section


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", "").replace("，", "").replace("．", "."))


_DIGIT_RUN = re.compile("[〇零一二三四五六七八九]+")


def _chinese_value(raw: str) -> Decimal | None:
    """十八点六 -> 18.6; also the digit-by-digit style of the 1950s (一五六, 九〇, 二六·八)."""
    whole, _, fraction = raw.replace("、", "").replace("·", "点").partition("点")
    parsed = parse_chinese_number(whole)
    scale = 1
    if parsed is None and whole.rstrip("万亿") != whole and not fraction:
        # 一〇〇亿: the digit-by-digit style with a multiplier after it.
        suffix = whole[len(whole.rstrip("万亿")):]
        if suffix in _MULTIPLIERS:
            whole, scale = whole.rstrip("万亿"), int(_MULTIPLIERS[suffix])
    if parsed is None:
        # 一五六 reads digit by digit only where it cannot be two numbers run together
        # (三五年 is "three to five years"): three digits or more, a 〇, or a decimal part.
        if not _DIGIT_RUN.fullmatch(whole) or not (len(whole) >= 3 or "〇" in whole or fraction):
            return None
        parsed = int("".join(str(_ZH_DIGITS[c]) for c in whole))
    if not fraction:
        return Decimal(parsed * scale)
    if not _DIGIT_RUN.fullmatch(fraction):
        return None
    return Decimal(f"{parsed}." + "".join(str(_ZH_DIGITS[c]) for c in fraction))


def _plain(value: Decimal) -> int | float:
    """An int when whole, else the float nearest the exact decimal (1e-21 stays 1e-21)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# No text claims a quantity this large (world output is about 10^15 元); a longer digit run is
# an identifier or noise, and its value would not survive JSON as a number.
_LARGEST = Decimal(10) ** 30


# -- units ------------------------------------------------------------------------------------
_MULTIPLIERS = {"万亿": Decimal(10) ** 12, "万多亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11,
                "百亿": Decimal(10) ** 10,
                "十亿": Decimal(10) ** 9, "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7,
                "百万": Decimal(10) ** 6, "十万": Decimal(10) ** 5, "万": Decimal(10) ** 4,
                "千": Decimal(1000), "百": Decimal(100)}

_CURRENCIES = {"元": "元", "人民币": "元", "元人民币": "元", "美元": "美元", "欧元": "欧元",
               "日元": "日元", "港元": "港元", "港币": "港元", "英镑": "英镑", "卢布": "卢布",
               "新卢布": "卢布"}
_COUNT_UNITS = (
    "人次", "户次", "架次", "车次", "班次", "航次", "艘次", "辆次", "台次", "件次", "场次",
    "家", "项", "套", "个", "户", "人", "名", "张", "所", "件", "座",
    "条", "台", "辆", "处", "批", "篇", "部", "类", "种", "次", "只", "头", "位", "架", "艘",
    "颗", "册", "份", "支", "棵", "株", "间", "栋", "幢", "场", "轮", "起", "例", "宗", "笔",
    "款", "门", "对", "片", "枚", "层", "级", "域", "区", "县", "村", "镇", "省", "市", "国",
    "匹", "双", "瓶", "箱", "块", "锭", "印张",
)
_MEASURE_UNITS = (
    "微克/立方米", "毫克/立方米", "平方千米", "平方公里", "平方米", "立方米", "公顷", "亩",
    "公里", "千米", "厘米", "毫米", "米", "吨标准煤", "吨", "千克", "公斤", "毫克", "微克",
    "克", "斤", "毫升", "升", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "标准箱", "标箱", "桶",
    "海里", "千卡", "分贝", "岁", "度", "千伏安", "千伏", "伏安", "平方公尺", "公尺", "公分",
    "千瓦小时", "马力", "担", "立方", "土方", "公方",
    # Compound units: freight and passenger traffic, energy and its coal equivalent, emissions.
    "吨公里", "吨千米", "人公里", "人千米", "吨海里", "人海里", "吨标煤", "吨油当量",
    "吨二氧化碳当量", "吨二氧化碳", "兆瓦时", "吉瓦时", "太瓦时", "立方公尺", "标准立方米",
    "摄氏度", "℃", "伏",
)
# What a rate is per (1.2万元/平方米, 5000吨/年, 120公里/小时): the figure keeps it in its unit.
_PER_UNITS = _MEASURE_UNITS + ("人", "户", "辆", "台", "件", "次", "人次", "床", "百公里", "年",
                               "月", "天", "日", "小时", "分钟", "秒")
_DURATION_UNITS = ("个工作日", "个季度", "个小时", "个月", "周年", "工作日", "小时", "分钟",
                   "天", "年", "秒", "周")
_PERCENT = ("个百分点", "%", "％", "‰")

_UNIT_KIND: dict[str, str] = {}
for _u in _CURRENCIES:
    _UNIT_KIND[_u] = "money"
for _u in _COUNT_UNITS:
    _UNIT_KIND[_u] = "count"
for _u in _MEASURE_UNITS:
    _UNIT_KIND[_u] = "measure"
for _u in _DURATION_UNITS:
    _UNIT_KIND[_u] = "duration"
_UNIT_KIND.update({"个百分点": "percent_point", "%": "percent", "％": "percent", "‰": "percent",
                   "倍": "ratio", "大类": "count", "大": "count", "月": "date", "日": "date"})
# Units that stand only after Arabic numerals: 区/县/国 after 三 are names (三区, 五国) as often
# as counts, and 大 only after Chinese numerals (三大主业).
_ARABIC_ONLY = {"区", "县", "村", "镇", "省", "市", "国", "域", "级", "层", "度", "片", "对",
                "门", "块", "担", "双", "箱", "立方", "伏"}
_CHINESE_ONLY = {"大", "大类"}


# A measure word that begins a longer word is not a measure word.
_UNIT_WORDS = {"部分", "部门", "部署", "部队", "部长", "批准", "批评", "批示", "门类", "条件",
               "条例", "种类", "件事", "处理", "台阶", "次要", "头脑", "名义", "张力", "起来",
               "起步", "起点", "处于", "个体", "个性", "个别", "位置", "位于", "场景", "场所"}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_RE = _alternation(list(_UNIT_KIND))
_PER = re.compile(rf"[/／](?:{_alternation(list(_PER_UNITS))})")
_MULT_RE = _alternation(list(_MULTIPLIERS))
_UNIT_AFTER = re.compile(rf"\s*(?:(?:{_MULT_RE})|(?:{_UNIT_RE}))")
# Thousands may be set off with a full-width comma in older texts (4，900多万吨).
# At most 30 digits either side of the point: a longer run is not a quantity (see _LARGEST).
_AR = (r"\d{1,30}(?:[,，]\d{3}(?!\d)){1,9}(?:[.．]\d{1,30})?(?![.．]?\d)"
       r"|\d{1,30}(?:[.．]\d{1,30})?(?![.．]?\d)")
# 十八点六 and the older 二六·八 carry decimals.
# The 1950s digit-by-digit style sets off thousands with 、 (一、二〇九亿 = 1209亿) and writes
# fractions as 〇·九一. 千 before 瓦/米/克/卡/伏 begins the unit (四千万千瓦时), not the numeral.
_ZH = (r"(?<![〇一二三四五六七八九])[一二三四五六七八九]{1,3}(?:、[〇一二三四五六七八九]{3})+"
       r"(?![〇一二三四五六七八九、])(?:[点·][〇一二三四五六七八九]+)?"
       r"|[一二两三四五六七八九十](?:[零〇一二两三四五六七八九十百万亿]|千(?![瓦米克卡伏]))*"
       r"(?:[点·][零〇一二三四五六七八九]+)?"
       r"|[零〇][点·][〇零一二三四五六七八九]+")

# 千 before 瓦/米/克/卡/伏 is part of the unit, not a multiplier.
# The lookahead lets the regex engine skip to the next digit or numeral: several times faster.
_QUANTITY = re.compile(
    rf"(?=[\d一二两三四五六七八九十零〇])(?P<num>{_AR}|{_ZH})(?P<more1>余|多)?"
    rf"(?P<mult>(?:{_MULT_RE})(?<!千)|千(?![瓦米克卡伏]))?"
    rf"(?P<more2>余|多)?(?P<unit>{_UNIT_RE})?"
)
_SEPARATORS = "—–-－~～至到"
# Text that ends with a figure: a dash after it is a range separator, not a minus sign.
_FIGURE_END = re.compile(
    rf"\d\s*(?:余|多)?(?:{_MULT_RE})?(?:余|多)?\s*(?:{_UNIT_RE})?(?:以上|以下|以内|左右)?\s*$")
# A minus sign: ASCII hyphen-minus, U+2212, full-width and small forms; 负 (see _sign_at).
_MINUS = "-−－﹣"
_PLUS = "+＋"
# Kinds a sign belongs to. A dash before a count, a span of time or a year is a list bullet
# or a range separator far more often than a negative number.
_SIGNED_KINDS = {"percent", "percent_point", "money", "measure", "ratio", "number"}
_PREFIX_QUALIFIERS = sorted(
    ("约", "大约", "约为", "超", "超过", "近", "接近", "将近", "逾", "达", "达到", "高达", "多达",
     "长达", "突破", "不少于", "不低于", "不超过", "不高于", "不到", "不足", "至少", "仅",
     "超出"),
    key=len, reverse=True,
)
# The prefixes by length, longest first (as _PREFIX_QUALIFIERS is sorted).
_PREFIX_BY_SIZE = tuple((size, frozenset(w for w in _PREFIX_QUALIFIERS if len(w) == size))
                        for size in sorted({len(w) for w in _PREFIX_QUALIFIERS}, reverse=True))
_SUFFIX_QUALIFIERS = frozenset(("以上", "以下", "以内", "之内", "左右", "开外", "有余"))
_SUFFIX_SIZES = sorted({len(w) for w in _SUFFIX_QUALIFIERS}, reverse=True)
# Words that end in a qualifier character without being one: 最近5年 is "the last five years",
# 下达5亿元 is "allocated".
_NOT_QUALIFIER_BEFORE = {"近": "最附接将临", "达": "下表传到发抵送转直通多高长", "超": "",
                         "约": "节制契公条缔签履违预邀"}  # 节约5万吨标煤 is "saved"

_DOCUMENT_NUMBER = re.compile(r"[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d+\s*号")
_CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
# Each pattern below opens with a lookahead for what its match must start with: the regex
# engine then skips ahead to such a character instead of trying every position (3-4 times
# faster over a report; what matches is the same).
_DATE = re.compile(
    r"(?=\d)(?:(?P<y>\d{4})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])日)?(?!份额)"
)
_FRACTION = re.compile(rf"(?=[\d一二两三四五六七八九十零〇])(?P<den>{_ZH}|\d+)分之"
                       rf"(?P<num>{_ZH}|\d+(?:\.\d+)?)")
_PER_HUNDRED = re.compile(rf"百分之(?P<num>{_ZH}|\d+(?:\.\d+)?)")
_CHENG = re.compile(r"(?=[二三四五六七八九]成)(?<![一-鿿])(?P<num>[二三四五六七八九])成"
                    r"(?=[以左多的，。、]|$)")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_LATIN = re.compile(r"[A-Za-z_{}^]")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: Value
    unit: str | None
    kind: str
    qualifier: str | None = None
    item_kind: str | None = None


def find_figures(text: str, *, original: str | None = None) -> list[Figure]:
    """Every quantity in `text` (an analysis_text), in order; `original` gives `text` as written.

    Offsets are character offsets into the text; lines are 1-based.
    """
    original = text if original is None else original
    with localcontext() as exact:
        exact.prec = 64  # 30 digits times 万亿 stay exact; Decimal's default keeps only 28
        hits = _merge_ranges(text, sorted(_scan(text), key=lambda h: (h.start, -h.end)))
    starts = line_starts(text)
    ends = _sentence_ends(text)
    figures: list[Figure] = []
    last_end = -1
    for hit in hits:
        if hit.start < last_end:
            continue  # nested inside an earlier, longer figure (a date's year, say)
        hit = _with_qualifiers(text, hit)
        last_end = hit.end
        figures.append(Figure(
            start=hit.start, end=hit.end, text=original[hit.start:hit.end], value=hit.value,
            unit=hit.unit, kind=hit.kind, qualifier=hit.qualifier,
            line=line_number(starts, hit.start),
            context=_sentence(text, original, hit.start, hit.end, ends), item_kind=hit.item_kind,
        ))
    return figures


def _scan(text: str) -> Iterator[_Hit]:
    skip = [(m.start(), m.end()) for m in _DOCUMENT_NUMBER.finditer(text)]

    def skipped(start: int, end: int) -> bool:
        return any(a <= start < b or a < end <= b for a, b in skip)

    for m in _DATE.finditer(text):
        if skipped(m.start(), m.end()) or _glued(text, m.start(), m.end()):
            continue
        if m.group("y") is None and m.start() and text[m.start() - 1].isdigit():
            continue
        # "3月" on its own is a month; "3个月" never reaches here. 12月 after a number
        # (1—12月) becomes a range below.
        y, mo, d = m.group("y"), int(m.group("m")), m.group("d")
        if y:
            value = f"{y}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
        else:
            value = f"--{mo:02d}" + (f"-{int(d):02d}" if d else "")
        yield _Hit(m.start(), m.end(), value, None, "date")
    for m in _CHINESE_YEAR.finditer(text):
        digits = "".join(str(_ZH_DIGITS[c]) for c in m.group())
        yield _Hit(m.start(), m.end() + 1, int(digits), "年", "year")
    for m in _PER_HUNDRED.finditer(text):
        number = _number(m.group("num"))
        if number is not None:
            yield _Hit(m.start(), m.end(), _plain(number), "%", "percent")
    for m in _FRACTION.finditer(text):
        if m.start() and text[m.start() - 1] == "百":
            continue
        den, num = _number(m.group("den")), _number(m.group("num"))
        if den and num is not None:
            yield _Hit(m.start(), m.end(), _plain(round(num / den, 4)), None, "ratio")
    for m in _CHENG.finditer(text):
        yield _Hit(m.start(), m.end(), _ZH_DIGITS[m.group("num")] * 10, "%", "percent")
    for m in _QUANTITY.finditer(text):
        if skipped(m.start(), m.end()):
            continue
        hit = _quantity(text, m)
        if hit is not None:
            yield hit
    yield from _ratio_hits(text)
    yield from _table_hits(text)


# -- figures whose unit is not written after them -----------------------------------------------
# 城乡居民收入倍差从2.37缩小到1.94, 灌溉水有效利用系数提高到0.53: the noun says what the bare
# numbers after it are. 收入比上年增长7% is "income compared with last year": its number has a
# unit of its own and is read as usual.
_RATIO_NOUN = re.compile(r"倍差|收入比|比值|系数|指数")
_BARE_NUMBER = re.compile(rf"(?:{_AR})")
# Words between the noun and its number (从, 为, 缩小到); never a Chinese numeral (收入比二0一0年).
_LINK = re.compile(r"(?:(?![〇零一二两三四五六七八九十百千万亿])[\u4e00-\u9fff]){0,8}")


def _is_bare(text: str, start: int, end: int) -> bool:
    """A number with nothing after it that would give it a unit of its own (%, 万, 年, :1)."""
    after = text[end:end + 1]
    return not (after and (after in "%％‰:：∶〇零一二两三四五六七八九十" or after.isdigit()
                           or _UNIT_AFTER.match(text, end)))


def _ratio_hits(text: str) -> Iterator[_Hit]:
    for noun in _RATIO_NOUN.finditer(text):
        kind = "number" if noun.group() == "指数" else "ratio"
        pos = noun.end()
        for _ in range(3):  # from A to B, and the odd third value
            link = _LINK.match(text, pos)
            at = link.end() if link else pos
            if text[at:at + 1] in _MINUS:
                at += 1
            m = _BARE_NUMBER.match(text, at)
            if m is None or not _is_bare(text, m.start(), m.end()):
                break
            if at and text[at - 1].isascii() and text[at - 1].isalpha():
                break
            number = _number(m.group())
            if number is None:
                break
            sign, start = _sign_at(text, m.start())
            yield _Hit(start, m.end(), _plain(sign * number), None, kind)
            pos = m.end()


# A table row whose unit stands in a column of its own (粗钢 | 万吨 | 100509.1), or a header
# that names the unit of a column (产量(万吨), 比上年增长(%), …的百分比).
_CELL_SEPARATOR = {"|": re.compile(r"\|"), "\t": re.compile(r"\t"),
                   " ": re.compile(r"(?: {2,}|\u3000+)")}
_SEPARATOR_HINTS = ("|", "\t", "  ", "\u3000")
_CELL_NUMBER = re.compile(rf"[{_MINUS}+]?(?:{_AR})")
_CELL_UNIT = re.compile(rf"(?P<mult>{_MULT_RE})?(?P<unit>{_UNIT_RE})(?:/(?P<per>"
                        rf"{_alternation(list(_PER_UNITS))}))?")
_HEADER_UNIT = re.compile(rf"[（(](?:单位[：:])?(?P<unit>(?:{_MULT_RE})?(?:{_UNIT_RE}))[)）]$|"
                          r"(?P<percent>百分比|比重|%|％)$")
# 单位：万吨 on a line of its own, or （单位――万人） ending a line: the unit of the table below.
_TABLE_UNIT = re.compile(rf"(?:^\s*|[（(])单位\s*[：:―—\-]+\s*(?P<unit>(?:{_MULT_RE})?"
                         rf"(?:{_UNIT_RE}))\s*(?:[)）]|$)")


def _cells(line: str) -> tuple[str, list[tuple[int, str]]] | None:
    """(separator, [(offset in line, cell text stripped)]) for a table row, else None."""
    for sep, pattern in _CELL_SEPARATOR.items():
        if sep == "|" and line.count("|") < 2 or sep == "\t" and "\t" not in line:
            continue
        cells = []
        last = 0
        for m in [*pattern.finditer(line), None]:
            stop = m.start() if m else len(line)
            raw = line[last:stop]
            stripped = raw.strip()
            cells.append((last + len(raw) - len(raw.lstrip()), stripped))
            last = m.end() if m else len(line)
        if sep == "|":
            cells = [c for i, c in enumerate(cells) if (0 < i < len(cells) - 1) or c[1]]
        if len(cells) >= (2 if sep == "|" else 3):
            return sep, cells
    return None


def _unit_of(cell: str) -> tuple[str, Decimal] | None:
    """(unit, multiplier) of a cell that is only a unit: 万吨 -> (吨, 10000); 亿元 -> (元, 10^8)."""
    m = _CELL_UNIT.fullmatch(cell)
    if m is None or _UNIT_KIND[m.group("unit")] == "date":
        return None
    unit = m.group("unit")
    multiplier = _MULTIPLIERS[m.group("mult")] if m.group("mult") else Decimal(1)
    if m.group("per"):
        unit += "/" + m.group("per")
    return unit, multiplier


def _table_hits(text: str) -> Iterator[_Hit]:
    header: dict[int, tuple[str, Decimal]] = {}
    unit_column: int | None = None
    default: tuple[str, Decimal] | None = None
    separator: str | None = None
    for start, line in lines_with_offsets(text):
        if not line.strip() or re.fullmatch(r"[\s|:：\-—–]+", line):
            continue  # blank lines and Markdown rules do not end a table
        table_unit = _TABLE_UNIT.search(line) if "单位" in line else None
        row = _cells(line) if any(sep in line for sep in _SEPARATOR_HINTS) else None
        if row is None:
            header, unit_column, separator = {}, None, None
            default = _unit_of(table_unit.group("unit")) if table_unit else None
            continue
        sep, cells = row
        if sep != separator:
            header, unit_column, separator = {}, None, sep
        numbers = [i for i, (_, cell) in enumerate(cells) if _CELL_NUMBER.fullmatch(cell)]
        if not numbers:
            # A header row names the unit column or the units of columns; another row
            # without numbers (氯霉素 | -- | 6,000公斤) leaves the header as it is.
            names = {i: cell for i, (_, cell) in enumerate(cells)
                     if cell in ("单位", "计量单位") or _HEADER_UNIT.search(cell)}
            if names:
                header, unit_column = {}, None
                for i, cell in names.items():
                    found = _HEADER_UNIT.search(cell)
                    if found is None:
                        unit_column = i
                    elif found.group("unit"):
                        named = _unit_of(found.group("unit"))
                        if named:
                            header[i] = named
                    else:
                        header[i] = ("%", Decimal(1))
            continue
        own: int | None = None
        if unit_column is not None and unit_column < len(cells):
            own = unit_column if _unit_of(cells[unit_column][1]) else None
        else:
            own = next((i for i, (_, cell) in enumerate(cells) if _unit_of(cell)), None)
        for i in numbers:
            unit: tuple[str, Decimal] | None = header.get(i)
            if own is not None and i == next((n for n in numbers if n > own), None):
                unit = _unit_of(cells[own][1])
            unit = unit or (default if own is None else None)
            if unit is None:
                continue
            at, cell = cells[i]
            hit = _table_hit(start + at, cell, *unit)
            if hit is not None:
                yield hit


def _table_hit(start: int, cell: str, unit: str, multiplier: Decimal) -> _Hit | None:
    negative = cell[0] in _MINUS
    number = _decimal(cell.lstrip(_MINUS + "+"))
    value = (-1 if negative else 1) * number * multiplier
    if abs(value) >= _LARGEST:
        return None
    base, _, per = unit.partition("/")
    kind = _UNIT_KIND[base]
    if kind == "money":
        base = _CURRENCIES[base]
    elif base == "‰":
        base, value = "%", value / 10
    elif kind == "percent":
        base = "%"
    return _Hit(start, start + len(cell), _plain(value), base + ("/" + per if per else ""), kind)


def _number(raw: str) -> Decimal | None:
    if raw[0].isdigit():
        try:
            return _decimal(raw)
        except InvalidOperation:
            return None
    return _chinese_value(raw)


def _glued(text: str, start: int, end: int) -> bool:
    """A number glued to Latin letters is a name: PM2.5, C919, 5G, H7N9, PM_{2.5}."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and _LATIN.match(before):
        return True
    if before in ".-" and start > 1 and _LATIN.match(text[start - 2]):
        return True
    return bool(after) and after.isascii() and after.isalpha()


def _sign_at(text: str, start: int) -> tuple[int, int]:
    """(sign, where it starts) for the number starting at `start`: (-1, i) for -5%, −5%, 负5%.

    A dash right after another figure (5%-8%, 500万---45,000万吨) separates a range and is
    no sign; nor is one inside a name (COVID-19) or after another dash.
    """
    if start == 0:
        return 1, start
    ch = text[start - 1]
    if ch == "负":
        # 增长负1.2%, 为负0.5%; but 税负5700亿元 is a tax burden, 担负 a duty.
        before = text[start - 2] if start > 1 else ""
        return (-1, start - 1) if not _is_han(before) or before in "为是长速率至到" else (1, start)
    if ch not in _MINUS and ch not in _PLUS:
        return 1, start
    before = text[start - 2] if start > 1 else ""
    if before and (before.isalnum() and not _is_han(before) or before in "—–" + _MINUS + _PLUS
                   + "%％‰.．_/"):
        return 1, start
    if _FIGURE_END.search(text, max(0, start - 13), start - 1):
        return 1, start
    return (-1 if ch in _MINUS else 1), start - 1


def _quantity(text: str, m: re.Match[str]) -> _Hit | None:
    raw, unit = m.group("num"), m.group("unit")
    start, end = m.start(), m.end()
    arabic = raw[0].isdigit()
    before = text[start - 1] if start else ""
    if arabic:
        # 第3名, 第14个五年规划: ordinals, not counts.
        if before and before in "0123456789.．第" or _glued(text, start, end if unit else
                                                          start + len(raw)):
            return None
    else:
        # A Chinese numeral that continues a word (统一, 唯一, 第三, 十四五 …) is not a figure.
        # 几十种 and 数十个 are "dozens", not ten.
        if before and before in "第初周礼星几数零〇一二两三四五六七八九十百千万亿":
            return None
        if unit is None and m.group("mult") is None and not re.search("[万亿]", raw):
            return None
        if unit in _ARABIC_ONLY and not (unit == "伏" and m.group("mult")):
            return None  # 三区, 五国 are names; 三伏 is the hot season, 一五·四万伏 a voltage
    if unit is not None and arabic and unit in _CHINESE_ONLY:
        unit = None
        end = start + len(m.group(0)) - len(m.group("unit"))
    number = _number(raw)
    if number is None:
        # Greedy Chinese runs may swallow a multiplier that the regex meant separately.
        return None
    if not arabic and raw == "一" and unit not in ("个百分点", "倍", "半"):
        return None  # 一 is "a", not a count: 一种, 一场, 一个有机的整体
    if not arabic and _in_short_quote(text, start, end):
        return None  # “两个确立”, “五位一体”: slogans, not counts
    more = m.group("more1") or m.group("more2")
    mult_raw = m.group("mult")
    if mult_raw and "多" in mult_raw:
        more = "多"  # 3万多亿元: more than three trillion
    multiplier = _MULTIPLIERS[mult_raw] if mult_raw else Decimal(1)
    if not arabic and mult_raw in ("万", "亿", "万亿"):
        # 两亿五千多万: the 万 closes the numeral (two hundred and fifty million), it does
        # not multiply all of it.
        whole = parse_chinese_number(raw + mult_raw)
        if whole is not None:
            number, multiplier = Decimal(whole), Decimal(1)
    if unit is None:
        if arabic and mult_raw is None or mult_raw in ("百", "千") or number * multiplier < 10_000:
            return None
        if more:
            end -= len(m.group("more2") or "")
            more = m.group("more1")
        value = number * multiplier
        if abs(value) >= _LARGEST:
            return None
        sign, start = _sign_at(text, start) if arabic else (1, start)
        return _Hit(start, end, _plain(sign * value), None, "number", more)
    kind = _UNIT_KIND[unit]
    if kind == "date":
        return None  # dates are read by _DATE; 3日 alone is too vague to report
    if unit == "年":
        if text[end:end + 1] == "代":
            if arabic and len(raw) in (2, 4) and mult_raw is None and more is None:
                # 90年代 stays 90: whether it means the 1990s or the 1890s is the reader's call.
                return _Hit(start, end + 1, int(number), "年代", "decade")
            return None
        if (arabic and mult_raw is None and more is None and re.fullmatch(r"\d{4}", raw)
                and 1000 <= int(raw) <= 2100):
            return _Hit(start, end, int(raw), "年", "year")
    if unit in ("大", "大类"):
        if number > 10:
            return None  # 十九大, 二十大: party congresses
        if unit == "大" and (before == "的" or not _is_han(text[end:end + 1])
                            or text[end:end + 2] in ("精神", "报告", "以来", "代表")):
            return None
        unit = "类" if unit == "大类" else "大"
    value = number * multiplier
    if kind == "money":
        unit = _CURRENCIES[unit]
    elif kind == "percent":
        unit = "%" if unit in ("%", "％") else unit
        if unit == "‰":
            value, unit = value / 10, "%"
    if unit == "年" and text[end:end + 2] in ("计划", "规划") and number == 5:
        return None  # 五年计划: the name of a plan, not a span of time
    if text[end - 1:end + 1] in _UNIT_WORDS or (unit == "次" and text[end:end + 2] in (
            "会议", "全会", "全体")):
        return None  # 两部分, 三部门 are words, not counts; 人大三次会议 is a session number
    if kind in ("duration", "ratio") and more is None and text[end:end + 1] == "多":
        more, end = "多", end + 1
    per = _PER.match(text, end) if kind in ("money", "measure", "count") else None
    if per is not None and "/" not in unit:
        unit, end = unit + "/" + per.group()[1:], per.end()
    if abs(value) >= _LARGEST:
        return None
    if arabic and kind in _SIGNED_KINDS:
        sign, start = _sign_at(text, start)
        value *= sign
    return _Hit(start, end, _plain(value), unit, kind, more)


def _is_han(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


def _in_short_quote(text: str, start: int, end: int) -> bool:
    opener = text[start - 1:start] if start else ""
    if opener not in ("“", "「", "‘"):
        return False
    closer = {"“": "”", "「": "」", "‘": "’"}[opener]
    close = text.find(closer, end, end + 8)
    return close != -1


def _merge_ranges(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Join `A—B unit` into one range: 5—10年, 5%-8%, 2021—2025年, 三至五年."""
    merged: list[_Hit] = []
    for hit in hits:
        low = _range_start(text, hit, merged)
        if low is not None:
            merged.append(low)
        else:
            merged.append(hit)
    return merged


def _range_start(text: str, hit: _Hit, merged: list[_Hit]) -> _Hit | None:
    """If `hit` closes a range (preceded by `N—` or `N unit—`), the whole range."""
    if hit.start < 2 or text[hit.start - 1] not in _SEPARATORS or hit.kind == "number":
        return None
    sep = text[hit.start - 1]
    if merged and merged[-1].end == hit.start - 1:
        prev = merged[-1]
        same = prev.unit == hit.unit and prev.kind == hit.kind and prev.kind != "date"
        # 1万—2万元: the low end is a bare number that takes the high end's unit.
        same = same or (prev.kind == "number" and hit.kind in ("money", "measure", "count"))
        if (not same or sep == "到" or isinstance(prev.value, (str, list))
                or isinstance(hit.value, list)):
            return None
        ends = _ordered(prev.value, hit.value)
        if ends is None:
            return None
        merged.pop()
        return _Hit(prev.start, hit.end, ends, hit.unit, "range", prev.qualifier, hit.kind)
    m = re.search(rf"(?:{_AR}|{_ZH})(?:{_MULT_RE})?$", text[max(0, hit.start - 24):hit.start - 1])
    if m is None:
        return None
    raw_start = hit.start - 1 - len(m.group())
    if raw_start and (text[raw_start - 1].isdigit() or _glued(text, raw_start, hit.start - 1)):
        return None
    hit_number = hit.start + (text[hit.start] in _MINUS + _PLUS + "负")
    low_text = m.group()
    mult = next((k for k in sorted(_MULTIPLIERS, key=len, reverse=True)
                 if low_text.endswith(k) and _number(low_text[:-len(k)]) is not None), None)
    number = _number(low_text[: -len(mult)] if mult else low_text)
    if number is None or isinstance(hit.value, list):
        return None
    if (low_text[0].isdigit()) != bool(re.match(r"\d", text[hit_number])):
        return None
    if hit.kind == "date":
        m2 = re.match(r"(\d{1,2})月", text[hit.start:])
        if (m2 is None or hit.value != f"--{int(m2.group(1)):02d}"
                or not 1 <= number < int(m2.group(1))):
            return None
        return _Hit(raw_start, hit.end, [f"--{int(number):02d}", hit.value], None, "range",
                    None, "date")
    if mult:
        low = number * _MULTIPLIERS[mult]
    elif hit.kind in ("money", "measure", "count", "number") and _unit_scale(text, hit) != 1:
        low = number * _unit_scale(text, hit)
    elif isinstance(hit.value, str):
        return None
    else:
        low = number
    if hit.kind == "year" and not (1000 <= low <= 2100):
        return None
    if low_text[0].isdigit() and hit.kind in _SIGNED_KINDS:
        sign, raw_start = _sign_at(text, raw_start)
        low *= sign
    ends = _ordered(_plain(low), hit.value)
    if ends is None:
        return None
    return _Hit(raw_start, hit.end, ends, hit.unit, "range", None, hit.kind)


def _ordered(low: Value, high: Value) -> list[int | float | str] | None:
    """A range's ends, lower first, or None when the text is a change, not a range.

    Ends rise as written (5—10年, 2021—2025年); two negative ends may also rise in size
    (-5%至-8%, a fall of five to eight per cent, is [-8, -5]). 2024—2021年 and 10%至5% are
    no ranges: read from a text, they are a change from one figure to another.
    """
    if not isinstance(low, (int, float)) or not isinstance(high, (int, float)):
        return None
    if low < 0 and high < 0 and high < low:
        return [high, low]
    return [low, high] if low < high else None


def _unit_scale(text: str, hit: _Hit) -> Decimal:
    # 1—2万元: the low end shares the high end's multiplier.
    m = _QUANTITY.match(text, hit.start + (text[hit.start] in _MINUS + _PLUS + "负"))
    if m and m.group("mult"):
        return _MULTIPLIERS[m.group("mult")]
    return Decimal(1)


def _with_qualifiers(text: str, hit: _Hit) -> _Hit:
    if hit.kind in ("date", "year", "decade"):
        # 达2024年 is not "up to 2024": qualifiers belong to amounts.
        return hit
    start, end = hit.start, hit.end
    found: list[str] = []
    # The longest qualifier that ends where the figure starts: one look per length.
    for size, words in _PREFIX_BY_SIZE:
        word = text[start - size:start] if start >= size else ""
        if word in words:
            before = text[start - size - 1] if start - size > 0 else ""
            if before and before in _NOT_QUALIFIER_BEFORE.get(word, ""):
                continue
            found.append(word)
            start -= size
            break
    if hit.qualifier:
        found.append(hit.qualifier)
    for size in _SUFFIX_SIZES:
        word = text[end:end + size]
        if word in _SUFFIX_QUALIFIERS:
            found.append(word)
            end += size
            break
    qualifier = ",".join(found) if found else None
    return _Hit(start, end, hit.value, hit.unit, hit.kind, qualifier, hit.item_kind)


def _sentence_ends(text: str) -> list[int]:
    """Where each sentence of the text ends (just after its 。！？；or line break)."""
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def _sentence(text: str, original: str, start: int, end: int, ends: Sequence[int],
              limit: int = 160) -> str:
    """The sentence around a figure (at most `limit` characters, centred on it); `ends` are
    _sentence_ends(text)."""
    i = bisect.bisect_right(ends, start) - 1  # the last sentence end at or before the figure
    left = max(ends[i] if i >= 0 else 0, start - 400, 0)
    j = bisect.bisect_right(ends, end)  # the first ending after the figure's last character
    right = ends[j] if j < len(ends) else len(text)
    if right - left > limit:
        half = (limit - (end - start)) // 2
        left = max(left, start - half)
        right = min(right, end + half)
    return original[left:right].strip()


# -- the analysis `xzcli figures` runs: analyse, merge, payload ------------------------------
SCHEMA = "xzcli.figures/1"
COLUMNS = ("source", "line", "offset", "end", "text", "value", "unit", "kind", "item_kind",
           "qualifier", "context")


def figure_kinds(values: Iterable[str] | None) -> frozenset[str] | None:
    """The kinds asked for (names or comma lists), None for all; unknown kinds are refused."""
    names = {n.strip() for v in values or () for n in v.split(",") if n.strip()}
    unknown = sorted(names - set(KINDS))
    if unknown:
        raise UsageError(f"unknown figure kind {unknown[0]!r}; kinds: {', '.join(KINDS)}")
    return frozenset(names) or None


@dataclass(frozen=True)
class Options:
    """Which kinds to list (None: all)."""

    kinds: frozenset[str] | None = None


def figure_row(source: str, f: Figure) -> dict[str, Any]:
    return {"source": source, "line": f.line, "offset": f.start, "end": f.end, "text": f.text,
            "value": f.value, "unit": f.unit, "kind": f.kind, "item_kind": f.item_kind,
            "qualifier": f.qualifier, "context": f.context}


def analyse(doc: Document, segmenter: Any = None, options: Options = Options()) -> Listing:
    """One document's figures as rows, in text order (figures need no segmenter)."""
    found = find_figures(analysis_text(doc.text), original=doc.text)
    kinds = options.kinds
    rows = [figure_row(doc.source, f) for f in found if kinds is None or f.kind in kinds]
    return Listing.of(rows)


merge = listing_merge


def payload(result: Listing, options: Options = Options()) -> dict[str, Any]:
    """The JSON payload of `xzcli figures` (after the envelope): every row, in input order."""
    return {"figures": result.items()}


def title(result: Listing) -> str:
    return f"figures · {result.count} in {result.documents} document(s)"
