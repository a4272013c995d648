"""Segmenter: one jieba-model engine plus the policy lexicon, user dictionaries and quoted terms.

As the analysis `xzcli segment` runs: `analyse` gives one document's JSON object (its tokens),
`merge` concatenates documents in input order (listing.Listing), `payload` is the JSON after
the envelope; `segmented_document` gives the table rows and text lines as well.
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count, filterfalse
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from xzcli.data import builtin, read_text_lines, sha256_of
from xzcli.errors import DictionaryError, UsageError
from xzcli.listing import Listing
from xzcli.matching import LiteralMatcher
from xzcli.sources import Document, analysis_text

log = logging.getLogger(__name__)

ENGINES = ("rjieba", "jieba")
DEFAULT_ENGINE = "rjieba"
LEXICON_FILE = "policy_terms.txt"
STOPWORDS_FILE = "stopwords.txt"
ISOLATED_TAGS_FILE = "jieba_isolated_tags.tsv"
NESTING_FILE = "policy_nesting.tsv"
# Inner terms of tokens no table lists (quoted terms, --dict words) are worked out once each;
# past this many distinct words the answers are no longer kept.
_INNER_CACHE_MAX = 200_000
# The sum of the frequencies in jieba's dictionary (dict.txt), which jieba-rs ships too.
_JIEBA_TOTAL = 60_101_967
# The longest word in jieba's dictionary: a token's own cut never looks for longer pieces
# than this or the longest lexicon or --dict word, so a huge token costs linear time.
_JIEBA_LONGEST = 16
# What counting needs to know of a word (is it a word at all, does jieba-rs keep an ASCII run
# whole that jieba splits, which lexicon terms stand inside it) is worked out the first time
# the word is seen and kept, so each document costs set operations in C, not a Python loop
# over its vocabulary. Past this many distinct words the answers are dropped and learnt anew.
_WORD_CACHE_MAX = 500_000
# Corrections to jieba's dictionary tags (高水平 is not a person's name); tags only, no cutting.
TAG_FIXES_FILE = "tag_fixes.txt"

# Tag given to a term kept whole because the document quotes it.
QUOTED_TAG = "nz"
# Tag for a user-dictionary word that names none.
USER_TAG = "nz"

# A quoted term: 2-10 characters with no punctuation or space inside “…” 「…」 『…』 《…》.
# Plus signs stay allowed: “互联网＋”, “人工智能+” are slogans, not two words.
_INNER = r"[^\s\u3000-\u303f\uff01-\uff0a\uff0c-\uff0f\uff1a-\uff20\uff3b-\uff40" \
    r"\uff5b-\uff65!-*,-/:-@\[-`{-~“”‘’·…—]{2,10}"
QUOTED_RE = re.compile(rf"“({_INNER})”|「({_INNER})」|『({_INNER})』|《({_INNER})》")

_INT_RE = re.compile(r"^[0-9]+$")
# Frequencies add up in the engine's unsigned 64-bit total: 12 digits leave room for
# hundreds of thousands of entries (2**64 in one line was an OverflowError).
_MAX_FREQ_DIGITS = 12
# How jieba's HMM splits a run of ASCII: letters/digits (with a decimal part and %) apart
# from the punctuation between them.
_ASCII_SKIP_RE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_TAG_RE = re.compile(r"^[A-Za-z]+$")
_WORD_CHAR = re.compile(r"[^\W_]")
# Punctuation that both engines cut off as a token of its own, never part of a block of text
# they segment (jieba's re_han and jieba-rs's both leave it out, and it is no whitespace):
# the tokens between two such marks are the same whether the engine cuts the whole text or
# only that stretch. Counting re-cuts such a stretch around a quoted term instead of locating
# every token of the document.
_CLAUSE_MARKS = "，。、；：？！“”《》（）"
_CLAUSE_END = re.compile(f"[{_CLAUSE_MARKS}]")
_CLAUSE_START = re.compile(f".*[{_CLAUSE_MARKS}]", re.DOTALL)
# How far to look for such a mark before the whole document's tokens are located instead.
_CLAUSE_MAX = 2000

Pair = tuple[str, str]


@dataclass(frozen=True)
class Token:
    """A token with its character span in the analysed text and its part of speech."""

    text: str
    start: int
    end: int
    pos: str


class CountedWords(NamedTuple):
    """A text's word counts (Segmenter.word_counts) with what counting asks of their keys."""

    counts: Counter[str]
    non_words: set[str]  # keys that are no words: punctuation, whitespace (see is_word)
    compounds: list[str]  # keys longer than two characters holding lexicon terms, sorted


class InnerTerm(NamedTuple):
    """A lexicon term inside a longer token, and where it starts in that token."""

    term: str
    offset: int


@dataclass(frozen=True)
class DictEntry:
    word: str
    freq: int | None
    tag: str | None


@dataclass(frozen=True)
class DictionaryInfo:
    """What went into a Segmenter, for the JSON envelope: reproducible results."""

    name: str
    path: str
    sha256: str
    entries: int


class _Engine(Protocol):
    name: str

    def add_word(self, word: str, freq: int | None, tag: str | None) -> None: ...

    def cut(self, text: str) -> list[str]: ...

    def dict_tag(self, word: str) -> str | None: ...

    def knows(self, word: str) -> bool: ...

    def normalize(self, words: list[str]) -> list[str]: ...

    def freq(self, word: str) -> int: ...

    def log_total(self) -> float: ...


class _RjiebaEngine:
    """jieba-rs through rjieba: the same model as jieba, about fifteen times faster."""

    name = "rjieba"

    def __init__(self) -> None:
        self._jieba = _load_rjieba_class()()
        self._log_total: float | None = None
        self._freqs: dict[str, int] = {}  # what freq() found, words and not-words alike

    def add_word(self, word: str, freq: int | None, tag: str | None) -> None:
        self._jieba.add_word(word, freq, tag)
        self._log_total = None
        self._freqs.clear()

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text, True)  # type: ignore[no-any-return]

    def knows(self, word: str) -> bool:
        return bool(self._jieba.has_word(word))

    def freq(self, word: str) -> int:
        """The dictionary frequency of a word that cuts whole on its own, else 0.

        jieba-rs keeps its frequencies to itself. For a word it holds, suggest_freq gives the
        larger of the word's frequency and what the word's own cut would need (that cut's
        likelihood as a frequency, plus one): the frequency itself, one more at most, when the
        word cuts whole. A word that does not cut whole on its own (its pieces are likelier)
        is never a piece of a best cut, and counts as absent.
        """
        known = self._freqs.get(word)
        if known is None:
            if not self._jieba.has_word(word):
                known = 0
            elif len(word) > 1 and self._jieba.cut(word, False) != [word]:
                known = 0
            else:
                known = int(self._jieba.suggest_freq(word))
            if len(self._freqs) < _INNER_CACHE_MAX:
                self._freqs[word] = known
        return known

    def log_total(self) -> float:
        """log of the sum of frequencies, read off the likelihood of a cut of two frequent
        characters (suggest_freq of 是在: freq(是) * freq(在) / total, plus one)."""
        if self._log_total is None:
            a, b = "是", "在"
            fa, fb = self.freq(a), self.freq(b)
            pair = self._jieba.cut(a + b, False)
            suggested = int(self._jieba.suggest_freq(a + b)) - 1
            if pair == [a, b] and fa and fb and suggested > 0:
                self._log_total = math.log(fa) + math.log(fb) - math.log(suggested)
            else:  # a dictionary that joins or lacks them: jieba's own total
                self._log_total = math.log(_JIEBA_TOTAL)
        return self._log_total

    def dict_tag(self, word: str) -> str | None:
        """The dictionary's tag for a word, or None for a word the dictionary lacks."""
        if not self._jieba.has_word(word):
            # jieba-rs would guess a tag for such a word; jieba has none. Both get ours.
            return None
        pairs = self._jieba.tag(word, False)
        if len(pairs) == 1:
            return str(pairs[0][1])
        # A word that alone cuts differently than in context: the shipped table knows it.
        tag = _isolated_tags().get(word)
        return tag if tag is not None else _jieba_dict_tags().get(word, "x")

    def normalize(self, words: list[str]) -> list[str]:
        # jieba-rs keeps ASCII runs such as www.gov.cn or 2011-2020 whole where jieba's HMM
        # splits them at the punctuation; follow the reference engine.
        # Each distinct word is checked once: a report repeats its words many times over.
        # Only the ASCII tokens are looked at (str.isascii in C: no token is hashed).
        joined = {w: [p for p in _ASCII_SKIP_RE.split(w) if p]
                  for w in set(filter(str.isascii, words)) if _is_joined_ascii(w)}
        if not joined:
            return words
        out: list[str] = []
        done = 0
        for i in compress(count(), map(str.isascii, words)):
            pieces = joined.get(words[i])
            if pieces is not None:
                out += words[done:i]
                out += pieces
                done = i + 1
        out += words[done:]
        return out


class _JiebaEngine:
    """Pure-Python jieba: the reference the fast engine is checked against."""

    name = "jieba"

    def __init__(self) -> None:
        import jieba

        # jieba attaches a DEBUG handler at import; keep its chatter off the user's stderr.
        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        self._tags = _jieba_dict_tags()

    def add_word(self, word: str, freq: int | None, tag: str | None) -> None:
        tokenizer = self._tokenizer
        old = tokenizer.FREQ.get(word, 0) or 0
        tokenizer.add_word(word, freq, tag)
        # jieba adds a re-added word's new frequency to the total without taking the old one
        # off; jieba-rs replaces it. Replacing is right, and keeps the two engines identical.
        tokenizer.total -= old
        # The Segmenter tags lexicon and --dict words itself, so the shared table stays as is.

    def cut(self, text: str) -> list[str]:
        return list(self._tokenizer.cut(text, HMM=True))

    def dict_tag(self, word: str) -> str | None:
        return self._tags.get(word)

    def knows(self, word: str) -> bool:
        return bool(self._tokenizer.FREQ.get(word))

    def freq(self, word: str) -> int:
        return int(self._tokenizer.FREQ.get(word) or 0)

    def log_total(self) -> float:
        return math.log(self._tokenizer.total)

    def normalize(self, words: list[str]) -> list[str]:
        return words


def _load_rjieba_class() -> type:
    """rjieba's Jieba class, without running the package's __init__.

    `import rjieba` builds a module-level default tokenizer we never use, which costs a third
    of xzcli's start-up; loading the compiled module on its own skips that.
    """
    import importlib.machinery
    import importlib.util
    import sys

    loaded = sys.modules.get("rjieba.rjieba")
    if loaded is None:
        spec = importlib.util.find_spec("rjieba")
        locations = list(spec.submodule_search_locations or []) if spec else []
        for folder in locations:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = Path(folder) / f"rjieba{suffix}"
                if path.is_file():
                    loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
                    ext_spec = importlib.util.spec_from_file_location(
                        "rjieba.rjieba", path, loader=loader
                    )
                    if ext_spec is not None:
                        loaded = importlib.util.module_from_spec(ext_spec)
                        loader.exec_module(loaded)
                        break
            if loaded is not None:
                break
    if loaded is None:  # an unusual layout: fall back to the normal import
        import rjieba

        return rjieba.Jieba
    return loaded.Jieba  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _isolated_tags() -> dict[str, str]:
    """Tags of the dictionary words jieba-rs does not cut whole on their own (small table)."""
    tags: dict[str, str] = {}
    for line in read_text_lines(builtin(ISOLATED_TAGS_FILE), "tag table"):
        if line and not line.startswith("#"):
            word, _, tag = line.partition("\t")
            tags[word] = tag
    return tags


@lru_cache(maxsize=1)
def _jieba_dict_tags() -> dict[str, str]:
    """Word -> tag from jieba's dictionary (the same dictionary jieba-rs embeds)."""
    import jieba

    tags: dict[str, str] = {}
    with jieba.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


@lru_cache(maxsize=1)
def lexicon_nesting() -> dict[str, tuple[InnerTerm, ...]]:
    """Lexicon entry -> the entries inside it at every level (built by build_lexicon.py)."""
    table: dict[str, list[InnerTerm]] = {}
    for line in read_text_lines(builtin(NESTING_FILE), "nesting table"):
        if line and not line.startswith("#"):
            compound, inner, offset = line.split("\t")
            table.setdefault(compound, []).append(InnerTerm(inner, int(offset)))
    return {word: tuple(inner) for word, inner in table.items()}


@lru_cache(maxsize=1)
def lexicon_containers() -> dict[str, tuple[tuple[str, int], ...]]:
    """Lexicon entry -> (longer entry holding it, its offset there): nesting read backwards."""
    back: dict[str, list[tuple[str, int]]] = {}
    for compound, inners in lexicon_nesting().items():
        for inner in inners:
            back.setdefault(inner.term, []).append((compound, inner.offset))
    return {term: tuple(sorted(hosts)) for term, hosts in back.items()}


def _is_joined_ascii(word: str) -> bool:
    return len(word) > 1 and word.isascii() and not word.isalnum() and not word.isspace() \
        and _ASCII_SKIP_RE.fullmatch(word) is None


@lru_cache(maxsize=1 << 18)
def is_word(token: str) -> bool:
    """True for a token with at least one letter, digit or Han character (not punctuation)."""
    return _WORD_CHAR.search(token) is not None


def _fallback_tag(word: str) -> str:
    # The rule jieba-rs applies to words its dictionary lacks, so both engines agree.
    eng = digits = 0
    for ch in word:
        if ch.isascii() and ch.isalnum():
            eng += 1
            if ch.isdigit():
                digits += 1
    if eng == 0:
        return "x"
    return "m" if eng == digits else "eng"


def parse_dictionary(path: Path, what: str = "dictionary") -> list[DictEntry]:
    """Parse a jieba user dictionary (`word [freq] [tag]` per line), refusing bad lines."""
    entries: list[DictEntry] = []
    for lineno, raw in enumerate(read_text_lines(path, what), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if (len(parts) == 3 and parts[1].isascii() and parts[1].isdigit()
                and len(parts[1]) <= _MAX_FREQ_DIGITS and parts[2].isascii()
                and parts[2].isalpha()):
            # The usual `word freq tag` line: the fast path (the lexicon has thousands).
            if "\ufffd" not in parts[0]:
                entries.append(DictEntry(parts[0], int(parts[1]), parts[2]))
                continue
        word, rest = parts[0], parts[1:]
        freq: int | None = None
        tag: str | None = None
        if len(rest) > 2:
            raise DictionaryError(
                f"{path}:{lineno}: expected 'word [freq] [tag]', got {len(parts)} fields: {line!r}"
            )
        if rest and _INT_RE.match(rest[0]):
            if len(rest[0].lstrip("0")) > _MAX_FREQ_DIGITS:
                raise DictionaryError(
                    f"{path}:{lineno}: frequency {rest[0][:30]} is too large (at most "
                    f"{10 ** _MAX_FREQ_DIGITS - 1:,}; jieba's own largest is under 1,000,000)"
                )
            freq = int(rest[0])
            rest = rest[1:]
        if rest:
            if not _TAG_RE.match(rest[0]) or len(rest) > 1:
                raise DictionaryError(
                    f"{path}:{lineno}: expected 'word [freq] [tag]' with an integer frequency "
                    f"and a letter tag, got {line!r}"
                )
            tag = rest[0]
        if "\ufffd" in word or any(ch < " " for ch in word):
            raise DictionaryError(f"{path}:{lineno}: the word contains unreadable characters")
        entries.append(DictEntry(word, freq, tag))
    return entries


def parse_wordlist(path: Path, what: str = "word list") -> list[str]:
    words = []
    for raw in read_text_lines(path, what):
        line = raw.strip()
        if line and not line.startswith("#"):
            words.append(line.split()[0])
    return words


# Where both engines always cut on each side: jieba and jieba-rs split a text into runs of
# Han characters, letters and digits before cutting, and give every other character (or
# \r\n together) a token of its own; a quoted term never holds one of these either. So a
# clause between two of them is cut alone exactly as inside the whole text.
CLAUSE_BREAKS = "，。；：！？、（）“”\n"


def find_quoted_terms(text: str) -> frozenset[str]:
    """Terms the text puts in quotation or title marks: slogans far more often than not."""
    return frozenset(next(g for g in m.groups() if g) for m in QUOTED_RE.finditer(text))


class Segmenter:
    """Cuts text into tokens with jieba's model, the policy lexicon and a document's quoted terms.

    Build one per run and pass it around; it never touches jieba's process-global tokenizer.
    """

    def __init__(
        self,
        engine: str = DEFAULT_ENGINE,
        user_dicts: Sequence[Path | str] = (),
        *,
        lexicon: bool = True,
        quoted_terms: bool = True,
    ) -> None:
        if engine not in ENGINES:
            raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
        self.engine_name = engine
        self.quoted_terms = quoted_terms
        dict_paths = [builtin(LEXICON_FILE)] if lexicon else []
        dict_paths += [Path(p) for p in user_dicts]
        # Parse everything before building the engine so a bad --dict fails fast.
        parsed = [(p, parse_dictionary(p)) for p in dict_paths]
        self._engine: _Engine = _RjiebaEngine() if engine == "rjieba" else _JiebaEngine()
        self._pos_cache: dict[str, str] = {}
        self.lexicon: dict[str, str] = {}
        self.dictionaries: list[DictionaryInfo] = []
        self._inner: dict[str, tuple[InnerTerm, ...]] = dict(lexicon_nesting()) if lexicon else {}
        self._inner_cache: dict[str, tuple[InnerTerm, ...]] = {}
        self._cuts_cache: dict[str, frozenset[int]] = {}
        self._longest = _JIEBA_LONGEST
        self._word_of_cache: dict[tuple[str, int, int], bool] = {}
        # Per-word answers for counting (see _WORD_CACHE_MAX): every word looked at, those that
        # are no words (punctuation, space), the ASCII runs to split and their pieces, and the
        # words longer than two characters with lexicon terms inside.
        self._seen: set[str] = set()
        self._non_words: set[str] = set()
        self._split: dict[str, list[str]] = {}
        self._hosts: dict[str, tuple[InnerTerm, ...]] = {}
        for index, (path, entries) in enumerate(parsed):
            if index or not lexicon:
                # A --dict word holds the terms the engine finds in it before the word is added.
                for entry in entries:
                    if entry.word not in self._inner and entry.word not in self.lexicon:
                        found = self._cut_inner(entry.word)
                        if found:
                            self._inner[entry.word] = found
            for entry in entries:
                tag = entry.tag or USER_TAG
                self._engine.add_word(entry.word, entry.freq, tag)
                self._longest = max(self._longest, len(entry.word))
                self.lexicon[entry.word] = tag
            self.dictionaries.append(
                DictionaryInfo(path.name, str(path), sha256_of(path.resolve()), len(entries))
            )
        fixes_path = builtin(TAG_FIXES_FILE)
        self._tag_fixes = {e.word: e.tag for e in parse_dictionary(fixes_path, "tag fix list")
                           if e.tag}
        stop_path = builtin(STOPWORDS_FILE)
        self.stopwords = frozenset(parse_wordlist(stop_path, "stop word list"))
        self.dictionaries.append(
            DictionaryInfo(stop_path.name, str(stop_path), sha256_of(stop_path.resolve()),
                           len(self.stopwords))
        )
        self.dictionaries.append(
            DictionaryInfo(fixes_path.name, str(fixes_path), sha256_of(fixes_path.resolve()),
                           len(self._tag_fixes))
        )

    # -- cutting -------------------------------------------------------------------------
    def words(self, text: str, protected: Iterable[str] | None = None) -> list[str]:
        """Words covering the text exactly, whitespace and punctuation included.

        `protected` are terms to keep whole; by default the terms this text quotes.
        """
        raw = self._engine.cut(text)
        edits = self._protect_edits(text, raw, self._protected(text, protected))
        if edits:
            pieces: list[str] = []
            done = 0
            for i, j, replacement in edits:
                pieces.extend(raw[done:i])
                pieces.extend(replacement)
                done = j
            pieces.extend(raw[done:])
            raw = pieces
        return self._engine.normalize(raw)

    def tag(self, text: str, protected: Iterable[str] | None = None) -> list[Pair]:
        """(word, pos) pairs covering the text exactly, whitespace and punctuation included."""
        terms = self._protected(text, protected)
        words = self.words(text, terms)
        quoted = {t: self.pos_of(t, terms) for t in terms}
        cache = self._pos_cache
        pos_of = self.pos_of
        return [(w, quoted.get(w) or cache.get(w) or pos_of(w)) for w in words]

    def words_and_tags(self, text: str, protected: Iterable[str] | None = None
                       ) -> tuple[list[str], dict[str, str]]:
        """words(), and the tag of each distinct word: what tag() says, looked up once per
        word instead of once per token (a word's tag never depends on its context)."""
        terms = self._protected(text, protected)
        words = self.words(text, terms)
        quoted = {t: self.pos_of(t, terms) for t in terms}
        pos_of = self.pos_of
        return words, {w: quoted.get(w) or pos_of(w) for w in set(words)}

    def word_counts(self, text: str, protected: Iterable[str] | None = None) -> Counter[str]:
        """How often each word occurs: the same counts as words(), without the sequence.

        Counting happens in C on the engine's output, and only the few ASCII runs and quoted
        terms are fixed up afterwards; several times faster than walking the tokens in Python,
        which is what keeps large folders fast. A word's tag never depends on its context, so
        callers tag each distinct word once (pos_of).
        """
        return self.count_words(text, protected).counts

    def count_words(self, text: str, protected: Iterable[str] | None = None) -> CountedWords:
        """word_counts(), with the keys that are no words and those holding lexicon terms."""
        raw = self._engine.cut(text)
        counts = Counter(raw)
        terms = self._protected(text, protected)
        edits = self._protect_counts(text, raw, counts, terms) if terms else []
        if edits:
            replaced: set[str] = set()
            for old, replacement in edits:
                replaced.update(old)
                counts.subtract(old)
                counts.update(replacement)
            for word in replaced:  # what `+counts` would drop, without copying the rest
                if counts[word] <= 0:
                    counts.pop(word)
        keys = counts.keys()
        self._learn(keys)
        split = self._split
        if split:
            # Sorted: the few runs to split, in the same order whatever the hash seed.
            for word in sorted(keys & split.keys()):
                n = counts.pop(word)
                for part in split[word]:
                    counts[part] += n
        return CountedWords(counts, keys & self._non_words, sorted(keys & self._hosts.keys()))

    def non_words(self, word_counts: Mapping[str, int]) -> set[str]:
        """The keys that are no words (punctuation, whitespace): see is_word."""
        keys = word_counts.keys()
        self._learn(keys)
        return keys & self._non_words

    def compounds(self, word_counts: Mapping[str, int]) -> list[str]:
        """The keys longer than two characters that hold lexicon terms (inner_terms), sorted."""
        keys = word_counts.keys()
        self._learn(keys)
        return sorted(keys & self._hosts.keys())

    def _learn(self, words: AbstractSet[str]) -> None:
        """Work out, once per word, what counting needs to know of it (see _WORD_CACHE_MAX)."""
        # set.difference walks the words, never the (large) cache: `keys - set` walks both.
        new = set(words).difference(self._seen)
        if not new:
            return
        if len(self._seen) + len(new) > _WORD_CACHE_MAX:
            self._seen.clear()
            self._non_words.clear()
            self._split.clear()
            self._hosts.clear()
            new = set(words)  # the words of this call must all be known on return
        for word in new:
            self._learn_word(word)

    def _learn_word(self, word: str) -> None:
        self._seen.add(word)
        if _WORD_CHAR.search(word) is None:
            self._non_words.add(word)
        if word.isascii() and _is_joined_ascii(word):
            parts = self._engine.normalize([word])
            if parts != [word]:
                self._split[word] = parts
                for part in parts:
                    if part not in self._seen:
                        self._learn_word(part)
        if len(word) > 2:
            inner = self.inner_terms(word)
            if inner:
                self._hosts[word] = inner

    def cut(self, text: str, protected: Iterable[str] | None = None) -> list[str]:
        """Words in order, without whitespace (punctuation kept), like `python -m jieba`."""
        return [w for w in self.words(text, protected) if not w.isspace()]

    def tokens(self, text: str, protected: Iterable[str] | None = None) -> list[Token]:
        """Tokens with character offsets into `text`, whitespace left out."""
        out: list[Token] = []
        pos = 0
        for word, tag in self.tag(text, protected):
            end = pos + len(word)
            if not word.isspace():
                out.append(Token(word, pos, end, tag))
            pos = end
        return out

    def pos_of(self, word: str, quoted: Iterable[str] = ()) -> str:
        """A word's part of speech: lexicon tag, else a reviewed correction of jieba's tag,
        else the dictionary's, else a plain rule.

        A term the document quotes that no dictionary knows is tagged nz (a proper term).
        """
        if quoted and word in quoted and word not in self.lexicon:
            return self._tag_fixes.get(word) or self._engine.dict_tag(word) or QUOTED_TAG
        tag = self._pos_cache.get(word)
        if tag is None:
            tag = (self.lexicon.get(word) or self._tag_fixes.get(word)
                   or self._engine.dict_tag(word) or _fallback_tag(word))
            self._pos_cache[word] = tag
        return tag

    def _protected(self, text: str, protected: Iterable[str] | None) -> list[str]:
        if protected is None:
            protected = find_quoted_terms(text) if self.quoted_terms else ()
        return [t for t in protected if t]

    def _protect_edits(
        self, text: str, words: list[str], terms: list[str]
    ) -> list[tuple[int, int, list[str]]]:
        """Edits (replace pairs[i:j]) that make every occurrence of a protected term one token.

        An occurrence lying strictly inside a longer token is left alone: the longer word wins.
        """
        if not terms:
            return []
        ends = list(accumulate(map(len, words)))
        n = len(words)
        edits: list[tuple[int, int, list[str]]] = []
        edited_to = 0
        for s, term in LiteralMatcher(terms).longest_leftmost(text):
            e = s + len(term)
            i = bisect_right(ends, s)  # the token holding the match's first character
            if i >= n:
                break
            if i < edited_to:
                continue  # inside a region already re-cut
            j = bisect_left(ends, e, lo=i)  # the token holding its last character
            if i == j:
                continue  # already one token, or part of a longer word
            start_i = ends[i] - len(words[i])
            replacement: list[str] = []
            if start_i < s:
                replacement.extend(self._engine.cut(text[start_i:s]))
            replacement.append(term)
            if ends[j] > e:
                replacement.extend(self._engine.cut(text[e:ends[j]]))
            edits.append((i, j + 1, replacement))
            edited_to = j + 1
        return edits

    def _protect_counts(self, text: str, words: list[str], counts: Mapping[str, int],
                        terms: list[str]) -> list[tuple[list[str], list[str]]]:
        """_protect_edits as (tokens replaced, their replacement), without locating every
        token of the text: the same edits, found from the stretches around the terms.

        One scan finds every place of every term, overlapping ones included. A term with as
        many tokens as places is one token wherever it stands and needs nothing. Around the
        other terms' places the clause between two _CLAUSE_MARKS is cut again, which gives
        the text's own tokens there; with no such mark near, the whole text's tokens are
        located instead. The places are taken as longest_leftmost takes them: left to right,
        the longest at each place, never overlapping.
        """
        places = LiteralMatcher(terms).occurrences(text)
        found = Counter(term for _, _, term in places)
        need = {t for t, k in found.items() if counts.get(t, 0) != k}
        if not need:
            return []
        cut = self._engine.cut
        edits: list[tuple[list[str], list[str]]] = []
        edited_to = 0  # where the last re-cut stretch ends (a character offset)
        reached = 0  # where the last place taken ends
        n = len(text)
        for s, minus_e, term in sorted((s, -e, t) for s, e, t in places):
            if s < reached:
                continue  # overlaps the place taken before
            e = reached = -minus_e
            if term not in need:
                continue  # every place of the term is a token of its own
            lo = max(0, s - _CLAUSE_MAX)
            start = _CLAUSE_START.match(text, lo, s)
            stop = _CLAUSE_END.search(text, e, min(n, e + _CLAUSE_MAX))
            if (start is None and lo > 0) or (stop is None and e + _CLAUSE_MAX < n):
                return [(words[i:j], new) for i, j, new in self._protect_edits(text, words, terms)]
            a = start.end() if start is not None else 0
            b = stop.start() if stop is not None else n
            tokens = cut(text[a:b])
            ends = list(accumulate(map(len, tokens), initial=a))[1:]
            if not ends or ends[-1] != b:  # the engine did not cover the stretch exactly
                return [(words[i:j], new) for i, j, new in self._protect_edits(text, words, terms)]
            i = bisect_right(ends, s)  # the token holding the match's first character
            start_i = ends[i] - len(tokens[i])
            if start_i < edited_to:
                continue  # inside a region already re-cut
            j = bisect_left(ends, e, lo=i)  # the token holding its last character
            if i == j:
                continue  # already one token, or part of a longer word
            replacement: list[str] = []
            if start_i < s:
                replacement.extend(cut(text[start_i:s]))
            replacement.append(term)
            if ends[j] > e:
                replacement.extend(cut(text[e:ends[j]]))
            edits.append((tokens[i:j + 1], replacement))
            edited_to = ends[j]
        return edits

    # -- nested terms -------------------------------------------------------------------
    def inner_terms(self, word: str) -> tuple[InnerTerm, ...]:
        """The lexicon terms inside a token, at every level, with their offsets in it.

        The longest established term is the token (污染防治攻坚战); the terms inside it
        (污染防治) count too. Lexicon and --dict words have their nesting worked out when the
        Segmenter is built; any other token the dictionaries lack (a quoted 民营经济31条) is
        cut on its own, and the lexicon terms among its pieces are inside it.
        """
        found = self._inner.get(word)
        if found is not None:
            return found
        if len(word) < 3 or word in self.lexicon:
            return ()
        cached = self._inner_cache.get(word)
        if cached is None:
            cached = () if self._engine.knows(word) else self._cut_inner(word)
            if len(self._inner_cache) < _INNER_CACHE_MAX:
                self._inner_cache[word] = cached
        return cached

    def _cut_inner(self, word: str) -> tuple[InnerTerm, ...]:
        pieces = self._engine.normalize(self._engine.cut(word))
        if len(pieces) < 2:
            return ()
        out: list[InnerTerm] = []
        at = 0
        for piece in pieces:
            if piece in self.lexicon:
                out.append(InnerTerm(piece, at))
                out.extend(InnerTerm(t, at + k) for t, k in self._inner.get(piece, ()))
            at += len(piece)
        return tuple(out)

    def own_cuts(self, word: str) -> frozenset[int]:
        """Offsets in `word` where its own cut puts a boundary, 0 and len(word) included.

        The word is cut as jieba cuts a text (the likeliest route through the dictionary
        words it holds, no HMM) with the word itself left out, and every piece of three
        characters or more is cut the same way in turn: 国有企业 is 国有|企业, 生产能力 is
        生产|能力 (no boundary inside 产能), 国民生产总值 is 国民|生产|总值.
        """
        cached = self._cuts_cache.get(word)
        if cached is not None:
            return cached
        found = {0, len(word)}
        pieces = self._route(word)
        if len(pieces) > 1:
            at = 0
            for piece in pieces:
                if len(piece) >= 3:
                    found.update(at + k for k in self.own_cuts(piece))
                at += len(piece)
                found.add(at)
        out = frozenset(found)
        if len(self._cuts_cache) < _INNER_CACHE_MAX:
            self._cuts_cache[word] = out
        return out

    def is_word_of(self, word: str, start: int, end: int) -> bool:
        """Whether word[start:end] is a word of the token `word`: one of its lexicon terms
        (inner_terms) there, or a span whose ends its own cut keeps (own_cuts)."""
        key = (word, start, end)
        known = self._word_of_cache.get(key)
        if known is None:
            cuts = self.own_cuts(word)
            term = word[start:end]
            known = (start <= 0 and end >= len(word)) or (start in cuts and end in cuts) or any(
                t == term and k == start for t, k in self.inner_terms(word))
            if len(self._word_of_cache) < _INNER_CACHE_MAX:
                self._word_of_cache[key] = known
        return known

    def _route(self, word: str) -> list[str]:
        """The likeliest cut of `word` into dictionary words other than itself (jieba's
        route: log frequency over the total, single characters where no word starts)."""
        n = len(word)
        if n < 2:
            return [word]
        engine = self._engine
        log_total = engine.log_total()
        score = [0.0] * (n + 1)
        step = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            options = [(j, f) for j in range(i + 1, min(n, i + self._longest) + 1)
                       if (i, j) != (0, n) and (f := engine.freq(word[i:j]))]
            score[i], step[i] = max((math.log(f) - log_total + score[j], j)
                                    for j, f in options or [(i + 1, 1)])
        pieces: list[str] = []
        ascii_run = False  # jieba keeps single ASCII letters and digits together (31 in 31条)
        i = 0
        while i < n:
            piece = word[i:step[i]]
            single = len(piece) == 1 and piece.isascii() and piece.isalnum()
            if single and ascii_run:
                pieces[-1] += piece
            else:
                pieces.append(piece)
            ascii_run = single
            i = step[i]
        return pieces

    def inner_spans(self, words: Iterable[str]) -> list[tuple[int, int, str, str]]:
        """(start, end, term, token) of every inner term of every token, by position.

        `words` cover a text in order (Segmenter.words or the words of Segmenter.tag).
        """
        spans: list[tuple[int, int, str, str]] = []
        at = 0
        for word in words:
            if len(word) > 2:
                for term, k in self.inner_terms(word):
                    spans.append((at + k, at + k + len(term), term, word))
            at += len(word)
        return spans

    def nested_counts(self, word_counts: Mapping[str, int],
                      compounds: Iterable[str] | None = None) -> Counter[str]:
        """How often each lexicon term stands inside a longer token, given the token counts
        (and, when known, which of them hold lexicon terms: CountedWords.compounds)."""
        nested: Counter[str] = Counter()
        if compounds is None:
            compounds = self.compounds(word_counts)
        hosts = self._hosts
        for word in compounds:
            n = word_counts[word]
            for term, _ in hosts[word]:
                nested[term] += n
        return nested

    def knows(self, word: str) -> bool:
        """Whether the lexicon, a --dict or jieba's dictionary holds the word."""
        return word in self.lexicon or self._engine.knows(word)

    def in_lexicon(self, word: str) -> bool:
        return word in self.lexicon

    def is_stopword(self, word: str) -> bool:
        return word in self.stopwords


# -- one Segmenter per process and spec ------------------------------------------------------
@dataclass(frozen=True)
class SegmenterSpec:
    """How to build a Segmenter: picklable, so worker processes build the same one."""

    engine: str = DEFAULT_ENGINE
    user_dicts: tuple[str, ...] = ()
    lexicon: bool = True
    quoted_terms: bool = True

    def build(self) -> Segmenter:
        return Segmenter(
            self.engine, self.user_dicts, lexicon=self.lexicon, quoted_terms=self.quoted_terms
        )


@lru_cache(maxsize=4)
def cached_segmenter(spec: SegmenterSpec) -> Segmenter:
    """One Segmenter per process and spec (worker processes build theirs once)."""
    return spec.build()


# -- one document as `xzcli segment` shows it ------------------------------------------------
@dataclass(frozen=True)
class SegmentedDocument:
    """One document's tokens in three views: its JSON object (tokens, and with nested the
    lexicon terms inside longer tokens), its table rows (source, offset, token, pos and with
    nested inside) and its delimited text lines, which keep the document's line breaks."""

    document: dict[str, Any]
    rows: list[dict[str, Any]]
    lines: list[str]


def segmented_document(source: str, pairs: Sequence[Pair], segmenter: Segmenter, *,
                       delimiter: str = " / ", nested: bool = False) -> SegmentedDocument:
    """The views of a document cut into (word, tag) pairs, whitespace included: the words
    cover the text that was cut, so their offsets are where each one starts in it."""
    from xzcli.offsets import token_starts

    tokens = [w for w, _ in pairs if not w.isspace()]
    document: dict[str, Any] = {"source": source, "tokens": tokens}
    inner_of: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    line: list[str] = []
    starts = token_starts([w for w, _ in pairs])
    for (word, tag), offset in zip(pairs, starts, strict=False):
        inner = segmenter.inner_terms(word) if nested else ()
        if inner:
            inner_of.append({"offset": offset, "token": word, "inner": [
                {"term": t, "offset": offset + k} for t, k in inner]})
            line.append(f"{word}[{' '.join(t for t, _ in inner)}]")
            rows.append({"source": source, "offset": offset, "token": word, "pos": tag,
                         "inside": None})
            rows.extend({"source": source, "offset": offset + k, "token": t,
                         "pos": segmenter.pos_of(t), "inside": word} for t, k in inner)
        elif word.isspace():
            breaks = word.count("\n")
            if breaks:
                lines.append(delimiter.join(line))
                lines.extend([""] * (breaks - 1))
                line = []
        else:
            line.append(word)
            rows.append({"source": source, "offset": offset, "token": word, "pos": tag})
    if line:
        lines.append(delimiter.join(line))
    if nested:
        document["nested"] = inner_of
    return SegmentedDocument(document, rows, lines)


# -- the analysis `xzcli segment` runs: analyse, merge, payload ------------------------------
SCHEMA = "xzcli.segment/1"
COLUMNS = ("source", "offset", "token", "pos")
NESTED_COLUMNS = (*COLUMNS, "inside")


@dataclass(frozen=True)
class Options:
    """`delimiter` joins tokens in the text view; `nested` adds the lexicon terms inside
    longer tokens (JSON "nested", rows "inside")."""

    delimiter: str = " / "
    nested: bool = False


def tagged(doc: Document, segmenter: Segmenter) -> list[Pair]:
    """The analysis text cut into (word, tag) pairs, whitespace kept: what the views read."""
    return segmenter.tag(analysis_text(doc.text))


def document_json(source: str, words: Sequence[str], segmenter: Segmenter, *,
                  nested: bool = False) -> dict[str, Any]:
    """A document's JSON object from its words (whitespace included): segmented_document's
    `document` without the rows and lines, and without the tags JSON does not show."""
    from xzcli.offsets import token_starts

    document: dict[str, Any] = {"source": source,
                                "tokens": list(filterfalse(str.isspace, words))}
    if nested:
        inner_terms = segmenter.inner_terms
        document["nested"] = [
            {"offset": offset, "token": word,
             "inner": [{"term": t, "offset": offset + k} for t, k in inner]}
            for word, offset in zip(words, token_starts(list(words)), strict=False)
            if (inner := inner_terms(word))
        ]
    return document


def analyse(doc: Document, segmenter: Segmenter, options: Options = Options()) -> Listing:
    """One document's JSON object: its tokens (and with `nested` the terms inside them)."""
    words = segmenter.words(analysis_text(doc.text))
    return Listing.of([document_json(doc.source, words, segmenter, nested=options.nested)])


def merge(left: Listing, right: Listing) -> Listing:
    return left.merge(right)


def payload(result: Listing, options: Options = Options()) -> dict[str, Any]:
    """The JSON payload of `xzcli segment` (after the envelope): one document's object
    without its source, or every document's under "documents"."""
    if result.count == 1:
        return {k: v for k, v in result.item_values()[0].items() if k != "source"}
    return {"documents": result.items()}
