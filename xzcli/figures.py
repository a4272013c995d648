"""Find the quantitative claims in Chinese text: value normalised, unit, kind, qualifier, where."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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
    whole, _, fraction = raw.replace("·", "点").partition("点")
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
    """An int when whole, else a float rounded away from binary noise."""
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 6))


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
    "人次", "户次", "架次", "家", "项", "套", "个", "户", "人", "名", "张", "所", "件", "座",
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
)
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
                "门", "块", "担", "双", "箱", "立方"}
_CHINESE_ONLY = {"大", "大类"}


# A measure word that begins a longer word is not a measure word.
_UNIT_WORDS = {"部分", "部门", "部署", "部队", "部长", "批准", "批评", "批示", "门类", "条件",
               "条例", "种类", "件事", "处理", "台阶", "次要", "头脑", "名义", "张力", "起来",
               "起步", "起点", "处于", "个体", "个性", "个别", "位置", "位于", "场景", "场所"}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_RE = _alternation(list(_UNIT_KIND))
_MULT_RE = _alternation(list(_MULTIPLIERS))
# Thousands may be set off with a full-width comma in older texts (4，900多万吨).
_AR = r"\d+(?:[,，]\d{3}(?!\d))+(?:[.．]\d+)?|\d+(?:[.．]\d+)?"
# 十八点六 and the older 二六·八 carry decimals.
_ZH = (r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
       r"(?:[点·][零〇一二三四五六七八九]+)?")

# 千 before 瓦/米/克/卡 is part of the unit, not a multiplier.
_QUANTITY = re.compile(
    rf"(?P<num>{_AR}|{_ZH})(?P<more1>余|多)?(?P<mult>(?:{_MULT_RE})(?!瓦|米|克|卡))?"
    rf"(?P<more2>余|多)?(?P<unit>{_UNIT_RE})?"
)
_SEPARATORS = "—–-－~～至到"
_PREFIX_QUALIFIERS = sorted(
    ("约", "大约", "约为", "超", "超过", "近", "接近", "将近", "逾", "达", "达到", "高达", "多达",
     "长达", "突破", "不少于", "不低于", "不超过", "不高于", "不到", "不足", "至少", "仅",
     "超出"),
    key=len, reverse=True,
)
_SUFFIX_QUALIFIERS = ("以上", "以下", "以内", "之内", "左右", "开外", "有余")
# Words that end in a qualifier character without being one: 最近5年 is "the last five years",
# 下达5亿元 is "allocated".
_NOT_QUALIFIER_BEFORE = {"近": "最附接将临", "达": "下表传到发抵送转直通多高长", "超": ""}

_DOCUMENT_NUMBER = re.compile(r"[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d+\s*号")
_CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_DATE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])日)?(?!份额)"
)
_FRACTION = re.compile(rf"(?P<den>{_ZH}|\d+)分之(?P<num>{_ZH}|\d+(?:\.\d+)?)")
_PER_HUNDRED = re.compile(rf"百分之(?P<num>{_ZH}|\d+(?:\.\d+)?)")
_CHENG = re.compile(r"(?<![一-鿿])(?P<num>[二三四五六七八九])成(?=[以左多的，。、]|$)")
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
    hits = _merge_ranges(text, sorted(_scan(text), key=lambda h: (h.start, -h.end)))
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
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
            line=bisect.bisect_right(line_starts, hit.start),
            context=_sentence(text, original, hit.start, hit.end), item_kind=hit.item_kind,
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
        if unit in _ARABIC_ONLY:
            return None
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
        return _Hit(start, end, _plain(value), None, "number", more)
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
        merged.pop()
        return _Hit(prev.start, hit.end, [prev.value, hit.value], hit.unit, "range",
                    prev.qualifier, hit.kind)
    m = re.search(rf"(?:{_AR}|{_ZH})(?:{_MULT_RE})?$", text[max(0, hit.start - 24):hit.start - 1])
    if m is None:
        return None
    raw_start = hit.start - 1 - len(m.group())
    if raw_start and (text[raw_start - 1].isdigit() or _glued(text, raw_start, hit.start - 1)):
        return None
    low_text = m.group()
    mult = next((k for k in sorted(_MULTIPLIERS, key=len, reverse=True)
                 if low_text.endswith(k) and _number(low_text[:-len(k)]) is not None), None)
    number = _number(low_text[: -len(mult)] if mult else low_text)
    if number is None or isinstance(hit.value, list):
        return None
    if (low_text[0].isdigit()) != bool(re.match(r"\d", text[hit.start])):
        return None
    if hit.kind == "date":
        m2 = re.match(r"(\d{1,2})月", text[hit.start:])
        if m2 is None or hit.value != f"--{int(m2.group(1)):02d}" or not 1 <= number <= 12:
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
    return _Hit(raw_start, hit.end, [_plain(low), hit.value], hit.unit, "range", None, hit.kind)


def _unit_scale(text: str, hit: _Hit) -> Decimal:
    # 1—2万元: the low end shares the high end's multiplier.
    m = _QUANTITY.match(text, hit.start)
    if m and m.group("mult"):
        return _MULTIPLIERS[m.group("mult")]
    return Decimal(1)


def _with_qualifiers(text: str, hit: _Hit) -> _Hit:
    start, end = hit.start, hit.end
    found: list[str] = []
    for word in _PREFIX_QUALIFIERS:
        if text.endswith(word, max(0, start - len(word)), start):
            before = text[start - len(word) - 1] if start - len(word) > 0 else ""
            if before and before in _NOT_QUALIFIER_BEFORE.get(word, ""):
                continue
            found.append(word)
            start -= len(word)
            break
    if hit.qualifier:
        found.append(hit.qualifier)
    for word in _SUFFIX_QUALIFIERS:
        if text.startswith(word, end):
            found.append(word)
            end += len(word)
            break
    if hit.kind in ("date", "year", "decade"):
        # 达2024年 is not "up to 2024": qualifiers belong to amounts.
        return hit
    qualifier = ",".join(found) if found else None
    return _Hit(start, end, hit.value, hit.unit, hit.kind, qualifier, hit.item_kind)


def _sentence(text: str, original: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence around a figure (at most `limit` characters, centred on it)."""
    left = max(0, start - 400)
    for stop in _SENTENCE_END.finditer(text, left, start):
        left = stop.end()
    after = _SENTENCE_END.search(text, end)
    right = after.end() if after else len(text)
    if right - left > limit:
        half = (limit - (end - start)) // 2
        left = max(left, start - half)
        right = min(right, end + half)
    return original[left:right].strip()
