"""TF-IDF: what sets a document, section or paragraph apart, and the sentences that carry it."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, filterfalse, repeat
from pathlib import Path
from typing import Any

from xzcli.errors import DictionaryError, UsageError
from xzcli.keywords import is_number, is_word
from xzcli.segment import Segmenter, Token

UNIT_KINDS = ("document", "section", "paragraph")
# What counts as one "document" when document frequencies are counted for an IDF table.
IDF_UNITS = ("file", "section", "paragraph")
DEFAULT_IDF_UNIT = "paragraph"
POLICY_IDF_FILE = "policy_idf.tsv"
# The name that stands for the built-in table in `--idf`.
POLICY_IDF = "policy"
IDF_HEADER = "# xzcli idf"
WEIGHT_DECIMALS = 4
# With soft df, a unit that uses a term at a quarter of the heaviest unit's rate or more counts
# fully toward its df; rarer use counts in proportion (measured on the 2006-2026 work reports
# and on simulated provincial reports: 1 favours passing mentions too much, 8 hardly helps).
SOFT_DF_SCALE = 4.0

# Parts of speech (jieba tags, matched by prefix) that can say what a text is about: nouns and
# names (n, nr, ns, nt, nz), verbal and adjectival nouns (vn: 改革, 建设, 就业; an: 安全),
# Latin-letter terms, abbreviations (j: 医保) and words jieba's dictionary lacks (x: 托育,
# 降碳, 赋能; the fragments its HMM glues are tagged in tag_fixes.txt). Everything else stays
# out: verbs say how rather than what (源于, 意味着 and 推进 topped sections of the reference
# article); adjectives, distinguishing words and set phrases qualify a subject without naming
# one (巨大, 不振, 新型, 深入开展); numerals, measure and time words count (一批, 万元, 五年).
# Lexicon terms and the terms a text quotes are kept whatever their tag (十四五).
CONTENT_TAGS = ("n", "vn", "an", "eng", "j", "x")


# -- terms ------------------------------------------------------------------------------------
def is_term(word: str, pos: str, segmenter: Segmenter) -> bool:
    """True for a content token: lexicon terms always; else a noun-like word (CONTENT_TAGS)
    that is no stop word, punctuation, bare number or single character."""
    return _is_term(word, pos, segmenter.lexicon, segmenter.stopwords)


def _is_term(word: str, pos: str, lexicon: Mapping[str, str], stopwords: frozenset[str]) -> bool:
    if word in lexicon:
        return True
    if len(word) < 2 or word in stopwords or not is_word(word) or is_number(word):
        return False
    return pos.startswith(CONTENT_TAGS)


# -- units ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sentence:
    """One sentence verbatim from the text as read, its offset and its distinct content terms."""

    text: str
    offset: int
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """A document, section or paragraph with its term counts and its sentences."""

    source: str
    kind: str
    index: int
    heading: str | None
    offset: int
    end: int
    counts: Mapping[str, int]
    sentences: tuple[Sentence, ...]
    section: str | None = None


@dataclass(frozen=True)
class _Part:
    """A span of the text: a section or paragraph, with its sentence spans."""

    heading: str | None
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    section: str | None = None
    index: int = 0


def _parts(text: str, by: str, *, sentences: bool = True) -> list[_Part]:
    """The sections or paragraphs of the analysis text, as xzcli.structure finds them (without
    their sentence spans when `sentences` is false: counting needs none)."""
    from xzcli.structure import parse_structure, sentence_spans

    def spans(paragraph: Any) -> list[tuple[int, int]]:
        # The paragraph's sentences (Paragraph.sentences' spans), read off the text in place.
        return sentence_spans(text, paragraph.start, paragraph.end) if sentences else []

    parts: list[_Part] = []
    for section in parse_structure(text).sections:
        heading = section.heading or None
        if by == "paragraph":
            parts.extend(_Part(None, p.start, p.end, tuple(spans(p)), heading, p.index)
                         for p in section.paragraphs)
        else:
            # The heading line belongs to its section: its words name the section's subject.
            start = section.start if section.offset is None else min(section.offset,
                                                                     section.start)
            parts.append(_Part(heading, start, section.end,
                               tuple(chain.from_iterable(map(spans, section.paragraphs)))))
    return parts


def text_units(text: str, analysed: str, tokens: Sequence[Token], segmenter: Segmenter, *,
               source: str, by: str) -> list[Unit]:
    """Split one document into units with term counts and sentences.

    `text` is the document as read (sentences are sliced from it), `analysed` the same-length
    analysis text the tokens came from (one segmentation of the whole document, so quoted terms
    stay whole everywhere).
    """
    lexicon, stopwords = segmenter.lexicon, segmenter.stopwords
    verdicts: dict[tuple[str, str], bool] = {}  # a document repeats its words: decide once
    terms = []
    for t in tokens:
        key = (t.text, t.pos)
        keep = verdicts.get(key)
        if keep is None:
            keep = verdicts[key] = _is_term(t.text, t.pos, lexicon, stopwords)
        if keep:
            terms.append((t.start, t.end, t.text))
    return _units(text, analysed, terms, source=source, by=by)


class _TermVerdicts:
    """Which words one Segmenter's tags make content terms, decided once per word.

    A word's tag never depends on its context, except for the terms a document quotes (they
    are decided per document), so each word is tagged and judged the first time any document
    uses it; after that a document's content terms are set operations in C.
    """

    # Judged words kept before the cache starts over (a few MB of short strings).
    MAX_WORDS = 1_000_000

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.terms: set[str] = set()

    def content_terms(self, words: Iterable[str], quoted: Sequence[str],
                      segmenter: Segmenter) -> set[str]:
        """The distinct words that are content terms (is_term, whitespace never)."""
        lexicon, stopwords = segmenter.lexicon, segmenter.stopwords
        distinct = set(words)
        quoted_here = distinct.intersection(quoted)
        others = distinct.difference(quoted_here)
        new = others.difference(self.seen)
        if len(self.seen) + len(new) > self.MAX_WORDS:
            self.seen.clear()
            self.terms.clear()
            new = others
        pos_of = segmenter.pos_of
        self.seen.update(new)
        self.terms.update(w for w in new
                          if not w.isspace() and _is_term(w, pos_of(w), lexicon, stopwords))
        keep = others.intersection(self.terms)
        # A quoted term's tag is the one words_and_tags gives it: pos_of with the quoted terms.
        keep.update(w for w in quoted_here
                    if not w.isspace() and _is_term(w, pos_of(w, quoted), lexicon, stopwords))
        return keep


# One _TermVerdicts per Segmenter, known by its lexicon (each Segmenter builds its own dict);
# the lexicon is held so that its id is never reused while the entry lives.
_VERDICTS: dict[int, tuple[object, _TermVerdicts]] = {}
_MAX_SEGMENTERS = 4


def _verdicts_of(segmenter: Segmenter) -> _TermVerdicts:
    lexicon = segmenter.lexicon
    entry = _VERDICTS.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        if len(_VERDICTS) >= _MAX_SEGMENTERS:
            _VERDICTS.pop(next(iter(_VERDICTS)))
        entry = _VERDICTS[id(lexicon)] = (lexicon, _TermVerdicts())
    return entry[1]


@dataclass(frozen=True)
class _Terms:
    """The content terms of a text in order, as arrays: where each occurrence starts and ends,
    and its number in `vocabulary` (the text's distinct content terms, sorted)."""

    vocabulary: list[str]
    ids: Any
    starts: Any
    ends: Any

    @property
    def words(self) -> list[str]:
        """Each occurrence's word, in order."""
        return list(map(self.vocabulary.__getitem__, self.ids.tolist()))


def _term_positions(analysed: str, segmenter: Segmenter) -> _Terms:
    """The content terms text_units keeps from segmenter.tokens(): the same words and
    offsets, found without a Token or a tag for every word (the selection runs in C)."""
    import numpy as np

    from xzcli.segment import find_quoted_terms

    quoted = [t for t in find_quoted_terms(analysed) if t] if segmenter.quoted_terms else []
    words = segmenter.words(analysed, quoted)
    vocabulary = sorted(_verdicts_of(segmenter).content_terms(words, quoted, segmenter))
    number = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
    n = len(words)
    # Every word's number, -1 for the words that are no content term; the words cover the
    # text, so where each ends is the running sum of their lengths.
    ids = np.fromiter(map(number.get, words, repeat(-1)), dtype=np.int64, count=n)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=n)
    ends = np.cumsum(lengths)
    held = ids >= 0
    return _Terms(vocabulary, ids[held], ends[held] - lengths[held], ends[held])


def _term_spans(analysed: str, segmenter: Segmenter) -> list[tuple[int, int, str]]:
    """(start, end, word) of the content terms of a text, in order."""
    terms = _term_positions(analysed, segmenter)
    return list(zip(terms.starts.tolist(), terms.ends.tolist(), terms.words, strict=True))


def _units(text: str, analysed: str, terms: Sequence[tuple[int, int, str]], *, source: str,
           by: str) -> list[Unit]:
    if by not in UNIT_KINDS:
        raise UsageError(f"--by {by!r}: choose one of {', '.join(UNIT_KINDS)}")
    starts = [s for s, _, _ in terms]

    def terms_in(start: int, end: int) -> list[str]:
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [w for s, e, w in terms[lo:hi] if e <= end]

    def sentence(start: int, end: int) -> Sentence:
        return Sentence(text[start:end], start, tuple(sorted(set(terms_in(start, end)))))

    if by == "document":
        parts = _parts(analysed, "section")
        all_sentences = tuple(sentence(s, e) for p in parts for s, e in p.sentences)
        return [Unit(source, "document", 0, None, 0, len(text), Counter(terms_in(0, len(text))),
                     all_sentences)]
    units: list[Unit] = []
    for number, part in enumerate(_parts(analysed, by)):
        counts = Counter(terms_in(part.start, part.end))
        if not counts:
            continue  # a caption or a line of numbers: nothing to weigh
        index = part.index if by == "paragraph" else number
        units.append(Unit(source, by, index, part.heading, part.start, part.end, counts,
                          tuple(sentence(s, e) for s, e in part.sentences), part.section))
    return units


def document_units(text: str, segmenter: Segmenter, *, source: str, by: str) -> list[Unit]:
    """Units of one document as read: analyse, segment once, split."""
    from xzcli.sources import analysis_text

    if by not in UNIT_KINDS:
        raise UsageError(f"--by {by!r}: choose one of {', '.join(UNIT_KINDS)}")
    analysed = analysis_text(text)
    return _units(text, analysed, _term_spans(analysed, segmenter), source=source, by=by)


# -- document frequencies ---------------------------------------------------------------------
@dataclass
class DocumentFrequencies:
    """Mergeable document frequencies: in how many documents each term occurs, out of N."""

    df: Counter[str] = field(default_factory=Counter)
    n_documents: int = 0

    def add(self, terms: Iterable[str]) -> None:
        self.df.update(set(terms))
        self.n_documents += 1

    def merge(self, other: DocumentFrequencies) -> DocumentFrequencies:
        self.df.update(other.df)
        self.n_documents += other.n_documents
        return self

    def idf(self, term: str) -> float:
        return smooth_idf(self.df.get(term, 0), self.n_documents)

    @property
    def unseen_idf(self) -> float:
        """The weight of a term the table has never seen: df = 0, the largest idf there is."""
        return smooth_idf(0, self.n_documents)


def smooth_idf(df: int, n: int) -> float:
    """scikit-learn's smooth idf: ln((1 + n) / (1 + df)) + 1."""
    return math.log((1 + n) / (1 + df)) + 1.0


def count_document_frequencies(text: str, segmenter: Segmenter, *,
                               unit: str = DEFAULT_IDF_UNIT) -> DocumentFrequencies:
    """Document frequencies of one file, counting each file, section or paragraph as a document.

    Paragraphs are the default: whole files of one genre share most vocabulary (every work
    report mentions 养老 and 教育), so only a finer unit tells a topic word from a common one.
    """
    if unit not in IDF_UNITS:
        raise UsageError(f"--unit {unit!r}: choose one of {', '.join(IDF_UNITS)}")
    frequencies = DocumentFrequencies()
    for terms in _unit_terms(text, segmenter, by="document" if unit == "file" else unit):
        if terms:
            frequencies.add(_with_inner_terms(terms, segmenter))
    return frequencies


def _unit_terms(text: str, segmenter: Segmenter, *, by: str) -> list[set[str]]:
    """The distinct content terms of each unit document_units would give (no sentences).

    A unit holds the occurrences that start inside it and end by its end; occurrences are
    tokens, in order, so their starts and ends both rise and two bisections find them.
    """
    from xzcli.sources import analysis_text

    analysed = analysis_text(text)
    terms = _term_positions(analysed, segmenter)
    vocabulary = terms.vocabulary
    ids: list[int] = terms.ids.tolist()
    if by == "document":
        return [set(map(vocabulary.__getitem__, set(ids)))]
    starts, ends = terms.starts.tolist(), terms.ends.tolist()
    out = []
    for part in _parts(analysed, by, sentences=False):
        lo = bisect.bisect_left(starts, part.start)
        hi = bisect.bisect_right(ends, part.end, lo, bisect.bisect_left(starts, part.end, lo))
        out.append(set(map(vocabulary.__getitem__, set(ids[lo:hi]))))
    return out


def _with_inner_terms(counts: Iterable[str], segmenter: Segmenter) -> set[str]:
    """The terms of a unit, with the lexicon terms nested inside its longer tokens: a term
    occurs in a paragraph where 污染防治攻坚战 stands as much as where 污染防治 does. keywords
    counts a term at every level, so the df that weighs those counts must see every level too
    (otherwise an inner term such as 基本养老金 looks rare and ranks first)."""
    terms = set(counts)
    for word in counts:
        if len(word) > 2:
            terms.update(term for term, _ in segmenter.inner_terms(word))
    return terms


def format_idf_table(frequencies: DocumentFrequencies, *, min_df: int = 1,
                     unit: str = DEFAULT_IDF_UNIT) -> str:
    """The TSV form: a header with N, then `term<TAB>df` by falling df, then term."""
    rows = sorted(((t, d) for t, d in frequencies.df.items() if d >= min_df),
                  key=lambda r: (-r[1], r[0]))
    head = [
        f"{IDF_HEADER} documents={frequencies.n_documents} unit={unit} min_df={min_df}",
        "# idf(term) = ln((1 + documents) / (1 + df)) + 1; unlisted terms take df = 0",
    ]
    return "\n".join(head + [f"{t}\t{d}" for t, d in rows]) + "\n"


_HEADER_RE = re.compile(r"documents=([0-9]+)")


def parse_idf_table(lines: Iterable[str], name: str) -> DocumentFrequencies:
    """Read a table written by `format_idf_table` (or by hand: the header needs documents=N)."""
    frequencies = DocumentFrequencies()
    n: int | None = None
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            match = _HEADER_RE.search(line)
            if match and n is None:
                if len(match.group(1)) > 15:  # 10^400 documents overflowed the IDF's float
                    raise DictionaryError(f"{name}:{lineno}: documents={match.group(1)[:20]}… "
                                          "is not a number of documents")
                n = int(match.group(1))
            continue
        parts = line.split("\t")
        df = parts[1].strip() if len(parts) == 2 else ""
        if not (df.isascii() and df.isdigit()) or not parts[0].strip():
            raise DictionaryError(f"{name}:{lineno}: expected 'term<TAB>df', got {line[:60]!r}")
        frequencies.df[parts[0].strip()] += int(parts[1])
    if n is None:
        raise DictionaryError(
            f"{name}: no '# ... documents=N' header line; build tables with 'xzcli idf build'"
        )
    too_big = [t for t, d in frequencies.df.items() if d > n]
    if too_big:
        raise DictionaryError(f"{name}: df of {too_big[0]!r} is larger than documents={n}")
    frequencies.n_documents = n
    return frequencies


def load_idf_table(path: Path) -> DocumentFrequencies:
    from xzcli.data import read_text_lines

    return parse_idf_table(read_text_lines(path, "IDF table"), str(path))


def policy_idf_path() -> Path:
    from xzcli.data import builtin

    return builtin(POLICY_IDF_FILE)


# -- weighing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class TermWeight:
    term: str
    weight: float


@dataclass(frozen=True)
class SummarySentence:
    text: str
    offset: int
    score: float


@dataclass(frozen=True)
class UnitSummary:
    unit: Unit
    terms: tuple[TermWeight, ...]
    summary: tuple[SummarySentence, ...]


def _elements(counts: Mapping[str, int]) -> list[str]:
    return [t for t, n in counts.items() for _ in range(n)]


def weigh_units(units: Sequence[Unit], idf: DocumentFrequencies | None = None, *,
                sublinear_tf: bool = True, soft_df: bool = True) -> tuple[Any, list[str]]:
    """Sparse TF-IDF rows (L2-normalised), one per unit, and the vocabulary in column order.

    The units are always weighed against each other with scikit-learn's smooth idf,
    `ln((1 + n) / (1 + df)) + 1`: that is what sets one apart from its siblings. A term every
    unit uses says nothing of that kind and weighs 0. With a table (the policy IDF, or
    `--idf`), each weight is also multiplied by the table's idf, which says what sets the text
    apart from policy language in general; terms the table lacks take its `unseen_idf`.

    `soft_df` counts a unit toward a term's df in proportion to how heavily it uses the term
    (its relative frequency over the largest any unit has): a report that names its own
    province forty times keeps that name's weight when other reports mention it in passing
    once (对口支援新疆), where a plain df would count each passing mention as much as the forty.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(u.counts for u in units):
        return None, []  # scikit-learn refuses an empty vocabulary
    import numpy as np
    from scipy.sparse import diags
    from sklearn.preprocessing import normalize

    counter = TfidfVectorizer(analyzer=_elements, lowercase=False, use_idf=False, norm=None)
    counts = counter.fit_transform([u.counts for u in units]).tocsr()
    vocabulary = list(counter.get_feature_names_out())
    n = counts.shape[0]
    present = np.asarray((counts > 0).sum(axis=0)).ravel()
    if soft_df:
        shares = normalize(counts, norm="l1")  # relative frequency within each unit
        peak = np.asarray(shares.max(axis=0).todense()).ravel()
        relative = (shares @ diags(SOFT_DF_SCALE / peak)).tocsr()
        relative.data = np.minimum(relative.data, 1.0)
        df = np.asarray(relative.sum(axis=0)).ravel()
    else:
        df = present.astype(float)
    weights = np.log((1 + n) / (1 + df)) + 1.0
    if n > 1:
        # Shared by every unit: zero it rather than let sheer frequency (发展, 建设) rank it.
        weights[present == n] = 0.0
    if idf is not None:
        weights *= np.array([idf.idf(t) for t in vocabulary], dtype=float)
    tf = counts.astype(float)
    if sublinear_tf:
        tf.data = np.log(tf.data) + 1.0
    matrix = normalize((tf @ diags(weights)).tocsr(), norm="l2")
    matrix.eliminate_zeros()
    return matrix, vocabulary


def top_terms(row: Any, vocabulary: Sequence[str], top: int) -> tuple[TermWeight, ...]:
    """The row's highest weights, rounded, by falling weight then term (deterministic)."""
    pairs = [(round(float(w), WEIGHT_DECIMALS), vocabulary[i])
             for i, w in zip(row.indices, row.data, strict=True) if w > 0]
    pairs.sort(key=lambda p: (-p[0], p[1]))
    return tuple(TermWeight(t, w) for w, t in pairs[:top])


# A summary sentence says something: at least this many distinct content terms and characters,
# so five-character stock lines (大力发展数字教育。) give way while longer sentences exist.
MIN_SUMMARY_TERMS = 3
MIN_SUMMARY_CHARS = 16


def summary_sentences(unit: Unit, terms: Sequence[TermWeight], n: int) -> tuple[
        SummarySentence, ...]:
    """The n sentences that carry most of the unit's top terms, in reading order.

    A sentence scores the weights of the distinct top terms it contains, divided by the square
    root of its own number of distinct terms: long sentences that list everything do not win
    on length alone, and a short one that is all top terms does. Sentences with fewer than
    MIN_SUMMARY_TERMS terms or MIN_SUMMARY_CHARS characters come only when too few others
    carry a top term.
    """
    if n <= 0 or not terms:
        return ()
    weights = {t.term: t.weight for t in terms}
    scored: list[tuple[bool, float, int, Sentence]] = []
    for sentence in unit.sentences:
        hit = sum(weights.get(t, 0.0) for t in sentence.terms)
        if hit <= 0:
            continue
        score = round(hit / math.sqrt(len(sentence.terms)), WEIGHT_DECIMALS)
        informative = (len(sentence.terms) >= MIN_SUMMARY_TERMS
                       and len(sentence.text) >= MIN_SUMMARY_CHARS)
        scored.append((informative, score, sentence.offset, sentence))
    scored.sort(key=lambda s: (not s[0], -s[1], s[2]))
    chosen = sorted(scored[:n], key=lambda s: s[2])
    return tuple(SummarySentence(s.text, s.offset, score) for _, score, _, s in chosen)


def summarize_units(units: Sequence[Unit], idf: DocumentFrequencies | None = None, *,
                    top: int = 10, sentences: int = 3, sublinear_tf: bool = True,
                    soft_df: bool = True) -> list[UnitSummary]:
    """Top terms and summary sentences of every unit, in input order."""
    matrix, vocabulary = weigh_units(units, idf, sublinear_tf=sublinear_tf, soft_df=soft_df)
    out: list[UnitSummary] = []
    for i, unit in enumerate(units):
        terms = top_terms(matrix.getrow(i), vocabulary, top) if matrix is not None else ()
        out.append(UnitSummary(unit, terms, summary_sentences(unit, terms, sentences)))
    return out


def document_frequencies_task(doc: Any, segmenter: Segmenter, *,
                              unit: str = DEFAULT_IDF_UNIT) -> DocumentFrequencies:
    """The per-document task of `xzcli idf build` (module level: it runs in worker processes)."""
    return count_document_frequencies(doc.text, segmenter, unit=unit)


# -- the --idf tables a run weighs by -----------------------------------------------------------
# Below this many inputs the built-in policy IDF is multiplied in unless --idf says otherwise.
FEW_INPUTS = 10


def load_idf_tables(names: list[str]) -> tuple[DocumentFrequencies, list[Any], str]:
    """Merge the --idf tables; also their fingerprints for the envelope and a label."""
    from xzcli.data import sha256_of
    from xzcli.errors import InputError
    from xzcli.segment import DictionaryInfo

    merged = DocumentFrequencies()
    infos: list[Any] = []
    labels: list[str] = []
    for name in names:
        path = policy_idf_path() if name == POLICY_IDF else Path(name)
        if not path.is_file():
            raise InputError(f"--idf {name}: no such file (build one with 'xzcli idf build', "
                             f"or say --idf {POLICY_IDF} for the built-in table)")
        table = load_idf_table(path)
        merged.merge(table)
        infos.append(DictionaryInfo(path.name, str(path), sha256_of(path.resolve()),
                                    len(table.df)))
        labels.append(POLICY_IDF if name == POLICY_IDF else str(path))
    return merged, infos, " + ".join(labels)


# -- one run of `xzcli tfidf` (and `xzcli.api.tfidf`) -------------------------------------------
TF_SCALES = ("auto", "log", "raw")
# The payload's key for each kind of unit.
UNIT_KEYS = {"document": "documents", "section": "sections", "paragraph": "paragraphs"}


def unit_kind(by: str | None, n_inputs: int) -> str:
    """The units to weigh: as asked, else one per document for several inputs, one per
    section for one."""
    if by is None:
        return "document" if n_inputs > 1 else "section"
    if by not in UNIT_KINDS:
        raise UsageError(f"unknown unit {by!r}; choose one of: {', '.join(UNIT_KINDS)}")
    return by


def idf_tables_for(names: Sequence[str], n_inputs: int
                   ) -> tuple[DocumentFrequencies | None, list[Any], str]:
    """The --idf tables merged (with fingerprints and label), or None to weigh by the inputs
    alone. A handful of documents give the idf among them only a handful of values (three
    reports: three), so terms tie and chance decides: below FEW_INPUTS the policy table
    weighs in unless `names` says otherwise."""
    chosen = list(names or ([POLICY_IDF] if n_inputs < FEW_INPUTS else []))
    if not chosen:
        return None, [], ""
    return load_idf_tables(chosen)


def sublinear_tf(tf: str, kind: str) -> bool:
    """Whether term frequencies are log-scaled: --tf log, or auto for whole documents."""
    if tf not in TF_SCALES:
        raise UsageError(f"unknown --tf {tf!r}; choose one of: {', '.join(TF_SCALES)}")
    return tf == "log" or (tf == "auto" and kind == "document")


def unit_record(result: UnitSummary, by: str) -> dict[str, Any]:
    """One unit in the JSON payload: documents, sections and paragraphs share a shape."""
    return _record(result.unit, result.terms, result.summary, by)


def _record(unit: Unit | PackedUnit, terms: Sequence[TermWeight],
            summary: Sequence[SummarySentence], by: str) -> dict[str, Any]:
    record: dict[str, Any] = {"source": unit.source}
    if by == "section":
        record.update(heading=unit.heading, offset=unit.offset)
    elif by == "paragraph":
        record.update(index=unit.index, section=unit.section, offset=unit.offset)
    record["terms"] = [{"term": t.term, "weight": t.weight} for t in terms]
    record["summary"] = [{"text": s.text, "offset": s.offset, "score": s.score}
                         for s in summary]
    return record


def unit_rows(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows for CSV/TSV (source, heading, index, item, rank, text, value, offset): one
    per top term and one per summary sentence."""
    rows: list[dict[str, Any]] = []
    for record in records:
        base = {"source": record["source"], "heading": record.get("heading"),
                "index": record.get("index")}
        for rank, term in enumerate(record["terms"], start=1):
            rows.append({**base, "item": "term", "rank": rank, "text": term["term"],
                         "value": term["weight"], "offset": None})
        for rank, sentence in enumerate(record["summary"], start=1):
            rows.append({**base, "item": "sentence", "rank": rank, "text": sentence["text"],
                         "value": sentence["score"], "offset": sentence["offset"]})
    return rows


# -- the analysis: analyse / merge / payload ---------------------------------------------------
# Weighing needs every unit's counts before it can weigh one (a term's idf is over all units),
# so tfidf runs in two passes. `analyse` makes each document's units (one segmentation: term
# counts and sentences), `merge` appends them in input order to a TfidfUnits, which keeps
# them on disk once they pass SPILL_CHARS, with the statistics of all units so far (a
# vocabulary's worth); `payload` then reads the counts once more for the soft df, and each
# unit once to weigh it and pick its summary. Memory follows the vocabulary, not the corpus.
SCHEMA = "xzcli.tfidf/1"
# Units kept in memory before a TfidfUnits moves them to disk (characters of sentence text).
SPILL_CHARS = 2_000_000


@dataclass(frozen=True)
class PackedUnit:
    """A unit as it travels between processes and waits on disk: what weighing and the
    summary need of it, in a few arrays rather than an object per sentence.

    `terms` are the unit's distinct content terms, sorted, and `counts` their counts. Sentence
    k runs from `starts[k]` to `stops[k]` in the document, holds `sizes[k]` distinct content
    terms and reads `text[starts[k] - base:stops[k] - base]`; term i stands in the sentences
    `postings[bounds[i]:bounds[i + 1]]` (ascending).
    """

    source: str
    kind: str
    index: int
    heading: str | None
    offset: int
    end: int
    section: str | None
    terms: list[str]
    counts: Any
    base: int
    text: str
    starts: Any
    stops: Any
    sizes: Any
    postings: Any
    bounds: Any


class _DocumentTerms:
    """The content terms of one document (_term_positions' arrays), for packing its units:
    each occurrence's start, end and number in the document's sorted vocabulary."""

    def __init__(self, terms: _Terms) -> None:
        self.vocabulary = terms.vocabulary
        self.ids = terms.ids
        self.starts = terms.starts
        self.ends = terms.ends

    def _between(self, start: int, end: int) -> slice:
        """The occurrences that start at or after `start` and before `end`."""
        import numpy as np

        lo = int(np.searchsorted(self.starts, start, "left"))
        return slice(lo, max(lo, int(np.searchsorted(self.starts, end, "left"))))

    def pack(self, text: str, spans: Sequence[tuple[int, int]], start: int, end: int, *,
             head: tuple[str, str, int, str | None, int, int, str | None],
             keep_empty: bool) -> PackedUnit | None:
        """The unit over [start, end) with these sentence spans (None when it has no terms
        and `keep_empty` is false): the same counts and sentence terms as _units gives."""
        import numpy as np

        inside = self._between(start, end)
        ids, counts = np.unique(self.ids[inside][self.ends[inside] <= end], return_counts=True)
        if not len(ids) and not keep_empty:
            return None
        sentence_of, term_of = self._sentence_terms(spans)
        n = max(len(spans), 1)
        # Each distinct (term, sentence) pair as one number, term * n + sentence: sorted,
        # they give each term's sentences in order.
        pairs = np.unique(term_of * n + sentence_of)
        pair_terms, pair_sentences = np.divmod(pairs, n)
        sizes = np.bincount(pair_sentences, minlength=len(spans))
        local = np.searchsorted(ids, pair_terms)
        known = local < len(ids)  # a sentence reaching past the unit holds other terms too
        known[known] = ids[local[known]] == pair_terms[known]
        bounds = np.searchsorted(local[known], np.arange(len(ids) + 1), "left")
        starts = np.array([s for s, _ in spans], dtype=np.int64)
        stops = np.array([e for _, e in spans], dtype=np.int64)
        base = int(starts.min()) if len(spans) else 0
        top = int(stops.max()) if len(spans) else 0
        vocabulary = self.vocabulary
        return PackedUnit(*head, [vocabulary[i] for i in ids.tolist()], counts.astype(np.int64),
                          base, text[base:top], starts, stops, sizes.astype(np.int64),
                          pair_sentences[known], bounds.astype(np.int64))

    def pack_all(self, text: str, units: Sequence[tuple[int, int, Sequence[tuple[int, int]]]],
                 heads: Sequence[tuple[str, str, int, str | None, int, int, str | None]], *,
                 keep_empty: bool) -> list[PackedUnit]:
        """pack() of each (start, end, sentence spans) with its head, in order, the units
        without terms left out unless `keep_empty`: the same units, from a few passes over
        the whole document instead of a dozen array operations per unit.

        That needs the units in order and apart, and their sentences too, all taken together
        (as sections and paragraphs are); otherwise each unit is packed alone.
        """
        import numpy as np

        if not units:
            return []
        lows = np.array([lo for lo, _, _ in units], dtype=np.int64)
        highs = np.array([hi for _, hi, _ in units], dtype=np.int64)
        sizes_of = [len(spans) for _, _, spans in units]
        spans = np.array([x for _, _, s in units for x in s], dtype=np.int64).reshape(-1, 2)
        starts, stops = spans[:, 0].copy(), spans[:, 1].copy()
        n_units, n_sentences = len(units), len(starts)
        n_terms = max(len(self.vocabulary), 1)
        n_slots = max(n_sentences, 1)
        if (np.any(lows[1:] < highs[:-1]) or np.any(starts > stops)
                or np.any(starts[1:] < stops[:-1]) or n_units * n_terms * n_slots >= 2 ** 63):
            alone = (self.pack(text, s, lo, hi, head=head, keep_empty=keep_empty)
                     for (lo, hi, s), head in zip(units, heads, strict=True))
            return [unit for unit in alone if unit is not None]
        at, ends, ids = self.starts, self.ends, self.ids
        # An occurrence is in the last unit (sentence) that starts at or before it, if it
        # starts before that one's end and ends by it.
        unit = np.searchsorted(lows, at, "right") - 1
        held = np.flatnonzero(unit >= 0)
        end = highs[unit[held]]
        held = held[(at[held] < end) & (ends[held] <= end)]
        # Each unit's distinct terms and their counts, as unit * n_terms + term, sorted.
        keys, counts = np.unique(unit[held] * n_terms + ids[held], return_counts=True)
        sentence = np.searchsorted(starts, at, "right") - 1
        inside = np.flatnonzero(sentence >= 0)
        end = stops[sentence[inside]]
        inside = inside[(at[inside] < end) & (ends[inside] <= end)]
        sentence_unit = np.repeat(np.arange(n_units, dtype=np.int64), sizes_of)
        # Each distinct (unit, term, sentence) as one number: sorted, they give each unit's
        # terms in order and each term's sentences in order.
        pairs = np.unique((sentence_unit[sentence[inside]] * n_terms + ids[inside]) * n_slots
                          + sentence[inside])
        pair_keys, pair_sentences = np.divmod(pairs, n_slots)
        sentence_sizes = np.bincount(pair_sentences, minlength=n_sentences)
        where = np.searchsorted(keys, pair_keys)
        known = where < len(keys)  # a sentence reaching past its unit holds other terms too
        known[known] = keys[where[known]] == pair_keys[known]
        postings = pair_sentences[known]
        # Where each (unit, term)'s sentences start among the postings, and each unit's terms.
        bounds = np.searchsorted(where[known], np.arange(len(keys) + 1), "left")
        term_bounds = np.searchsorted(keys, np.arange(n_units + 1) * n_terms).tolist()
        first = [0, *accumulate(sizes_of)]
        vocabulary = self.vocabulary
        words = list(map(vocabulary.__getitem__, (keys % n_terms).tolist()))
        counts = counts.astype(np.int64)
        posting_at = bounds.tolist()
        packed: list[PackedUnit] = []
        for k, head in enumerate(heads):
            a, b = term_bounds[k], term_bounds[k + 1]
            if a == b and not keep_empty:
                continue
            f, g = first[k], first[k + 1]
            base, top = (int(starts[f]), int(stops[g - 1])) if g > f else (0, 0)
            packed.append(PackedUnit(
                *head, words[a:b], counts[a:b].copy(), base, text[base:top],
                starts[f:g].copy(), stops[f:g].copy(), sentence_sizes[f:g].astype(np.int64),
                postings[posting_at[a]:posting_at[b]] - f,
                (bounds[a:b + 1] - bounds[a]).astype(np.int64)))
        return packed

    def _sentence_terms(self, spans: Sequence[tuple[int, int]]) -> tuple[Any, Any]:
        """(sentence, term number) of every term occurrence inside a sentence: one that
        starts in it and ends by its end, as _units' terms_in takes them."""
        import numpy as np

        empty = np.zeros(0, dtype=np.int64)
        if not spans:
            return empty, empty
        starts = np.array([s for s, _ in spans], dtype=np.int64)
        stops = np.array([e for _, e in spans], dtype=np.int64)
        if np.all(starts[1:] >= stops[:-1]):
            # In order and apart (as sentences are): an occurrence can only be in the last
            # sentence that starts at or before it.
            inside = self._between(int(starts[0]), int(stops[-1]))
            at, ends, ids = self.starts[inside], self.ends[inside], self.ids[inside]
            sentence = np.searchsorted(starts, at, "right") - 1
            held = (at < stops[sentence]) & (ends <= stops[sentence])
            return sentence[held], ids[held]
        sentences, terms = [], []
        for k, (s, e) in enumerate(spans):
            inside = self._between(s, e)
            ids = self.ids[inside][self.ends[inside] <= e]
            sentences.append(np.full(len(ids), k, dtype=np.int64))
            terms.append(ids)
        return np.concatenate(sentences), np.concatenate(terms)


def packed_units(text: str, segmenter: Segmenter, *, source: str, by: str
                 ) -> list[PackedUnit]:
    """The units of one document as read, packed: document_units' units, in the same order
    with the same counts and sentences."""
    from xzcli.sources import analysis_text

    if by not in UNIT_KINDS:
        raise UsageError(f"--by {by!r}: choose one of {', '.join(UNIT_KINDS)}")
    analysed = analysis_text(text)
    terms = _DocumentTerms(_term_positions(analysed, segmenter))
    if by == "document":
        spans = [x for part in _parts(analysed, "section") for x in part.sentences]
        return terms.pack_all(text, [(0, len(text), spans)],
                              [(source, "document", 0, None, 0, len(text), None)],
                              keep_empty=True)
    parts = _parts(analysed, by)
    # Units without terms (a caption or a line of numbers: nothing to weigh) are left out.
    return terms.pack_all(text, [(part.start, part.end, part.sentences) for part in parts],
                          [(source, by, part.index if by == "paragraph" else number,
                            part.heading, part.start, part.end, part.section)
                           for number, part in enumerate(parts)], keep_empty=False)


# PackedUnit's arrays, which travel and wait on disk end to end (see _encode).
_ARRAY_FIELDS = ("counts", "starts", "stops", "sizes", "postings", "bounds")


def _joined(arrays: Sequence[Any]) -> Any:
    """The arrays end to end (int64; empty for none)."""
    import numpy as np

    return np.concatenate(arrays) if len(arrays) else np.zeros(0, dtype=np.int64)


def _parted(array: Any, sizes: Sequence[int]) -> list[Any]:
    """The array cut back into consecutive pieces of these sizes (views, not copies)."""
    ends = list(accumulate(sizes))
    return [array[end - n:end] for end, n in zip(ends, sizes, strict=True)]


def _shares(counts: Any, sizes: Sequence[int]) -> Any:
    """Each count over the total of its unit's counts (units of `sizes` terms end to end):
    what `counts / float(counts.sum())` gives unit by unit, float for float."""
    import numpy as np

    lengths = np.asarray(sizes, dtype=np.int64)
    ends = np.cumsum(lengths)
    running = np.concatenate(([0], np.cumsum(counts)))
    totals = running[ends] - running[ends - lengths]
    return counts / np.repeat(totals.astype(float), lengths)


def _encode(units: Sequence[PackedUnit]) -> tuple[list[tuple[Any, ...]], list[list[int]],
                                                   list[Any]]:
    """Units as a few objects to pickle: each unit's other fields, and each array field of
    all units end to end with their lengths (an array pickles in some microseconds however
    small, and a document's paragraphs have thousands)."""
    heads = [(u.source, u.kind, u.index, u.heading, u.offset, u.end, u.section, u.terms,
              u.base, u.text) for u in units]
    arrays = [[getattr(u, name) for u in units] for name in _ARRAY_FIELDS]
    return heads, [list(map(len, column)) for column in arrays], list(map(_joined, arrays))


def _decode(encoded: tuple[list[tuple[Any, ...]], list[list[int]], list[Any]]
            ) -> list[PackedUnit]:
    """The units _encode was given (their arrays as views of the joined ones)."""
    heads, lengths, joined = encoded
    columns = [_parted(array, sizes) for array, sizes in zip(joined, lengths, strict=True)]
    return [PackedUnit(source, kind, index, heading, offset, end, section, terms, counts, base,
                       text, starts, stops, sizes, postings, bounds)
            for (source, kind, index, heading, offset, end, section, terms, base, text),
            counts, starts, stops, sizes, postings, bounds
            in zip(heads, *columns, strict=True)]


class _Spill:
    """Units on disk in arrival order, and what weighing needs to know of all of them: how
    many there are, and for each term (numbered as first met) how many units use it and its
    heaviest relative use in any unit (what weigh_units reads off the whole matrix)."""

    def __init__(self) -> None:
        import tempfile

        import numpy as np

        self.index: dict[str, int] = {}
        self.n_units = 0
        self.present = np.zeros(4096, dtype=np.int64)
        self.peak = np.zeros(4096, dtype=float)
        self._counts = tempfile.TemporaryFile()
        self._units = tempfile.TemporaryFile()

    def write(self, units: Sequence[PackedUnit]) -> None:
        """Append the units to the files and add them to the statistics, all at once: a
        batch of paragraphs has thousands of units, and pickling or updating the statistics
        unit by unit cost some microseconds for each of their few small arrays."""
        import pickle

        import numpy as np

        self.n_units += len(units)
        sizes = [len(unit.terms) for unit in units]
        ids = self._ids(list(chain.from_iterable(unit.terms for unit in units)))
        counts = _joined([unit.counts for unit in units])
        # A unit's terms are distinct: adding and taking the maximum term by term in unit
        # order gives what `present[ids] += 1` and `peak[ids] = maximum(...)` gave per unit.
        np.add.at(self.present, ids, 1)
        np.maximum.at(self.peak, ids, _shares(counts, sizes))
        pickle.dump((ids, counts, sizes), self._counts, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump((ids, sizes, _encode(units)), self._units, protocol=pickle.HIGHEST_PROTOCOL)

    def _ids(self, terms: Sequence[str]) -> Any:
        """Each term's number (terms of several units end to end): new terms are numbered
        as first met, and the statistics grow to hold them."""
        import numpy as np

        index = self.index
        new = list(dict.fromkeys(filterfalse(index.__contains__, terms)))  # as first met
        if new:
            index.update(zip(new, range(len(index), len(index) + len(new)), strict=True))
            if len(index) > len(self.present):
                size = max(len(index), 2 * len(self.present))
                self.present = np.concatenate(
                    [self.present, np.zeros(size - len(self.present), dtype=np.int64)])
                self.peak = np.concatenate([self.peak, np.zeros(size - len(self.peak))])
        return np.fromiter(map(index.__getitem__, terms), dtype=np.int64, count=len(terms))

    @staticmethod
    def _read(handle: Any) -> Iterator[Any]:
        """The batches written to a file, in order."""
        import pickle

        handle.flush()
        handle.seek(0)
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return

    def units(self) -> Iterator[tuple[Any, PackedUnit]]:
        """(term numbers, unit) of every unit, in order."""
        for ids, sizes, encoded in self._read(self._units):
            yield from zip(_parted(ids, sizes), _decode(encoded), strict=True)

    def weights(self, idf: DocumentFrequencies | None, *, soft_df: bool = True) -> Any:
        """Each term's idf weight, by term number: weigh_units' values, computed alike
        (the soft df adds up unit by unit, in unit order, so the sums are the same)."""
        import numpy as np

        size = len(self.index)
        n = self.n_units
        present = self.present[:size]
        if soft_df:
            scale = SOFT_DF_SCALE / self.peak[:size]  # every term has a unit: peak > 0
            df = np.zeros(size)
            for ids, counts, sizes in self._read(self._counts):
                # np.add.at adds in order, one occurrence at a time: each term's sum takes
                # its units' shares in unit order, as `df[ids] += share` unit by unit did.
                np.add.at(df, ids, np.minimum(_shares(counts, sizes) * scale[ids], 1.0))
        else:
            df = present.astype(float)
        weights = np.log((1 + n) / (1 + df)) + 1.0
        if n > 1:
            weights[present == n] = 0.0  # shared by every unit (see weigh_units)
        if idf is not None:
            weights *= np.array([idf.idf(t) for t in self.index], dtype=float)
        return weights

    def close(self) -> None:
        self._counts.close()
        self._units.close()


class TfidfUnits:
    """The units of the documents analysed so far, in input order: what `analyse` gives for
    one document and `merge` adds up. Kept in memory while small (a document, a worker's
    batch), on disk past SPILL_CHARS; pickled (to cross processes), it carries its units."""

    def __init__(self, units: Iterable[PackedUnit] = ()) -> None:
        self._pending: list[PackedUnit] = list(units)
        self._chars = sum(len(u.text) for u in self._pending)
        self._spill: _Spill | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"units": _encode(list(self.units()))}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._pending = _decode(state["units"])
        self._chars = sum(len(u.text) for u in self._pending)
        self._spill = None

    def units(self) -> Iterator[PackedUnit]:
        """Every unit, in order."""
        if self._spill is not None:
            yield from (unit for _, unit in self._spill.units())
        yield from self._pending

    def merge(self, other: TfidfUnits) -> TfidfUnits:
        """Append the other's units after these."""
        if other._spill is not None:
            self._add([unit for _, unit in other._spill.units()])
        self._add(other._pending)
        return self

    def _add(self, units: Sequence[PackedUnit]) -> None:
        self._pending.extend(units)
        self._chars += sum(len(u.text) for u in units)
        if self._chars > SPILL_CHARS:
            self.spilled()

    def spilled(self) -> _Spill:
        """Every unit on disk, with their statistics."""
        if self._spill is None:
            self._spill = _Spill()
        if self._pending:
            self._spill.write(self._pending)
            self._pending, self._chars = [], 0
        return self._spill

    def close(self) -> None:
        """Remove the units from disk."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None


def analyse(doc: Any, segmenter: Segmenter, *, by: str) -> TfidfUnits:
    """One document's units (itself, its sections or its paragraphs), packed."""
    return TfidfUnits(packed_units(doc.text, segmenter, source=doc.source, by=by))


def merge(left: TfidfUnits, right: TfidfUnits) -> TfidfUnits:
    return left.merge(right)


@dataclass(frozen=True)
class TfidfOptions:
    """How a run weighs: the unit kind, terms and sentences per unit, log or raw tf, and the
    --idf table that multiplies in (with its label), if any."""

    by: str = "document"
    top: int = 10
    sentences: int = 3
    sublinear: bool = True
    idf: DocumentFrequencies | None = None
    idf_label: str = ""
    soft_df: bool = True


def summarize_packed(unit: PackedUnit, ids: Any, weights: Any, *, top: int = 10,
                     sentences: int = 3, sublinear_tf: bool = True
                     ) -> tuple[tuple[TermWeight, ...], tuple[SummarySentence, ...]]:
    """A packed unit's top terms and summary sentences, given every term's weight by term
    number: what summarize_units gives the same unit, float for float.

    Only the terms near the top are rounded and sorted, and only the sentences holding a
    top term are scored (the others add nothing: they score 0 and never come).
    """
    import numpy as np

    if not unit.terms:
        return (), ()
    tf = np.asarray(unit.counts).astype(float)
    if sublinear_tf:
        tf = np.log(tf) + 1.0
    values = tf * weights[ids]
    norm = 0.0
    for v in values.tolist():  # in term order, one by one: the same sums every time
        norm += v * v
    norm = math.sqrt(norm)
    if norm == 0.0:
        return (), ()
    scaled = values / norm
    near = np.flatnonzero(scaled > 0)
    if len(near) > top:
        # A term ranks by its weight rounded to WEIGHT_DECIMALS: none more than 1e-4 below
        # the top-th largest can reach the top.
        kth = np.partition(scaled[near], len(near) - top)[len(near) - top]
        near = near[scaled[near] >= kth - 10.0 ** -WEIGHT_DECIMALS]
    terms_of = unit.terms
    pairs = [(round(v, WEIGHT_DECIMALS), terms_of[i], i)
             for v, i in zip(scaled[near].tolist(), near.tolist(), strict=True)]
    pairs.sort(key=lambda p: (-p[0], p[1]))
    chosen = pairs[:top]
    terms = tuple(TermWeight(t, w) for w, t, _ in chosen)
    return terms, _summary(unit, chosen, sentences)


def _summary(unit: PackedUnit, chosen: Sequence[tuple[float, str, int]], n: int
             ) -> tuple[SummarySentence, ...]:
    """summary_sentences for a packed unit: the weights of its top terms, added in term order
    into the sentences that hold them (as Python floats: a handful of sentences each, where
    an array per unit cost more than the sums)."""
    import numpy as np

    if n <= 0 or not chosen:
        return ()
    postings, bounds = np.asarray(unit.postings), unit.bounds
    hits: dict[int, float] = {}
    for weight, _, i in sorted(chosen, key=lambda p: p[1]):
        for k in postings[bounds[i]:bounds[i + 1]].tolist():
            hits[k] = hits.get(k, 0.0) + weight
    scored: list[tuple[bool, float, int, int]] = []
    for k in sorted(k for k, hit in hits.items() if hit > 0):
        size = int(unit.sizes[k])
        start, stop = int(unit.starts[k]), int(unit.stops[k])
        score = round(hits[k] / math.sqrt(size), WEIGHT_DECIMALS)
        informative = size >= MIN_SUMMARY_TERMS and stop - start >= MIN_SUMMARY_CHARS
        scored.append((informative, score, start, stop))
    scored.sort(key=lambda s: (not s[0], -s[1], s[2]))
    return tuple(SummarySentence(unit.text[start - unit.base:stop - unit.base], start, score)
                 for _, score, start, stop in sorted(scored[:n], key=lambda s: s[2]))


def payload(result: TfidfUnits, options: TfidfOptions) -> dict[str, Any]:
    """The JSON payload of `xzcli tfidf` (after the envelope): the unit kind, tf scaling, idf
    source and every unit's record in input order. Reads the units on disk twice: their
    counts for the document frequencies, then each unit to weigh it alone."""
    spill = result.spilled()
    weights = spill.weights(options.idf, soft_df=options.soft_df)
    records = []
    for ids, unit in spill.units():
        terms, summary = summarize_packed(unit, ids, weights, top=options.top,
                                          sentences=options.sentences,
                                          sublinear_tf=options.sublinear)
        records.append(_record(unit, terms, summary, options.by))
    idf = options.idf
    idf_info: dict[str, Any] = (
        {"source": options.idf_label, "documents": idf.n_documents,
         "unseen_idf": round(idf.unseen_idf, 4)}
        if idf is not None else {"source": "inputs", "documents": spill.n_units}
    )
    return {"by": options.by, "tf": "log" if options.sublinear else "raw", "idf": idf_info,
            UNIT_KEYS[options.by]: records}
