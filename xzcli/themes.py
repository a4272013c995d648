"""Theme lexicons and scores: which themes a text stresses, overall, per section, per paragraph."""

from __future__ import annotations

import bisect
import reprlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

# At the top, not in find_uncut: the parent process loads it before forking the workers,
# which inherit it instead of each spending about 0.15 s of CPU on the import.
import numpy as np

from xzcli.errors import DictionaryError, UsageError
from xzcli.matching import LiteralMatcher
from xzcli.offsets import token_starts
from xzcli.segment import CLAUSE_BREAKS, find_quoted_terms
from xzcli.sources import Document, analysis_text
from xzcli.structure import Structure, parse_structure

if TYPE_CHECKING:
    from xzcli.render.jsontext import Spool
    from xzcli.segment import Segmenter

BUILTIN_THEMES = "themes.toml"
# Weights bound scores to finite sums (inf or nan weights made invalid JSON).
MAX_WEIGHT = 1_000_000

__all__ = [
    "BY",
    "SCHEMA",
    "DocumentThemes",
    "ParagraphThemes",
    "SectionThemes",
    "Theme",
    "ThemeScore",
    "ThemeSet",
    "UnitScores",
    "TermMatcher",
    "ThemeTable",
    "ThemeTotals",
    "ThemesOptions",
    "TokenSpans",
    "analyse",
    "check_options",
    "load_themes",
    "merge",
    "payload",
    "token_boundaries",
    "parse_themes",
    "score_counts",
    "score_themes",
    "table",
    "theme_document",
    "theme_matches",
]


# -- theme sets -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Theme:
    """One theme: its name, what it covers, and its terms with their weights."""

    name: str
    description: str
    terms: tuple[tuple[str, float], ...]

    @property
    def weights(self) -> dict[str, float]:
        return dict(self.terms)


@dataclass(frozen=True)
class ThemeSet:
    """The themes of one file, in file order, plus phrases matched only to be ignored.

    `ignore` holds phrases such as 国家安全 or 会议精神: matched like terms so that the
    shorter theme terms inside them (安全, 精神) do not count there, but scoring nothing.
    """

    themes: tuple[Theme, ...]
    ignore: tuple[str, ...] = ()
    name: str = "themes"
    path: str = ""
    sha256: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.themes)

    @property
    def entries(self) -> int:
        return sum(len(t.terms) for t in self.themes)

    def term_themes(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """term -> ((theme, weight), ...) for every theme that lists it (computed once)."""
        return _term_themes(self)

    def shared_terms(self) -> dict[str, tuple[str, ...]]:
        """Terms listed under more than one theme (they count for each; computed once)."""
        return _shared_terms(self)

    def __hash__(self) -> int:
        # Hashed once per object: the caches keyed by a theme set (matcher_for,
        # _term_themes) are looked up several times per document.
        known = self.__dict__.get("_hash")
        if known is None:
            known = hash((self.themes, self.ignore, self.name, self.path, self.sha256))
            object.__setattr__(self, "_hash", known)
        return int(known)

    def __getstate__(self) -> dict[str, Any]:
        # A string's hash differs between processes: a worker hashes its copy anew.
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}


def load_themes(path: str | Path | None = None) -> ThemeSet:
    """The built-in themes, or a user's file (TOML in xzcli's layout, or cntext-style YAML)."""
    from xzcli.data import builtin, read_text_lines, sha256_of

    file = builtin(BUILTIN_THEMES) if path is None else Path(path)
    if not file.is_file():
        raise DictionaryError(f"{file}: no such theme file")
    text = "\n".join(read_text_lines(file, "theme file"))
    kind = "yaml" if file.suffix.lower() in (".yaml", ".yml") else "toml"
    themes = parse_themes(text, kind=kind, source=str(file))
    # The built-in file's location depends on the install: leave it out so results compare.
    where = "built-in" if path is None else str(file)
    return ThemeSet(themes.themes, themes.ignore, file.name, where, sha256_of(file.resolve()))


def parse_themes(text: str, *, kind: str = "toml", source: str = "<themes>") -> ThemeSet:
    """Parse a theme file's text; anything malformed is a one-line DictionaryError."""
    if not text.strip():
        raise DictionaryError(f"{source}: the theme file is empty; see the README for its format")
    if kind == "yaml":
        data = _load_yaml(text, source)
        return _from_cntext(data, source) if "Dictionary" in data else _from_mapping(data, source)
    return _from_mapping(_load_toml(text, source), source)


def _load_toml(text: str, source: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DictionaryError(f"{source}: not valid TOML ({_brief(str(exc), 200)})") from None
    except RecursionError:
        raise DictionaryError(f"{source}: arrays or tables nest too deeply") from None


# A theme file is a few thousand terms at most. Aliases are counted at what they expand to:
# nine anchors of nine aliases each ("billion laughs") stand for a billion nodes.
_MAX_YAML_NODES = 200_000


def _load_yaml(text: str, source: str) -> dict[str, Any]:
    """Plain data only (yaml's SafeLoader: a !!python/object tag is refused), bounded in size."""
    import yaml

    loader = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        if node is not None:
            _check_yaml_size(node, source)
        data = loader.construct_document(node) if node is not None else None
    except yaml.constructor.ConstructorError as exc:
        tag = getattr(exc.problem_mark, "line", None)
        at = f" at line {tag + 1}" if tag is not None else ""
        raise DictionaryError(f"{source}: YAML tag not allowed{at} "
                              f"({_brief(exc.problem or 'unknown tag', 120)}); theme files "
                              "hold plain text, numbers, lists and mappings") from None
    except yaml.reader.ReaderError as exc:  # a control character, say
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DictionaryError(f"{source}: not valid YAML (character U+{code:04X} at "
                              f"position {exc.position} is not allowed)") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}" if where is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise DictionaryError(f"{source}: not valid YAML{at} ({_brief(problem, 120)})") from None
    except RecursionError:
        raise DictionaryError(f"{source}: lists or mappings nest too deeply") from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        raise DictionaryError(f"{source}: expected a mapping with Category and Dictionary "
                              "(cntext layout) or themes: tables")
    return data


def _check_yaml_size(root: Any, source: str) -> None:
    """Refuse a document whose nodes, aliases expanded, exceed _MAX_YAML_NODES."""
    sizes: dict[int, int] = {}
    # Iterative post-order walk: deep nesting must not exhaust the Python stack here.
    stack: list[tuple[Any, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            size = 1 + sum(sizes[id(c)] for c in _yaml_children(node))
            if size > _MAX_YAML_NODES:
                raise DictionaryError(f"{source}: the YAML expands to over {_MAX_YAML_NODES:,} "
                                      "entries (aliases repeated inside aliases?)")
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise DictionaryError(f"{source}: a YAML alias refers to the list or mapping "
                                  "that contains it")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _yaml_children(node) if id(c) not in sizes)


def _yaml_children(node: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _brief(value: Any, limit: int = 60) -> str:
    """A value for an error message: never longer than `limit` characters."""
    text = value if isinstance(value, str) else reprlib.repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _label(value: Any) -> str:
    """A name or term quoted for an error message, cut short."""
    return _brief(repr(value) if isinstance(value, str) else value)


def _from_mapping(data: dict[str, Any], source: str) -> ThemeSet:
    """xzcli's layout: [themes.<name>] with description and terms (table or list)."""
    raw = data.get("themes")
    if not isinstance(raw, dict) or not raw:
        raise DictionaryError(f"{source}: no themes; expected [themes.<name>] tables with "
                              "terms (see the README)")
    themes = []
    for name, body in raw.items():
        if not isinstance(body, dict):
            raise DictionaryError(f"{source}: theme {_label(name)} must be a table with terms")
        description = body.get("description", "")
        if not isinstance(description, str):
            raise DictionaryError(f"{source}: theme {_label(name)}: description must be text")
        themes.append(Theme(str(name), description, _terms(body.get("terms"), name, source)))
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(t, str) and t.strip() for t in ignore):
        raise DictionaryError(f"{source}: ignore must be a list of phrases")
    return ThemeSet(tuple(themes), tuple(t.strip() for t in ignore))


def _from_cntext(data: dict[str, Any], source: str) -> ThemeSet:
    """cntext's YAML layout: Name, Desc, Category (list), Dictionary (category -> words)."""
    dictionary = data.get("Dictionary")
    if not isinstance(dictionary, dict) or not dictionary:
        raise DictionaryError(f"{source}: Dictionary must map each category to a list of words")
    categories = data.get("Category") or list(dictionary)
    if not isinstance(categories, list):
        raise DictionaryError(f"{source}: Category must be a list of category names")
    desc = data.get("Desc") or data.get("Name") or ""
    themes = []
    for category in categories:
        if not isinstance(category, (str, int, float)) or category not in dictionary:
            raise DictionaryError(f"{source}: category {_label(category)} is listed in "
                                  "Category but has no words in Dictionary")
        themes.append(Theme(str(category), str(desc), _terms(dictionary[category], category,
                                                             source)))
    return ThemeSet(tuple(themes))


def _terms(raw: Any, theme: Any, source: str) -> tuple[tuple[str, float], ...]:
    if isinstance(raw, list):
        pairs: Iterable[tuple[Any, Any]] = ((t, 1) for t in raw)
    elif isinstance(raw, dict):
        pairs = raw.items()
    else:
        raise DictionaryError(f"{source}: theme {_label(theme)} has no terms; give terms as a "
                              "table (term = weight) or a list")
    terms: dict[str, float] = {}
    name = _label(theme)
    for term, weight in pairs:
        if not isinstance(term, str) or not term.strip():
            raise DictionaryError(f"{source}: theme {name}: every term must be non-empty "
                                  f"text, got {_brief(term)}")
        if (isinstance(weight, bool) or not isinstance(weight, (int, float))
                or not 0 < weight <= MAX_WEIGHT):
            raise DictionaryError(f"{source}: theme {name}: the weight of "
                                  f"{_label(term)} must be a positive number up to "
                                  f"{MAX_WEIGHT:,}, got {_brief(weight)}")
        terms[analysis_text(term.strip())] = float(weight)
    if not terms:
        raise DictionaryError(f"{source}: theme {_label(theme)} has no terms")
    return tuple(terms.items())


# -- matching ---------------------------------------------------------------------------------
class TermMatcher:
    """Longest-leftmost matching of many terms at once (印度尼西亚 is never also 印度).

    The terms go into one Aho-Corasick automaton, built once per theme set: a scan finds
    every occurrence in one pass in C, and the choice of the longest-leftmost ones that
    respect token boundaries is a sort of the few hundred occurrences a report holds.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self._matcher = LiteralMatcher(terms)
        self.terms = self._matcher.terms
        # A term holding a clause break (see theme_matches) could span two clauses.
        self.holds_breaks = any(ch in term for term in self.terms for ch in CLAUSE_BREAKS)

    def find(self, text: str, boundaries: AbstractSet[int] | None = None,
             word_of: Callable[[int, int], bool] | None = None) -> list[tuple[int, str]]:
        """(offset, term) for every match, left to right, never overlapping; with
        `boundaries` (see `token_boundaries`) only matches that cut no token, and with
        `word_of` (see `TokenSpans`) inside a longer token only its words."""
        return self._matcher.longest_leftmost(text, boundaries, word_of)


def token_boundaries(text: str, segmenter: Segmenter) -> frozenset[int]:
    """Offsets where one token of `text` ends and the next begins (0 and len(text) too).

    A theme term that cuts a token (starts inside one and ends inside the next) does not
    count: 市政 in 市|政协委员, 新城 in 新|城乡 are other words.
    """
    return frozenset(token_starts(segmenter.words(text)))


class TokenSpans:
    """The tokens of a text and where they stand: what a theme term must not cut.

    A term inside a longer token counts only where it is a word of that token, one of its
    lexicon terms or a span its own cut keeps whole (Segmenter.is_word_of): 企业 in 国有企业
    and 污染防治 in 土壤污染防治 count, 产能 in 生产能力 (生产|能力) and 市政 in 市政协 do not.
    """

    def __init__(self, text: str, segmenter: Segmenter,
                 protected: Iterable[str] | None = None) -> None:
        self.words = segmenter.words(text, protected)
        self.starts = token_starts(self.words)
        self.boundaries = frozenset(self.starts)
        self._segmenter = segmenter

    def word_of(self, start: int, end: int) -> bool:
        """Whether text[start:end], inside the token that holds `start`, is a word of it."""
        i = bisect.bisect_right(self.starts, start) - 1
        at = self.starts[i]
        return self._segmenter.is_word_of(self.words[i], start - at, end - at)


def theme_matches(text: str, themes: ThemeSet, segmenter: Segmenter
                  ) -> list[tuple[int, str]]:
    """(offset, term) of every theme and ignore term the themes command finds in the
    analysis text `text`: longest-leftmost, cutting no token, inside a longer token only
    its words (TokenSpans)."""
    return find_uncut(text, matcher_for(themes), segmenter)


_BREAK_CODES = [ord(ch) for ch in CLAUSE_BREAKS]


def find_uncut(text: str, matcher: TermMatcher, segmenter: Segmenter
               ) -> list[tuple[int, str]]:
    """What `matcher.find` gives with the whole text's TokenSpans, cutting only the
    clauses that hold a match (about half the text).

    The longest-leftmost matches are taken without boundaries first; only clauses where one
    of them cuts a token, or lies inside one it is no word of, are matched again with the
    tokens. A match that passes is also the one the token-aware choice makes at its place,
    and clauses are independent (no term holds a break), so the result is the same.
    """
    found = matcher.find(text)
    if not found:
        return []
    protected = sorted(find_quoted_terms(text)) if segmenter.quoted_terms else []
    if matcher.holds_breaks:
        spans = TokenSpans(text, segmenter, protected)
        return matcher.find(text, spans.boundaries, spans.word_of)
    # Every step below is one pass in C over arrays: the clause of each match, where it
    # stands in `joined` (the held clauses joined by a break), the token holding its start.
    offsets, terms = zip(*found, strict=True)
    begin = np.array(offsets, np.int64)
    size = np.fromiter(map(len, terms), np.int64, len(terms))
    codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    is_break = np.isin(codes, _BREAK_CODES)
    is_break[np.flatnonzero((codes[1:] == 10) & (codes[:-1] == 13)) + 1] = False  # \r\n
    breaks = np.flatnonzero(is_break)
    clause = np.searchsorted(breaks, begin)  # clause k follows the k-th break
    held, where = np.unique(clause, return_inverse=True)
    firsts = np.zeros(len(held), np.int64)
    after = held > 0
    firsts[after] = breaks[held[after] - 1] + 1
    lasts = np.full(len(held), len(text), np.int64)
    before = held < len(breaks)
    lasts[before] = breaks[held[before]]
    moved = np.zeros(len(held), np.int64)  # where a clause stands in `joined`, less in `text`
    np.cumsum(lasts[:-1] - firsts[:-1] + 1, out=moved[1:])
    moved -= firsts
    pieces = [text[a:b] for a, b in zip(firsts.tolist(), lasts.tolist(), strict=True)]
    words = segmenter.words("。".join(pieces), protected)
    starts = token_starts(words)
    bounds = np.array(starts, np.int64)
    js = begin + moved[where]
    je = js + size
    token = np.searchsorted(bounds, js, "right") - 1  # the token holding the match's start
    t0, t1 = bounds[token], bounds[token + 1]
    inside = je <= t1
    # Across a token boundary: it cuts a token unless it starts and ends on boundaries.
    cutting = ~inside & ((js != t0) | (bounds[np.searchsorted(bounds, je)] != je))
    redo = set(where[cutting].tolist())
    # Inside one longer token: only a word of that token counts.
    partial = np.flatnonzero(inside & ((js != t0) | (je != t1)))
    is_word_of = segmenter.is_word_of
    for c, k, a, b in zip(where[partial].tolist(), token[partial].tolist(),
                          (js - t0)[partial].tolist(), (je - t0)[partial].tolist(),
                          strict=True):
        if c not in redo and not is_word_of(words[k], a, b):
            redo.add(c)
    if not redo:
        return found

    def word_of(a: int, b: int) -> bool:  # TokenSpans.word_of over `words`
        k = bisect.bisect_right(starts, a) - 1
        return is_word_of(words[k], a - starts[k], b - starts[k])

    out: list[tuple[int, str]] = []
    last = -1
    for (s, term), c in zip(found, where.tolist(), strict=True):
        if c not in redo:
            out.append((s, term))
        elif c != last:  # the clause's first match: the clause is matched again
            last = c
            a, b = int(firsts[c]), int(lasts[c])
            at = a + int(moved[c])
            lo = bisect.bisect_left(starts, at)
            hi = bisect.bisect_right(starts, at + b - a, lo)
            local = frozenset(x - at for x in starts[lo:hi])

            def local_word_of(x: int, y: int, at: int = at) -> bool:
                return word_of(x + at, y + at)

            out.extend((a + k, t) for k, t in matcher.find(text[a:b], local, local_word_of))
    return out


@lru_cache(maxsize=8)
def matcher_for(themes: ThemeSet) -> TermMatcher:
    terms = {term for theme in themes.themes for term, _ in theme.terms}
    return TermMatcher(terms | set(themes.ignore))


# -- scores -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ThemeScore:
    """A theme's weighted score in one unit, its share of all themes' scores, and its terms."""

    theme: str
    score: float
    share: float
    terms: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class UnitScores:
    """Scores of every theme (file order) in one unit, and the winner (None: nothing matched)."""

    scores: tuple[ThemeScore, ...]
    top_theme: str | None

    def as_dict(self) -> dict[str, float]:
        return {s.theme: s.score for s in self.scores}

    def ranked(self) -> list[ThemeScore]:
        """Highest score first; ties keep file order."""
        return sorted(self.scores, key=lambda s: -s.score)


def score_counts(counts: Mapping[str, int], themes: ThemeSet) -> UnitScores:
    """Each theme's score = the sum over its terms of weight x occurrences (not normalised)."""
    per_theme: dict[str, float] = {t.name: 0.0 for t in themes.themes}
    evidence: dict[str, list[tuple[str, int]]] = {t.name: [] for t in themes.themes}
    lookup = _term_themes(themes)
    for term, count in counts.items():
        for name, weight in lookup.get(term, ()):
            per_theme[name] += weight * count
            evidence[name].append((term, count))
    total = sum(per_theme.values())
    scores = tuple(
        ThemeScore(
            name,
            round(per_theme[name], 6),
            round(per_theme[name] / total, 4) if total else 0.0,
            tuple(sorted(evidence[name], key=lambda tc: (-tc[1], tc[0]))),
        )
        for name in themes.names
    )
    top = max(scores, key=lambda s: s.score) if scores else None  # first of equals wins
    return UnitScores(scores, top.theme if top is not None and top.score > 0 else None)


@lru_cache(maxsize=8)
def _shared_terms(themes: ThemeSet) -> dict[str, tuple[str, ...]]:
    return {term: tuple(name for name, _ in pairs)
            for term, pairs in _term_themes(themes).items() if len(pairs) > 1}


@lru_cache(maxsize=8)
def _weights(themes: ThemeSet) -> dict[tuple[str, str], float]:
    """(theme name, term) -> the term's weight under the first theme of that name."""
    found: dict[tuple[str, str], float] = {}
    for theme in themes.themes:
        for term, weight in theme.terms:
            found.setdefault((theme.name, term), weight)
    return found


@lru_cache(maxsize=8)
def _term_themes(themes: ThemeSet) -> dict[str, tuple[tuple[str, float], ...]]:
    found: dict[str, list[tuple[str, float]]] = {}
    for theme in themes.themes:
        for term, weight in theme.terms:
            found.setdefault(term, []).append((theme.name, weight))
    return {term: tuple(pairs) for term, pairs in found.items()}


# -- one document -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ParagraphThemes:
    """Term counts of one body paragraph; `section` indexes DocumentThemes.sections."""

    index: int
    section: int
    start: int
    end: int
    text: str
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class SectionThemes:
    heading: str | None
    offset: int | None
    level: int
    number: str | None
    path: tuple[str, ...]
    paragraphs: tuple[int, ...]  # positions in DocumentThemes.paragraphs


@dataclass(frozen=True)
class DocumentThemes:
    """One document's theme-term counts per body paragraph: small, picklable, mergeable."""

    chars: int
    body_chars: int
    sections: tuple[SectionThemes, ...]
    paragraphs: tuple[ParagraphThemes, ...]
    ignored: int = 0  # matches of `ignore` phrases (not scored)
    outside_body: int = field(default=0)  # term matches in title, captions, headings …

    def counts(self) -> Counter[str]:
        """Term counts over the whole body."""
        total: Counter[str] = Counter()
        for para in self.paragraphs:
            for term, count in para.counts:
                total[term] += count
        return total

    def section_counts(self, position: int) -> Counter[str]:
        total: Counter[str] = Counter()
        for i in self.sections[position].paragraphs:
            total.update(dict(self.paragraphs[i].counts))
        return total


def theme_document(text: str, themes: ThemeSet, structure: Structure | None = None,
                   segmenter: Segmenter | None = None) -> DocumentThemes:
    """Count theme terms in the body paragraphs of `text` (title, byline, captions, page
    numbers and headings are not body). Matching runs once over the whole analysis text,
    so a term is never split or doubled at a paragraph boundary, and a term that cuts a
    token does not count (tokens of the default Segmenter when none is given).
    """
    base = analysis_text(text)
    if segmenter is None:
        from xzcli.segment import SegmenterSpec, cached_segmenter

        segmenter = cached_segmenter(SegmenterSpec())
    structure = structure or parse_structure(text)
    ignore = set(themes.ignore)
    paragraphs = [p for s in structure.sections for p in s.paragraphs]
    starts = [p.start for p in paragraphs]
    ends = [p.end for p in paragraphs]
    matches = theme_matches(base, themes, segmenter)
    scored = [(offset, term) for offset, term in matches if term not in ignore]
    ignored = len(matches) - len(scored)
    # (paragraph, term) of every match inside a body paragraph, counted in one C loop.
    right = bisect.bisect_right
    pairs = Counter([(i, term) for offset, term in scored
                     if (i := right(starts, offset) - 1) >= 0 and offset + len(term) <= ends[i]])
    outside = len(scored) - pairs.total()
    per_para: list[list[tuple[str, int]]] = [[] for _ in paragraphs]
    for (i, term), count in pairs.items():
        per_para[i].append((term, count))
    para_results: list[ParagraphThemes] = []
    sections: list[SectionThemes] = []
    position = 0
    for s_index, section in enumerate(structure.sections):
        members = []
        for para in section.paragraphs:
            counts = tuple(sorted(per_para[position]))
            para_results.append(ParagraphThemes(para.index, s_index, para.start, para.end,
                                                para.text, counts))
            members.append(position)
            position += 1
        sections.append(SectionThemes(section.heading, section.offset, section.level,
                                      section.number, section.path, tuple(members)))
    # str.split() splits at exactly the characters str.isspace() calls whitespace.
    body_chars = sum(map(len, map("".join, map(str.split, (p.text for p in paragraphs)))))
    return DocumentThemes(len(text), body_chars, tuple(sections), tuple(para_results),
                          ignored, outside)


def score_themes(text: str, themes: ThemeSet | None = None,
                 segmenter: Segmenter | None = None) -> UnitScores:
    """The themes a whole text stresses (body paragraphs only), for library users."""
    themes = themes or load_themes()
    return score_counts(theme_document(text, themes, segmenter=segmenter).counts(), themes)



# -- the JSON of `xzcli themes`: per document, section and paragraph ---------------------------
def _per_1k(score: float, chars: int) -> float:
    return round(score * 1000 / chars, 3) if chars else 0.0


def themes_json(unit: Any, themes: ThemeSet, chars: int) -> list[dict[str, Any]]:
    """Ranked themes with the terms that scored, each with its count and weight."""
    lookup = themes.term_themes()
    weights = _weights(themes)
    out = []
    for s in unit.ranked():
        terms = []
        for term, count in s.terms:
            item: dict[str, Any] = {"term": term, "count": count,
                                    "weight": weights[s.theme, term]}
            pairs = lookup[term]
            if len(pairs) > 1:
                item["shared"] = [name for name, _ in pairs if name != s.theme]
            terms.append(item)
        out.append({"theme": s.theme, "score": s.score, "share": s.share,
                    "per_1k": _per_1k(s.score, chars), "terms": terms})
    return out


def shared_json(counts: Any, themes: ThemeSet) -> list[dict[str, Any]]:
    shared = themes.shared_terms()
    return [{"term": term, "count": counts[term], "themes": list(shared[term])}
            for term in sorted(shared) if counts.get(term)]


def document_payload(result: DocumentThemes, themes: ThemeSet, by: str,
                     counts: Mapping[str, int] | None = None) -> dict[str, Any]:
    """One document's themes, plus its sections or paragraphs when asked (`counts`: its
    counts() when already added up)."""
    if counts is None:
        counts = result.counts()
    overall = score_counts(counts, themes)
    payload: dict[str, Any] = {
        "chars": result.chars,
        "body_chars": result.body_chars,
        "top_theme": overall.top_theme,
        "themes": themes_json(overall, themes, result.body_chars),
        "shared_terms": shared_json(counts, themes),
    }
    if by == "section":
        sections = []
        for position, section in enumerate(result.sections):
            unit = score_counts(result.section_counts(position), themes)
            sections.append({
                "index": position + 1, "heading": section.heading, "number": section.number,
                "level": section.level, "path": list(section.path), "offset": section.offset,
                "paragraphs": len(section.paragraphs), "scores": unit.as_dict(),
                "shares": {s.theme: s.share for s in unit.scores}, "top_theme": unit.top_theme,
                "terms": {s.theme: [{"term": t, "count": c} for t, c in s.terms]
                          for s in unit.scores if s.terms},
            })
        payload["sections"] = sections
    elif by == "paragraph":
        paragraphs = []
        for para in result.paragraphs:
            unit = score_counts(dict(para.counts), themes)
            section = result.sections[para.section]
            paragraphs.append({
                "index": para.index, "section": section.heading,
                "section_index": para.section + 1, "offset": para.start, "end": para.end,
                "text": para.text, "scores": unit.as_dict(), "top_theme": unit.top_theme,
                "terms": {s.theme: [{"term": t, "count": c} for t, c in s.terms]
                          for s in unit.scores if s.terms},
            })
        payload["paragraphs"] = paragraphs
    return payload


def _evidence(terms: list[dict[str, Any]], top: int) -> str:
    shown = terms if top == 0 else terms[:top]
    return " ".join(f"{t['term']}×{t['count']}" for t in shown)


def theme_rows(documents: list[dict[str, Any]], by: str, names: tuple[str, ...],
          top_terms: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for doc in documents:
        if by == "document":
            for t in doc["themes"]:
                rows.append({"source": doc["source"], "theme": t["theme"], "score": t["score"],
                             "share": t["share"], "per_1k": t["per_1k"],
                             "terms": _evidence(t["terms"], top_terms)})
        elif by == "section":
            for s in doc["sections"]:
                rows.append({"source": doc["source"], "index": s["index"], "level": s["level"],
                             "heading": s["heading"], "paragraphs": s["paragraphs"],
                             "top_theme": s["top_theme"],
                             **{name: s["scores"][name] for name in names}})
        else:
            for p in doc["paragraphs"]:
                rows.append({"source": doc["source"], "index": p["index"],
                             "section": p["section"], "top_theme": p["top_theme"],
                             **{name: p["scores"][name] for name in names},
                             "text": p["text"]})
    return rows


# -- the analysis: analyse one document, merge, the payload of `xzcli themes` -----------------
SCHEMA = "xzcli.themes/1"
BY = ("document", "section", "paragraph")


@dataclass(frozen=True)
class ThemesOptions:
    """What `xzcli themes` is asked: the theme set, the unit scored (`by`), the metadata
    field documents are grouped by and the evidence terms a row shows (0 = all).

    `write`, when given, turns each document's item of the payload into what travels back
    from where it is scored instead (the API gives the JSON writer for --format json: the
    worker writes the text, the run spools it to disk); it must pickle (a module's function).
    """

    themes: ThemeSet
    by: str = "document"
    group_by: str | None = None
    top_terms: int = 8
    write: Callable[[dict[str, Any]], Any] | None = None


def check_options(by: str, group_by: str | None) -> None:
    """A UsageError for a unit that does not exist or one --group-by cannot score."""
    if by not in BY:
        raise UsageError(f"unknown unit {by!r}; choose one of: {', '.join(BY)}")
    if group_by and by != "document":
        raise UsageError("--group-by scores whole documents; leave out --by "
                         f"{by} or --group-by")


@dataclass
class ThemeTotals:
    """Theme-term counts added up over documents, with each document's item of the
    payload's documents array: one document (what `analyse` gives), a run's total and a
    --group-by group are this one shape, and `merge` adds two of them.

    `entries` are the items in input order: dicts, or their JSON text when the worker
    wrote it (a run's total then keeps them in a jsontext.Spool on disk); None where only
    the totals count (a group).
    """

    counts: Counter[str] = field(default_factory=Counter)
    chars: int = 0
    body_chars: int = 0
    documents: int = 0
    some_top: bool = False  # whether any document has a top theme
    entries: list[Any] | Spool | None = None


def analyse(doc: Document, segmenter: Segmenter, *, options: ThemesOptions) -> ThemeTotals:
    """One document's theme-term counts and its item of the payload (as `options.write`
    writes it, when given)."""
    result = theme_document(doc.text, options.themes, segmenter=segmenter)
    counts = result.counts()
    entry = {"source": doc.source, **document_payload(result, options.themes, options.by,
                                                      counts)}
    item = entry if options.write is None else options.write(entry)
    return ThemeTotals(counts, result.chars, result.body_chars, 1,
                       entry["top_theme"] is not None, [item])


def merge(left: ThemeTotals, right: ThemeTotals) -> ThemeTotals:
    """`right` added into `left` (its entries after left's, unless left keeps none).

    Entries on disk (a Spool) are a run's total: one is only ever merged into, never in.
    """
    left.counts.update(right.counts)
    left.chars += right.chars
    left.body_chars += right.body_chars
    left.documents += right.documents
    left.some_top = left.some_top or right.some_top
    if left.entries is not None and right.entries:
        if not isinstance(right.entries, list):
            raise TypeError("a total whose entries are spooled cannot be merged into another")
        if isinstance(left.entries, list):
            left.entries.extend(right.entries)
        else:
            for text in right.entries:
                left.entries.add(text)
    return left


def _settle(total: ThemeTotals) -> list[dict[str, Any]] | Spool:
    """The documents array: a Spool of two documents or more stays on disk; one
    document's text is read back (its keys become the payload's own)."""
    entries = total.entries
    if entries is None:
        return []
    if not isinstance(entries, list) and len(entries) < 2:
        total.entries = entries = entries.items()
    return entries


def _file_info(themes: ThemeSet) -> dict[str, Any]:
    return {"name": themes.name, "path": themes.path, "sha256": themes.sha256,
            "themes": list(themes.names), "terms": themes.entries}


def payload(total: ThemeTotals, options: ThemesOptions,
            groups: Mapping[Any, ThemeTotals] | None = None) -> dict[str, Any]:
    """The JSON payload of `xzcli themes` (after the envelope): overall scores and each
    document's (one document: its own at the top level), and with `options.group_by` the
    `groups`' scores in value order."""
    themes = options.themes
    documents = _settle(total)
    head = {"theme_file": _file_info(themes), "by": options.by}
    if isinstance(documents, list) and len(documents) == 1:
        body = {**head, **{k: v for k, v in documents[0].items() if k != "source"}}
    else:
        overall = score_counts(total.counts, themes)
        body = {**head, "top_theme": overall.top_theme,
                "themes": themes_json(overall, themes, total.body_chars),
                "shared_terms": shared_json(total.counts, themes), "documents": documents}
    if options.group_by and groups is not None:
        from xzcli.usage import group_sort_key

        rows = []
        for value in sorted(groups, key=group_sort_key):
            g = groups[value]
            unit = score_counts(g.counts, themes)
            rows.append({"value": value, "documents": g.documents, "chars": g.chars,
                         "body_chars": g.body_chars, "top_theme": unit.top_theme,
                         "themes": themes_json(unit, themes, g.body_chars),
                         "shared_terms": shared_json(g.counts, themes)})
        body["group_by"] = options.group_by
        body["groups"] = rows
    return body


class ThemeTable(NamedTuple):
    """The table of a themes result: its rows, what --format jsonl streams (None: the
    documents are on disk and only JSON is written) and whether any unit has a top theme."""

    rows: list[dict[str, Any]]
    records: list[dict[str, Any]] | None
    some_top: bool


def table(body: dict[str, Any], total: ThemeTotals, options: ThemesOptions) -> ThemeTable:
    """Rows (one per theme of each document, or per section or paragraph, or per group)
    and JSONL records of a payload `payload(total, options, groups)` made."""
    documents = _settle(total)
    if not isinstance(documents, list):
        return ThemeTable([], None, total.some_top)
    units = documents
    if options.group_by:
        # The views show one line per group, as they show one per document.
        units = [{"source": str(g["value"]), **g} for g in body["groups"]]
    rows = theme_rows(units, options.by, options.themes.names, options.top_terms)
    records: list[dict[str, Any]]
    if options.group_by:
        records = body["groups"]
    elif options.by == "document":
        records = documents
    else:
        key = "sections" if options.by == "section" else "paragraphs"
        records = [{"source": d["source"], **unit} for d in documents for unit in d[key]]
    return ThemeTable(rows, records, any(u["top_theme"] for u in units))
