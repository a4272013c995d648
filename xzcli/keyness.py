"""Keyness: which terms a target corpus uses more (or less) than a reference, and how evenly.

Per document, `analyse` counts content words and word tokens; `merge` adds two such tables;
`payload` compares a merged target with a merged reference. Measures, for a term counted `a`
times in a target of `c` word tokens and `b` times in a reference of `d` tokens:

- G2, log-likelihood (Rayson & Garside 2000): E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d),
  G2 = 2(a ln(a/E1) + b ln(b/E2)), with 0 ln 0 = 0; signed: negative when the target's rate
  is below the reference's (the target uses the term less).
- log ratio (Hardie 2014): log2((a/c) / (b/d)). A zero count is replaced by ZERO_CORRECTION
  (0.5) in this formula only, so a term absent from one side gets a large but finite value.
- %DIFF (Gabrielatos & Marchi 2012): 100 (a/c - b/d) / (b/d), with the same zero correction
  for b.
- DP, Gries' deviation of proportions (2008) over the target documents: half the sum over
  documents of |(the document's share of the term's target count) - (its share of the target's
  tokens)|. 0: spread like the text itself; towards 1: concentrated in few documents.
"""

from __future__ import annotations

import hashlib
import math
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path
from typing import Any

from xzcli.data import builtin, read_text_lines, sha256_of
from xzcli.errors import DictionaryError, InputError
from xzcli.keywords import PosFilter, add_counts, is_number
from xzcli.segment import Segmenter, find_quoted_terms
from xzcli.sources import Document, analysis_text

SCHEMA = "xzcli.compare/1"
ZERO_CORRECTION = 0.5
MEASURES = ("g2", "log_ratio")
# G2 for p < 0.05 with one degree of freedom: the usual cut-off for a keyword.
DEFAULT_MIN_G2 = 3.84
# What counts as a term by default: lexicon terms, place names (ns), institutions (nt), other
# proper terms and quoted slogans (nz), Latin-letter terms and abbreviations (j). Plain nouns
# (政策, 优势, 布局) filled a third of the top 20 of one report against three others, and
# jieba's person-name tag (nr) lands on 高水平 and 弘扬; `--pos` brings either back.
COMPARE_POS = ("ns", "nt", "nz", "eng", "j")
POLICY_REFERENCE = "policy"
POLICY_REFERENCE_FILE = "policy_reference.tsv"
REFERENCE_HEADER = "# xzcli reference"
DECIMALS = 4


# -- per-document counts that add up ---------------------------------------------------------
@dataclass(frozen=True)
class Part:
    """One document of a side, kept for dispersion (DP) and for recognising a shared text.

    Its counts are kept packed (term lengths, counts and the terms' text in three arrays,
    compressed: about a twentieth of a Counter's memory) and unpacked when asked for: a
    target of many documents keeps them all until the terms to report are known, and the
    Counters used to grow with the folder.
    """

    source: str
    sha256: str
    tokens: int
    packed: bytes

    @classmethod
    def of(cls, source: str, sha256: str, tokens: int, counts: Mapping[str, int]) -> Part:
        terms = list(counts)
        text = "\0".join(terms)
        # Terms split at NUL where none holds one (always, in practice: it is C-fast to
        # unpack); otherwise their lengths say where each ends.
        split = text.count("\0") == max(len(terms) - 1, 0)
        lengths = array("I") if split else array("I", map(len, terms))
        if not split:
            text = "".join(terms)
        head = array("Q", [len(terms), split])
        data = (head.tobytes() + lengths.tobytes() + array("Q", counts.values()).tobytes()
                + text.encode("utf-8", "surrogatepass"))
        return cls(source, sha256, tokens, zlib.compress(data, 1))

    def count_map(self) -> dict[str, int]:
        """The document's term counts as a plain dict (unpacked anew at each call)."""
        data = zlib.decompress(self.packed)
        head, lengths, values = array("Q"), array("I"), array("Q")
        head.frombytes(data[:2 * head.itemsize])
        n, split = head
        at = 2 * head.itemsize
        if not split:
            lengths.frombytes(data[at:at + n * lengths.itemsize])
            at += n * lengths.itemsize
        values.frombytes(data[at:at + n * values.itemsize])
        text = data[at + n * values.itemsize:].decode("utf-8", "surrogatepass")
        if not n:
            return {}
        if split:
            terms = text.split("\0")
        else:
            ends = list(accumulate(lengths))
            terms = [text[start:end] for start, end in zip([0, *ends], ends, strict=False)]
        return dict(zip(terms, values, strict=True))

    @property
    def counts(self) -> Counter[str]:
        """The document's term counts (unpacked anew at each call)."""
        return Counter(self.count_map())


@dataclass
class TermTable:
    """Mergeable counts of one side: content-word counts, document counts and word tokens.

    `tokens` counts every word token (stop words included, punctuation not): it is the corpus
    size the measures divide by. A lexicon term inside a longer token counts as well. `parts`
    keeps each document's counts when dispersion is wanted (the target side); the reference
    side drops them.
    """

    counts: Counter[str] = field(default_factory=Counter)
    # None for one document's table: every counted term in one document (saves a Counter).
    documents: Counter[str] | None = field(default_factory=Counter)
    quoted: set[str] = field(default_factory=set)
    # The part of `counts` that stood inside longer tokens, and those tokens (污染防治 inside
    # 污染防治攻坚战): a term that never stands alone is left out when its host is listed.
    nested: Counter[str] = field(default_factory=Counter)
    hosts: dict[str, set[str]] = field(default_factory=dict)
    tokens: int = 0
    chars: int = 0
    n_documents: int = 0
    parts: list[Part] = field(default_factory=list)
    # The documents counted (sha256 of each text as read), to recognise a text on both sides.
    sources: list[str] = field(default_factory=list)
    sha256s: list[str] = field(default_factory=list)
    # Where the counts came from when they were read from a table (the built-in reference).
    origin: str | None = None
    description: str | None = None

    def document_counts(self) -> Counter[str]:
        if self.documents is None:
            self.documents = Counter(self.counts.keys())
        return self.documents

    def merge(self, other: TermTable) -> TermTable:
        self.document_counts()
        add_counts(self.counts, other.counts)
        assert self.documents is not None
        if other.documents is None:
            self.documents.update(other.counts.keys())
        else:
            add_counts(self.documents, other.documents)
        self.quoted |= other.quoted
        add_counts(self.nested, other.nested)
        for term, found in other.hosts.items():
            self.hosts.setdefault(term, set()).update(found)
        self.tokens += other.tokens
        self.chars += other.chars
        self.n_documents += other.n_documents
        self.parts.extend(other.parts)
        self.sources.extend(other.sources)
        self.sha256s.extend(other.sha256s)
        return self

    def remove(self, part: Part) -> None:
        """Take one document's counts back out (a text that is on both sides)."""
        documents = self.document_counts()
        self.counts.subtract(part.counts)
        documents.subtract(part.counts.keys())
        self.counts = +self.counts
        self.documents = +documents
        self.tokens -= part.tokens
        self.n_documents -= 1
        if part.sha256 in self.sha256s:
            i = self.sha256s.index(part.sha256)
            del self.sha256s[i]
            del self.sources[i]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def analyse(doc: Document, segmenter: Segmenter, *, parts: bool = True) -> TermTable:
    """One document's term table; with `parts`, its own counts stay available for DP."""
    from xzcli.keywords import content_chars

    text = analysis_text(doc.text)
    quoted = find_quoted_terms(text) if segmenter.quoted_terms else frozenset()
    words, non_words, compounds = segmenter.count_words(text, quoted)
    # Lexicon terms inside longer tokens count too (碳达峰 inside 碳达峰碳中和), as in keywords;
    # they add to the term's count, not to the tokens (the text has no more words).
    nested: Counter[str] = Counter()
    hosts: dict[str, set[str]] = {}
    inner_terms = segmenter.inner_terms
    for word in compounds:
        n = words[word]
        for term, _ in inner_terms(word):
            nested[term] += n
            hosts.setdefault(term, set()).add(word)
    # Word tokens: every token but punctuation and whitespace, stop words included.
    tokens = sum(words.values())
    for word in non_words:
        tokens -= words.pop(word)
    stopwords = segmenter.stopwords
    for word in words.keys() & stopwords:
        del words[word]
    counts = words
    for term in nested.keys() & stopwords:
        del nested[term]
        del hosts[term]
    add_counts(counts, nested)
    table = TermTable(
        counts=counts,
        documents=None,
        quoted={q for q in quoted if q in counts},
        nested=nested,
        hosts=hosts,
        tokens=tokens,
        chars=content_chars(text),
        n_documents=1,
        sources=[doc.source],
        sha256s=[text_sha256(doc.text)],
    )
    if parts:
        table.parts.append(Part.of(doc.source, table.sha256s[0], tokens, counts))
    return table


def merge(left: TermTable, right: TermTable) -> TermTable:
    return left.merge(right)


# -- the measures ------------------------------------------------------------------------------
def _xlnx(observed: float, expected: float) -> float:
    return observed * math.log(observed / expected) if observed > 0 else 0.0


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Signed G2 of a term seen a times in c target tokens and b times in d reference tokens."""
    if c <= 0 or d <= 0 or a + b == 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 2.0 * (_xlnx(a, e1) + _xlnx(b, e2))
    return -g2 if a * d < b * c else g2


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Hardie's log ratio: binary log of the ratio of relative frequencies (zeros -> 0.5)."""
    fa = a if a > 0 else ZERO_CORRECTION
    fb = b if b > 0 else ZERO_CORRECTION
    return math.log2((fa / c) / (fb / d))


def percent_diff(a: int, b: int, c: int, d: int) -> float:
    """%DIFF: how much higher (or lower) the target's rate is, in percent of the reference's."""
    target = a / c
    reference = (b if b > 0 else ZERO_CORRECTION) / d
    return 100.0 * (target - reference) / reference


def dispersion(term: str, parts: Sequence[Part]) -> float | None:
    """Gries' DP of a term over documents: 0 = spread evenly, near 1 = in one corner."""
    return dispersions([term], parts)[term]


def dispersions(terms: Iterable[str], parts: Sequence[Part]) -> dict[str, float | None]:
    """dispersion() of each term, unpacking each document's counts once for all of them."""
    wanted = list(dict.fromkeys(terms))
    found: dict[str, list[tuple[int, int]]] = {t: [] for t in wanted}  # (part, count) > 0
    for i, part in enumerate(parts):
        counts = part.count_map()
        for term in counts.keys() & found.keys():
            found[term].append((i, counts[term]))
    tokens = [p.tokens for p in parts]
    total_tokens = sum(tokens)
    out: dict[str, float | None] = {}
    for term in wanted:
        present = dict(found[term])
        total = sum(present.values())
        if total_tokens <= 0 or total <= 0:
            out[term] = None
            continue
        # fsum of sorted terms: the same figure whatever order the documents were merged in.
        out[term] = 0.5 * math.fsum(sorted(
            abs(present.get(i, 0) / total - n / total_tokens) for i, n in enumerate(tokens)
        ))
    return out


# -- comparing two sides -----------------------------------------------------------------------
@dataclass(frozen=True)
class Keyness:
    term: str
    target_count: int
    reference_count: int
    target_per_10k: float
    reference_per_10k: float
    g2: float
    log_ratio: float
    percent_diff: float
    dp: float | None
    target_documents: int
    reference_documents: int
    in_lexicon: bool
    pos: str


@dataclass(frozen=True)
class CompareOptions:
    top: int = 30
    min_count: int = 3
    measure: str = "g2"
    negative: bool = False
    min_g2: float = DEFAULT_MIN_G2
    pos_filter: PosFilter = field(default_factory=lambda: PosFilter(COMPARE_POS, True))
    min_length: int = 2


@dataclass
class Comparison:
    target: TermTable
    reference: TermTable


def _rate(count: int, tokens: int) -> float:
    return round(count * 10000 / tokens, DECIMALS) if tokens else 0.0


def keyness(comparison: Comparison, segmenter: Segmenter,
            options: CompareOptions | None = None) -> list[Keyness]:
    """Terms ranked by the chosen measure, over-used ones (or, `negative`, under-used ones).

    A term qualifies when it is a content word (the keyword POS filter, lexicon terms always),
    has `min_length` characters, is no bare number, and is counted at least `min_count` times
    on the side that uses it more; its |G2| must reach `min_g2` (3.84: p < 0.05). A lexicon
    term counts inside longer tokens too, but one that on that side stands alone fewer than
    `min_count` times is left out when a token holding it qualifies: the longer term says it.
    Terms are tagged only in rank order until `top` are found.
    """
    options = options or CompareOptions()
    target, reference = comparison.target, comparison.reference
    c, d = target.tokens, reference.tokens
    lexicon = segmenter.lexicon
    quoted = target.quoted | reference.quoted
    scored: list[tuple[float, float, str, int, int]] = []
    terms = set(target.counts)
    if options.negative:
        terms |= set(reference.counts)
    for term in terms:
        a = target.counts.get(term, 0)
        b = reference.counts.get(term, 0)
        over = a * d > b * c
        if over == options.negative or (a * d == b * c):
            continue
        if (a if over else b) < options.min_count or len(term) < options.min_length:
            continue
        g2 = log_likelihood(a, b, c, d)
        if abs(g2) < options.min_g2:
            continue
        lr = log_ratio(a, b, c, d)
        key = g2 if options.measure == "g2" else lr
        scored.append((-key if not options.negative else key, -abs(g2), term, a, b))
    scored.sort()
    qualified = {term for _, _, term, _, _ in scored}
    wanted = options.top if options.top > 0 else None
    found: list[Keyness] = []
    for _, _, term, a, b in scored:
        side = reference if options.negative else target
        alone = (b if options.negative else a) - side.nested.get(term, 0)
        if alone < options.min_count and not side.hosts.get(term, set()).isdisjoint(qualified):
            continue  # 统一大市场 hardly stands outside 全国统一大市场, which is listed itself
        in_lex = term in lexicon
        if not in_lex and is_number(term):
            continue
        tag = segmenter.pos_of(term, quoted)
        if not options.pos_filter.keeps(tag, in_lex):
            continue
        found.append(Keyness(
            term=term, target_count=a, reference_count=b,
            target_per_10k=_rate(a, c), reference_per_10k=_rate(b, d),
            g2=round(log_likelihood(a, b, c, d), DECIMALS),
            log_ratio=round(log_ratio(a, b, c, d), DECIMALS),
            percent_diff=round(percent_diff(a, b, c, d), 2),
            dp=None,  # below, for the terms found, over one pass through the documents
            target_documents=target.document_counts().get(term, 0),
            reference_documents=reference.document_counts().get(term, 0),
            in_lexicon=in_lex, pos=tag,
        ))
        if wanted is not None and len(found) == wanted:
            break
    if target.parts:
        dps = dispersions((k.term for k in found), target.parts)
        found = [replace(k, dp=round(dp, DECIMALS)) if (dp := dps[k.term]) is not None else k
                 for k in found]
    return found


def check_sides(comparison: Comparison) -> list[str]:
    """Refuse comparisons that cannot mean anything; notes for the ones that need a word.

    A text on both sides (same characters, whatever its name) is taken out of the reference
    when the reference holds its counts; a side with no words, or a reference identical to
    the target, is an InputError with one line saying so.
    """
    notes: list[str] = []
    target, reference = comparison.target, comparison.reference
    if target.tokens <= 0:
        raise InputError("the target holds no words; nothing to compare")
    in_reference = set(reference.sha256s)
    shared = [p for p in target.parts if p.sha256 in in_reference]
    if shared:
        for part in shared:
            reference.remove(part)
        names = ", ".join(p.source for p in shared[:3]) + (" …" if len(shared) > 3 else "")
        what = f"the {reference.origin} reference" if reference.origin else "the reference"
        notes.append(f"{len(shared)} target document(s) are also in {what} and were taken out "
                     f"of it: {names}")
    if reference.tokens <= 0 or reference.n_documents <= 0:
        if shared:
            raise InputError("the reference is the same text as the target; compare it with "
                             "other documents (or --reference policy)")
        raise InputError("the reference holds no words; nothing to compare with")
    if target.counts == reference.counts and target.tokens == reference.tokens:
        raise InputError("the target and the reference have identical counts; nothing can "
                         "stand out")
    return notes


def payload(comparison: Comparison, options: CompareOptions,
            segmenter: Segmenter) -> dict[str, Any]:
    """The JSON payload of `xzcli compare` (after the envelope)."""
    found = keyness(comparison, segmenter, options)
    target, reference = comparison.target, comparison.reference
    return {
        "measure": options.measure,
        "direction": "negative" if options.negative else "positive",
        "min_count": options.min_count,
        "min_g2": options.min_g2,
        "zero_correction": ZERO_CORRECTION,
        "target": _side(target),
        "reference": _side(reference),
        "terms": [vars(k) for k in found],
    }


def _side(table: TermTable) -> dict[str, Any]:
    side: dict[str, Any] = {"documents": table.n_documents, "tokens": table.tokens,
                            "chars": table.chars, "types": len(table.counts)}
    if table.origin:
        side["origin"] = table.origin
        side["description"] = table.description
        side["sources"] = list(table.sources)
    return side


# -- the built-in reference: term counts of the national work reports ------------------------
def format_reference_table(table: TermTable, *, description: str, min_count: int = 1) -> str:
    """A reference table: header with the totals and the sources' hashes, then term counts."""
    lines = [
        f"{REFERENCE_HEADER} documents={table.n_documents} tokens={table.tokens} "
        f"chars={table.chars} min_count={min_count}",
        f"# about: {description}",
        "# term<TAB>count<TAB>documents; counts, not text. tokens counts every word token.",
    ]
    for source, sha in sorted(zip(table.sources, table.sha256s, strict=True)):
        lines.append(f"# source {Path(source).name} {sha}")
    ranked = sorted(((t, n) for t, n in table.counts.items() if n >= min_count),
                    key=lambda tn: (-tn[1], tn[0]))
    documents = table.document_counts()
    lines.extend(f"{t}\t{n}\t{documents[t]}" for t, n in ranked)
    return "\n".join(lines) + "\n"


def parse_reference_table(lines: Iterable[str], name: str) -> TermTable:
    table = TermTable(origin=name)
    sources: list[str] = []
    hashes: list[str] = []
    header: Mapping[str, str] | None = None
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line:
            continue
        if line.startswith(REFERENCE_HEADER):
            header = dict(item.split("=", 1) for item in line.split()[3:] if "=" in item)
            continue
        if line.startswith("# about: "):
            table.description = line[len("# about: "):]
            continue
        if line.startswith("# source "):
            parts = line.split()
            if len(parts) == 4:
                sources.append(parts[2])
                hashes.append(parts[3])
            continue
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[1].isdigit() or not fields[2].isdigit():
            raise DictionaryError(f"{name}:{lineno}: expected term<TAB>count<TAB>documents")
        table.counts[fields[0]] = int(fields[1])
        table.document_counts()[fields[0]] = int(fields[2])
    if header is None or not header.get("tokens", "").isdigit():
        raise DictionaryError(f"{name}: not an xzcli reference table (no '{REFERENCE_HEADER} "
                              "documents=N tokens=N' line)")
    table.tokens = int(header["tokens"])
    table.n_documents = int(header.get("documents", "0") or 0)
    table.chars = int(header.get("chars", "0") or 0)
    table.sources = sources
    table.sha256s = hashes
    return table


def policy_reference_path() -> Path:
    return builtin(POLICY_REFERENCE_FILE)


def load_policy_reference() -> tuple[TermTable, Path, str]:
    """The shipped reference table, its path and its sha256 (for the envelope)."""
    path = policy_reference_path()
    table = parse_reference_table(read_text_lines(path, "reference table"), path.name)
    table.origin = POLICY_REFERENCE
    return table, path, sha256_of(path.resolve())
