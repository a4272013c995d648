"""New policy language: candidate terms no dictionary holds, with the evidence for each.

Candidates are spans of one to four tokens (2-10 Han characters; a plus sign may end one:
人工智能+) that neither the lexicon, a --dict nor jieba's dictionary holds: the repeated
token sequences jieba splits (低空/经济, 智能网/联) and the phrases a document puts in
quotation marks. Each is judged by its cohesion (the weakest PMI between its parts: do they
occur together far more than apart?) and its freedom (entropy of the tokens next to it on the
left and on the right: does it stand in varied company, like a word, or always inside one
longer phrase?). Spans start and end on
token boundaries, so a candidate never cuts a word of the segmentation in the middle.

The work is `analyse(doc, segmenter) -> Discovery` per document, `merge(a, b)` adding
documents up (in any grouping: worker processes fold batches) and `payload(result, options)`
at the end. Memory is bounded twice: a document drops the spans of known words it uses once
before it is merged, and the merged table, past `MAX_SPANS` entries, drops its rarest spans
(every span seen no more than some count) until half remain; `pruned_below` reports that count.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from xzcli.keywords import add_counts
from xzcli.segment import Segmenter, find_quoted_terms
from xzcli.sources import Document, analysis_text

SCHEMA = "xzcli.discover/1"
MAX_TOKENS = 4
MAX_CHARS = 10
MIN_CHARS = 2
# The merged table's bound; past it the rarest spans go (see Discovery.prune).
MAX_SPANS = 300_000
CONTEXT = 12
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# Single characters that make a span "a word plus a particle" at either edge.
FUNCTION_CHARS = frozenset("的了着过和与及或而且并也都就又还在于对把被将以为从向由按是有等之其"
                           "这那个此该更最很")
# Parts of speech that never start or end a term (jieba tags by prefix): particles,
# prepositions, conjunctions, interjections, onomatopoeia, modals; pronouns and adverbs
# (我们, 进一步) never start one. Numbers may stand at either edge (十五五, 两重, 一带一路).
_EDGE_POS = ("u", "p", "c", "e", "o", "y")
_START_POS = ("r", "d")
_END_CHARS = frozenset("上中下里内外")  # 经济上, 工作中
# Numbered slogans are the commonest shape of new policy language (两个确立, 三北工程, 双一流).
NUMBER_START = frozenset("一二两三四五六七八九十双百千万")
_PHRASE_POS = ("v", "a", "d")  # a run of verbs, adverbs and adjectives is a phrase, not a term
_ENUMERATION = re.compile(r"^[一二三四五六七八九十]+是")  # 一是, 六是: a list's markers
# A plus sign may end a span: "X+" names a programme (互联网+, 人工智能+), not X and a sign.
PLUS = frozenset("+＋")


@dataclass
class Discovery:
    """Mergeable span statistics of any number of documents."""

    spans: Counter[str] = field(default_factory=Counter)  # every kept span, words included
    documents: Counter[str] = field(default_factory=Counter)
    quoted: Counter[str] = field(default_factory=Counter)
    # Neighbouring tokens of candidates ("" for punctuation, a text edge or a particle).
    left: dict[str, dict[str, int]] = field(default_factory=dict)
    right: dict[str, dict[str, int]] = field(default_factory=dict)
    pieces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # candidate -> (year or None, source, left context, right context) of its earliest use
    first: dict[str, tuple[int | None, str, str, str]] = field(default_factory=dict)
    tokens: int = 0
    n_documents: int = 0
    pruned_below: int = 0  # spans seen this often or less were dropped to bound memory
    pos: dict[str, str] = field(default_factory=dict)  # tags of the candidates' tokens

    def merge(self, other: Discovery, max_spans: int = MAX_SPANS) -> Discovery:
        add_counts(self.spans, other.spans)
        add_counts(self.documents, other.documents)
        add_counts(self.quoted, other.quoted)
        for mine, theirs in ((self.left, other.left), (self.right, other.right)):
            for span, neighbours in theirs.items():
                ours = mine.get(span)
                if ours is None:
                    mine[span] = neighbours
                else:
                    for word, c in neighbours.items():
                        ours[word] = ours.get(word, 0) + c
        for span, split in other.pieces.items():
            self.pieces.setdefault(span, split)
        for word, tag in other.pos.items():
            self.pos.setdefault(word, tag)
        for span, seen in other.first.items():
            held = self.first.get(span)
            if held is None or _earlier(seen, held):
                self.first[span] = seen
        self.tokens += other.tokens
        self.n_documents += other.n_documents
        self.pruned_below = max(self.pruned_below, other.pruned_below)
        if len(self.spans) > max_spans:
            self.prune(max_spans // 2)
        return self

    def prune(self, keep: int) -> None:
        """Drop the rarest spans until at most `keep` remain (ties go together)."""
        by_count = Counter(self.spans.values())
        remaining = len(self.spans)
        threshold = 0
        for count in sorted(by_count):
            if remaining <= keep:
                break
            remaining -= by_count[count]
            threshold = count
        if not threshold:
            return
        for span in [s for s, n in self.spans.items() if n <= threshold]:
            del self.spans[span]
            for table in (self.documents, self.quoted, self.left, self.right, self.pieces,
                          self.first):
                table.pop(span, None)  # type: ignore[attr-defined]
        self.pruned_below = max(self.pruned_below, threshold)


def _earlier(a: tuple[int | None, str, str, str], b: tuple[int | None, str, str, str]) -> bool:
    # A dated use beats an undated one; then the earlier year, then the source name.
    key_a = (a[0] is None, a[0] or 0, a[1])
    key_b = (b[0] is None, b[0] or 0, b[1])
    return key_a < key_b


def merge(a: Discovery, b: Discovery) -> Discovery:
    return a.merge(b)


def _is_edge_word(segmenter: Segmenter, word: str, *, end: bool) -> bool:
    """A token that cannot start (or end) a term: a particle, pronoun, stop word …"""
    if word in segmenter.stopwords or (len(word) == 1 and word in FUNCTION_CHARS):
        return True
    edge = word[-1] if end else word[0]
    if edge in FUNCTION_CHARS and not segmenter.knows(word):
        return True  # a word the model glued to a particle: 和量 (…提升和量的合理增长)
    if end and word in _END_CHARS:
        return True
    pos = segmenter.pos_of(word)
    return pos.startswith(_EDGE_POS) or (not end and pos.startswith(_START_POS))


def analyse(doc: Document, segmenter: Segmenter, *, year: int | None = None) -> Discovery:
    """One document's spans: counts, neighbours of candidate spans, quoted phrases.

    Pruned before it leaves the document: a span of several known words (推进/改革) that the
    document uses once is dropped, since it is no candidate and too rare to weigh in any
    candidate's cohesion; candidates, single words and repeated spans stay.
    """
    from xzcli.usage import year_of

    text = analysis_text(doc.text)
    if year is None:
        year = year_of(doc.source, doc.text)
    # The task gets a stand-in that builds the Segmenter on first use and looks every
    # attribute up again; the loops below use the Segmenter behind it directly.
    knows = segmenter.knows
    segmenter = getattr(knows, "__self__", segmenter)
    words = segmenter.words(text)
    n = len(words)
    distinct = set(words)
    # Per distinct word: Han or not, and whether it may start / end a candidate.
    han = {w: bool(_HAN.match(w)) for w in distinct}
    facts = _word_facts(segmenter, [w for w in distinct if han[w]])
    bad_start = {w: f[0] for w, f in facts.items()}
    bad_end = {w: f[1] for w, f in facts.items()}
    free = {w: _neighbour(w) for w in distinct}
    # Per position, so the loop below indexes lists instead of looking words up.
    is_han = [han[w] for w in words]
    may_start = [h and not bad_start[w] for w, h in zip(words, is_han, strict=True)]
    may_end = [h and not bad_end[w] for w, h in zip(words, is_han, strict=True)]
    beside = [free[w] for w in words]
    beside.append("")  # after the last word: the text's edge
    lengths = [len(w) for w in words]
    counts: defaultdict[str, int] = defaultdict(int)
    left: dict[str, dict[str, int]] = {}
    right: dict[str, dict[str, int]] = {}
    pieces: dict[str, tuple[str, ...]] = {}
    first_at: dict[str, int] = {}
    known: set[str] = set()
    at = 0
    for i in range(n):
        first = words[i]
        start_at = at
        at += lengths[i]
        if not is_han[i]:
            if not first.isspace():
                counts[first] += 1
            continue
        no_start = not may_start[i]
        before = beside[i - 1] if i else ""
        span = ""
        size = 0
        plus = False
        for j in range(i, min(n, i + MAX_TOKENS)):
            if plus:
                break  # nothing follows the sign: 人工智能+ 行动 is no span
            if not is_han[j]:
                if j == i or words[j] not in PLUS:
                    break
                plus = True  # the sign ends the span: 人工智能+
            size += lengths[j]
            if size > MAX_CHARS:
                break
            span += words[j]
            counts[span] += 1
            if no_start or not (may_end[j] or plus) or size < MIN_CHARS or span in known:
                continue
            seen_left = left.get(span)
            if seen_left is None:
                if knows(span):
                    known.add(span)
                    continue
                pieces[span] = tuple(words[i:j + 1])
                first_at[span] = start_at
                left[span] = {before: 1}
                right[span] = {beside[j + 1]: 1}
            else:
                seen_left[before] = seen_left.get(before, 0) + 1
                seen_right = right[span]
                after = beside[j + 1]
                seen_right[after] = seen_right.get(after, 0) + 1
    quoted = {q for q in find_quoted_terms(text) if not knows(q)}
    result = Discovery(n_documents=1)
    result.tokens = n - sum(map(str.isspace, words))
    for q in quoted:
        if q not in pieces:  # a quoted term the engine did not keep as one span
            uses = text.count(q)
            counts[q] = max(counts.get(q, 0), uses)
            pieces[q] = (q,)
            first_at[q] = text.find(q)
            left[q] = {"": uses}
            right[q] = {"": uses}
    result.spans = Counter({s: c for s, c in counts.items()
                            if c >= 2 or s in distinct or s in pieces})
    result.documents = Counter(dict.fromkeys(result.spans, 1))
    result.quoted = Counter({q: text.count(q) for q in quoted})
    result.pieces = pieces
    result.left = left
    result.right = right
    result.pos = {w: f[2] for w, f in facts.items()}
    original = doc.text
    # The contexts stay as they are (white space flattened only for the candidates shown).
    result.first = {span: (year, doc.source, original[max(0, s - CONTEXT):s],
                           original[s + len(span):s + len(span) + CONTEXT])
                    for span, s in first_at.items()}
    return result


# Per segmenter, what analyse needs to know of a word (may it start a term, end one, its
# tag): the same words recur in every document, so each is judged once per process. The
# table is emptied when it grows past FACTS_BOUND words, to keep memory bounded.
_FACTS: WeakKeyDictionary[Segmenter, dict[str, tuple[bool, bool, str]]] = WeakKeyDictionary()
FACTS_BOUND = 500_000


def _word_facts(segmenter: Segmenter, words: list[str]) -> dict[str, tuple[bool, bool, str]]:
    table = _FACTS.get(segmenter)
    if table is None or len(table) > FACTS_BOUND:
        table = _FACTS[segmenter] = {}
    found = {}
    for w in words:
        f = table.get(w)
        if f is None:
            f = table[w] = (_is_edge_word(segmenter, w, end=False),
                            _is_edge_word(segmenter, w, end=True), segmenter.pos_of(w))
        found[w] = f
    return found


def _neighbour(word: str) -> str:
    """A neighbouring token, or "" for one that marks a boundary by itself (punctuation,
    the text's edge, a particle such as 的 or 和): each of those counts as a new neighbour."""
    return word if word and word not in FUNCTION_CHARS and _HAN.match(word) else ""


def _flat(text: str) -> str:
    return " ".join(text.split())


def _entropy(neighbours: dict[str, int], pos: dict[str, str] | None = None) -> float:
    """Entropy of a span's neighbours; each punctuation or text edge counts as its own.

    With `pos` (the left side), a verb before the span counts as a boundary too: a term is
    the object of many verbs, and one fixed verb (共建一带一路) marks where it starts rather
    than tying it to a longer phrase.
    """
    total = sum(neighbours.values())
    if not total:
        return 0.0
    if pos is not None:
        verbs = {w for w in neighbours if w and _is_verb(pos.get(w, ""))}
        if verbs:
            neighbours = {w: c for w, c in neighbours.items() if w not in verbs}
            neighbours[""] = neighbours.get("", 0) + total - sum(neighbours.values())
    free = neighbours.get("", 0)
    h = sum(-(c / total) * math.log(c / total) for ch, c in neighbours.items() if ch and c)
    if free:
        h += (free / total) * math.log(total)
    return h


@dataclass(frozen=True)
class Candidate:
    """One candidate term and the evidence for it."""

    term: str
    count: int
    documents: int
    score: float
    cohesion: float
    left_entropy: float
    right_entropy: float
    quoted: int
    found_by: str  # "quoted" (some document quotes it) or "ngram" (a repeated token run)
    first_year: int | None
    first_source: str
    example: str  # left context, the term in 【】, right context


@dataclass(frozen=True)
class Options:
    top: int = 200
    min_count: int = 2
    min_cohesion: float = 1.0  # PMI (natural log) between the weakest-joined parts
    min_freedom: float = 0.3  # neighbour entropy over log(count), from FREE_FROM uses on


# Below this many uses, one fixed neighbour says little (深刻领悟两个确立): the freer side
# counts and nothing is left out for it; from here on both sides must vary.
FREE_FROM = 5


def _cohesion(result: Discovery, term: str, split: tuple[str, ...]) -> float:
    """The weakest join: min over token boundaries of PMI(left part, right part)."""
    if len(split) < 2:
        return math.inf
    f = result.spans[term]
    total = max(result.tokens, 1)
    best = math.inf
    for j in range(1, len(split)):
        a = "".join(split[:j])
        b = "".join(split[j:])
        fa = max(result.spans.get(a, 0), f)
        fb = max(result.spans.get(b, 0), f)
        best = min(best, math.log(f * total / (fa * fb)))
    return best


def _is_verb(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn"


def _verb_phrase(segmenter_pos: dict[str, str], split: tuple[str, ...]) -> bool:
    tags = [segmenter_pos.get(w, "") for w in split]
    return len(split) > 1 and all(t.startswith(_PHRASE_POS) and t != "vn" for t in tags)


# Digits after 十 with no unit between them are no number: a plan's name (十四五, 十五五).
_PLAN_NUMBER = re.compile(r"^[一二三四五六七八九]?十[一二三四五六七八九]{2}$")


def _number_phrase(segmenter_pos: dict[str, str], split: tuple[str, ...]) -> bool:
    """Numbers and measure words only (万人, 三大, 二十届): quantities, not terms."""
    if _PLAN_NUMBER.match("".join(split)):
        return False
    return all(segmenter_pos.get(w, "").startswith(("m", "q")) for w in split)


def candidates(result: Discovery, options: Options = Options()) -> list[Candidate]:
    """The best candidates, by score, then count, then term (deterministic).

    score = log(1 + count) x min(cohesion, 8) x (0.3 + min(freedom, 1)), freedom being the
    neighbour entropy divided by its most for that count, log(count); x 1.5 for a numbered
    slogan; +10 for a phrase some document quotes. Runs of verbs and adverbs (深入推进),
    quantities (万人) and list markers (六是) are left out, and of a candidate and a longer one
    holding it nine times in ten only one stays (see _drop_explained).
    """
    scored: list[Candidate] = []
    for term, split in result.pieces.items():
        count = result.spans.get(term, 0)
        quoted = result.quoted.get(term, 0)
        if count < options.min_count and not quoted:
            continue
        if not quoted and (_verb_phrase(result.pos, split) or _number_phrase(result.pos, split)
                           or _ENUMERATION.match(term)):
            continue
        cohesion = _cohesion(result, term, split)
        hl = _entropy(result.left.get(term, {}), result.pos)
        hr = _entropy(result.right.get(term, {}))
        base = math.log(count) if count > 1 else 1.0
        freedom = (min(hl, hr) if count >= FREE_FROM else max(hl, hr)) / base
        if not quoted and (cohesion < options.min_cohesion
                           or (count >= FREE_FROM and freedom < options.min_freedom)):
            continue
        score = math.log1p(count) * min(cohesion, 8.0) * (0.3 + min(freedom, 1.0))
        if term[0] in NUMBER_START and len(split) > 1:
            score *= 1.5  # numbered slogans: 两个确立, 三北工程, 双一流
        if quoted:
            score += 10.0 + math.log1p(quoted)
        year, source, before, after = result.first.get(term, (None, "", "", ""))
        scored.append(Candidate(
            term=term, count=count, documents=result.documents.get(term, 0),
            score=round(score, 3), cohesion=round(min(cohesion, 99.0), 3),
            left_entropy=round(hl, 3), right_entropy=round(hr, 3), quoted=quoted,
            found_by="quoted" if quoted else "ngram", first_year=year, first_source=source,
            example=f"{_flat(before)}【{term}】{_flat(after)}",
        ))
    scored.sort(key=lambda c: (-c.score, -c.count, c.term))
    kept = _drop_explained(scored, result)
    return kept[:options.top] if options.top else kept


def _drop_explained(ranked: list[Candidate], result: Discovery) -> list[Candidate]:
    """Of a candidate and a longer one that holds it nine times in ten, keep one.

    When the longer one only adds a verb or modifier word (领悟 + 两个确立, 共建 + 一带一路),
    the shorter is the term and the longer goes; otherwise the shorter is a fragment of the
    longer (一老 of 一老一小, 治港 of 爱国者治港) and goes.
    """
    by_term = {c.term: c for c in ranked}
    dropped: set[str] = set()
    for longer in ranked:
        split = result.pieces.get(longer.term, ())
        n = len(split)
        for i in range(n):
            for j in range(i + 1, n + 1):
                if j - i == n:
                    continue
                part = "".join(split[i:j])
                shorter = by_term.get(part)
                if shorter is None or longer.count < 0.9 * shorter.count:
                    continue
                if _around(part, split[:i], split[j:], longer.count, result):
                    dropped.add(longer.term)  # a phrase around the term: 两个确立的决定性
                else:
                    dropped.add(part)
    for c in ranked:
        if _cut_off(c.term, result):
            dropped.add(c.term)
    return [c for c in ranked if c.term not in dropped]


def _around(part: str, before: tuple[str, ...], after: tuple[str, ...], count: int,
            result: Discovery) -> bool:
    """Is a longer span `before + part + after` a phrase around the term `part`?

    Yes when it adds a particle (两个确立的决定性), only verbs, adverbs or adjectives
    (深刻领悟 + 两个确立, 共建 + 一带一路), only words before a numbered slogan that do not
    start with a number themselves (a slogan starts at its number: 领悟 + 两个确立), or after
    it only heads that stand apart from it at least as often as with it (小而美 + 民生项目,
    爱国者治澳 + 原则, 双一流 + 建设): a head the texts put after many phrases is no part of
    any. No when the added words mostly occur
    with it (一老 + 一小, 爱国者 + 治港): then `part` is a fragment of the longer span.
    """
    added = before + after
    pos = result.pos
    if any(w in FUNCTION_CHARS for w in added) or all(_modifier(w, pos.get(w, "")) for w in added):
        return True
    if not after and part[0] in NUMBER_START and before[0][0] not in NUMBER_START:
        return True  # unless the longer span starts with a number too (一青 + 一银)
    return bool(after) and all(_modifier(w, pos.get(w, "")) for w in before) and all(
        _head(w, count, result) for w in after)


def _head(word: str, together: int, result: Discovery) -> bool:
    """A noun that occurs apart from the phrase before it at least as often as with it."""
    return (result.pos.get(word, "").startswith(("n", "vn"))
            and 2 * together <= result.spans.get(word, 0))


def _cut_off(term: str, result: Discovery) -> bool:
    """Used three times or more and always before the same token: a phrase cut off before
    its end (民族复兴伟业不懈 of …不懈奋斗, 严格食品 of 严格食品药品), unless that token is
    a head noun used apart from it at least as often (爱国者治澳 + 原则, 小而美 + 民生).
    Only the right side counts: slogans often stand after one fixed verb (深刻领悟两个确立,
    新时代枫桥经验)."""
    count = result.spans.get(term, 0)
    if count < 3:
        return False
    right = result.right.get(term)
    if not (right and len(right) == 1 and "" not in right):
        return False
    return not _head(next(iter(right)), count, result)


def _modifier(word: str, tag: str) -> bool:
    """A verb, adverb or adjective word (领悟, 深刻, 共建), not a slogan's numbered part."""
    return tag.startswith(("v", "d", "a")) and tag != "vn" and word[0] not in NUMBER_START


def dictionary_lines(terms: Iterable[str]) -> str:
    """A jieba user dictionary of the terms (`word tag`), as `--dict` reads it."""
    lines = ["# candidate terms from xzcli discover: review before use; word tag"]
    lines += [f"{term} nz" for term in terms]
    return "\n".join(lines) + "\n"


def payload(result: Discovery, options: Options = Options()) -> dict[str, Any]:
    """The JSON payload: counts of what was read and the ranked candidates."""
    found = candidates(result, options)
    return {
        "documents": result.n_documents,
        "tokens": result.tokens,
        "pruned_below": result.pruned_below,
        "candidates": [vars(c) for c in found],
    }
