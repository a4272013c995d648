"""xzcli from Python: the analyses the CLI runs, with the same options and the same results.

    from xzcli import api

    docs = [api.text("……全文……", source="a.txt"), "samples/district-plan.txt"]
    result = api.compare(docs[:1], reference=docs[1:], top=10)
    result.to_pandas()          # one row per term (needs xzcli[pandas])
    result.to_dict()            # exactly what `xzcli compare --format json` prints

Inputs are paths (files or folders, as on the command line) or Documents (`text()` for a
string, `load()` for files read once and kept). Every function returns a `Result`: its rows
(`to_records()`, `to_pandas()`) are the rows of the CLI's CSV, and `to_dict()` the CLI's JSON.
The CLI commands call these functions; this module never imports Typer or Rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, cast

from xzcli.errors import InputError, UsageError
from xzcli.inputs import (
    InputSpec,
    Progress,
    input_spec,
    merge_over_inputs,
    no_progress,
    note,
    stream_inputs,
)
from xzcli.pipeline import InputInfo, SegmenterSpec, cached_segmenter
from xzcli.render.jsontext import Spool, dumps_at
from xzcli.segment import DEFAULT_ENGINE, ENGINES, Segmenter
from xzcli.sources import Document, read_document

# The public names, in one place (SCHEMAS and FIELDS, at the end, list each analysis's schema
# and row fields): tests/test_api.py snapshots them.
__all__ = [
    "Result", "Input", "text", "load", "segmenter", "reading",
    "figures", "lint", "sections", "compare", "collocates", "ngrams", "kwic", "usage",
    "themes", "keywords", "tfidf", "input_count", "segment", "segment_documents",
    "discover", "discovered_dictionary", "build_document_frequencies", "SCHEMAS", "FIELDS",
]

Input = str | Path | Document


# -- results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Result:
    """One analysis's result: the rows of its table and the JSON document the CLI prints.

    `head` is the envelope (schema, version, engine, dictionaries, inputs), `payload` what
    follows it; `rows` are the table/CSV rows in `columns` order. `failed` lists the inputs
    that could not be read; `notes` what the CLI would say on stderr; `records` what
    `--format jsonl` writes when it is not the rows; `text` the plain-text view where a
    command has one instead of a table.
    """

    schema: str
    head: dict[str, Any]
    payload: dict[str, Any]
    rows: list[dict[str, Any]]
    columns: tuple[str, ...] = ()
    title: str = ""
    notes: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    # What JSONL streams when it is not the rows (one object per document, say).
    records: list[dict[str, Any]] | None = None
    # The plain-text view where one replaces the table (segment's delimited lines).
    text: str | None = None

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as a list of dicts (copies: changing them leaves the result alone)."""
        return [dict(row) for row in self.rows]

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame, columns in the CLI's order (needs xzcli[pandas])."""
        try:
            import pandas as pd
        except ImportError:
            raise UsageError("to_pandas() needs pandas: pip install 'xzcli[pandas]'") from None
        columns = list(self.columns) or list(dict.fromkeys(k for r in self.rows for k in r))
        return pd.DataFrame.from_records(self.to_records(), columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """The whole result as the CLI's `--format json` prints it (envelope first)."""
        return {**self.head, **self.payload}

    def to_json(self) -> str:
        """The text of `--format json`, byte for byte."""
        from xzcli.render import to_json

        return to_json(self.to_dict()) + "\n"


# -- inputs and the segmenter -----------------------------------------------------------------
def text(content: str, source: str = "<text>") -> Document:
    """A string as a document; `source` names it in results (and gives its year, region …
    when it reads like the file names the CLI understands, e.g. 2024-北京-工作报告.txt)."""
    if not isinstance(content, str):
        raise UsageError(f"text() takes a str, not {type(content).__name__}")
    return Document(source, content, None)


def load(paths: Iterable[str | Path], *, options: InputSpec | None = None) -> list[Document]:
    """Read files (folders expand to the files below) into Documents kept in memory."""
    from xzcli.sources import expand_paths

    spec = options or InputSpec()
    sources = expand_paths([str(p) for p in paths], include=spec.include, exclude=spec.exclude)
    return [read_document(s, spec.reading) for s in sources]


def segmenter(engine: str = DEFAULT_ENGINE, dicts: Sequence[str | Path] = ()) -> SegmenterSpec:
    """The segmenter the analyses use: an engine (rjieba or jieba) and your --dict files.

    Returned as its spec, so worker processes build the same one; `.build()` gives the
    Segmenter itself (`cut`, `word_counts` …), built once per process by the analyses.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    return SegmenterSpec(engine=engine, user_dicts=tuple(str(d) for d in dicts))


def reading(encoding: str | None = None, input_format: str | None = None, t2s: bool = False,
            name_pattern: str | None = None, meta: str | Path | None = None,
            include: Sequence[str] = (), exclude: Sequence[str] = ()) -> InputSpec:
    """How inputs are read and labelled: the CLI's --encoding, --input-format, --t2s,
    --name-pattern, --meta, --include and --exclude."""
    return input_spec(encoding, input_format, t2s, name_pattern,
                      Path(meta) if meta is not None else None, list(include), list(exclude))


@dataclass(frozen=True)
class _Run:
    """The options every analysis shares (how to read, where to run, what to show)."""

    inputs: InputSpec = field(default_factory=InputSpec)
    jobs: int = 1
    scheduler: str | None = None
    quiet: bool = True
    progress: Progress = no_progress


def _sources(paths: Input | Iterable[Input]) -> list[str | Document]:
    if isinstance(paths, (str, Path, Document)):
        paths = [paths]
    out: list[str | Document] = []
    for item in paths:
        if isinstance(item, Document):
            out.append(item)
        elif isinstance(item, (str, Path)):
            out.append(str(item))
        else:
            raise UsageError(f"an input is a path or a Document, not {type(item).__name__}")
    return out


def _run(options: InputSpec | None, jobs: int, scheduler: str | None, quiet: bool,
         progress: Progress | None) -> _Run:
    return _Run(options or InputSpec(), jobs, scheduler, quiet, progress or no_progress)


def _spec(seg: SegmenterSpec | None) -> SegmenterSpec:
    return seg if seg is not None else SegmenterSpec()


def _built(spec: SegmenterSpec) -> Segmenter:
    return cached_segmenter(spec)


# -- listings: figures, lint, sections, segment -----------------------------------------------
def _items_json(values: list[Any]) -> str:
    """Items as they read in an array under a top-level key (a Spool of level 2)."""
    from xzcli.listing import SEPARATOR
    from xzcli.render.jsontext import dumps_at

    return SEPARATOR.join(dumps_at(value, 2) for value in values)


def _written(doc: Document, segmenter: Segmenter, task: Any) -> Any:
    """Per-document task for JSON: `task`'s Listing with its items written where found."""
    return task(doc, segmenter).written(_items_json)


def _listing(task: Any, paths: Input | Iterable[Input], spec: SegmenterSpec, run: _Run,
             failed: list[str], *, spool: bool | str, label: str,
             segments: bool = False) -> tuple[list[InputInfo], Any]:
    """Each input's Listing concatenated in input order. With `spool` (True or "json") the
    workers write the items' JSON and the parent keeps it in a jsontext.Spool on disk: the
    payload's text, in memory that does not grow with the folder; with "rows" the items
    are kept on disk as values (listing.DiskRows), for the line formats."""
    from xzcli.listing import Listing

    if spool not in SPOOLS:
        raise UsageError(f"spool is one of {', '.join(map(repr, SPOOLS))}, not {spool!r}")
    inputs: list[InputInfo] = []
    if spool is True or spool == "json":
        total = Listing(spool=Spool(2))
        task = partial(_written, task=task)
    else:
        total = Listing.on_disk() if spool == "rows" else Listing()
    for info, found in stream_inputs(task, _sources(paths), spec, failed, inputs=run.inputs,
                                     jobs=run.jobs, scheduler=run.scheduler, quiet=run.quiet,
                                     label=label, segments=segments, progress=run.progress):
        inputs.append(info)
        total.merge(found)
    return inputs, total


# What `spool` takes: False keeps everything in memory (the API's default); True or "json"
# keeps the JSON text on disk (rows and records empty); "rows" keeps rows and records on disk
# (read-only iterables, what --format jsonl, csv and tsv stream out).
SPOOLS: tuple[bool | str, ...] = (False, True, "json", "rows")


def _rows(values: Any) -> list[dict[str, Any]]:
    """A listing's values as Result rows: a list, or (spool="rows") DiskRows standing in
    for one (iterable again and again, with a length)."""
    return cast(list[dict[str, Any]], values)


# -- figures ----------------------------------------------------------------------------------
def figures(paths: Input | Iterable[Input], *, kinds: Iterable[str] | None = None,
            options: InputSpec | None = None, jobs: int = 1, scheduler: str | None = None,
            quiet: bool = True, progress: Progress | None = None,
            spool: bool | str = False) -> Result:
    """Every quantity claimed (percentages, money in 元, counts, measures, ranges, dates):
    one row per figure, as `xzcli figures`. With `spool` (the CLI's --format json) the
    payload's figures are a jsontext.Spool on disk and rows are left empty; with
    spool="rows" (jsonl, csv, tsv) the rows are kept on disk."""
    from xzcli import figures as figures_module

    chosen = figures_module.Options(kinds=figures_module.figure_kinds(kinds))
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    inputs, total = _listing(partial(figures_module.analyse, options=chosen), paths,
                             SegmenterSpec(), run, failed, spool=spool, label="figures")
    return Result(figures_module.SCHEMA, _envelope(figures_module.SCHEMA, None, (), inputs),
                  figures_module.payload(total, chosen), _rows(total.values),
                  figures_module.COLUMNS,
                  title=figures_module.title(total), failed=tuple(failed))


def _envelope(schema: str, engine: str | None, dictionaries: Sequence[Any],
              inputs: Sequence[Any]) -> dict[str, Any]:
    from xzcli.render import envelope

    return envelope(schema, engine=engine, dictionaries=dictionaries, inputs=inputs)


# -- lint -------------------------------------------------------------------------------------
def lint(paths: Input | Iterable[Input], *, rules: Iterable[str] = (),
         ignore: Iterable[str] = (), options: InputSpec | None = None, jobs: int = 1,
         scheduler: str | None = None, quiet: bool = True,
         progress: Progress | None = None, spool: bool | str = False) -> Result:
    """Copy-editing slips (repeated list items, half-width punctuation, unbalanced quotes
    and brackets, leftover markup, doubled characters), as `xzcli lint`. With `spool` the
    payload's findings are a jsontext.Spool on disk and rows are left empty; with
    spool="rows" the rows are kept on disk."""
    from xzcli import lint as lint_module

    chosen = lint_module.Options(lint_module.select_rules(tuple(rules), tuple(ignore)))
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    inputs, total = _listing(partial(lint_module.analyse, options=chosen), paths,
                             SegmenterSpec(), run, failed, spool=spool, label="linting")
    return Result(lint_module.SCHEMA, _envelope(lint_module.SCHEMA, None, (), inputs),
                  lint_module.payload(total, chosen), _rows(total.values),
                  lint_module.COLUMNS,
                  title=lint_module.title(total), notes=lint_module.notes(total),
                  failed=tuple(failed))


# -- sections ---------------------------------------------------------------------------------
def sections(paths: Input | Iterable[Input], *, sentences: bool = False,
             options: InputSpec | None = None, jobs: int = 1, scheduler: str | None = None,
             quiet: bool = True, progress: Progress | None = None,
             spool: bool | str = False) -> Result:
    """Title, subtitle, byline, captions, headings, sections and paragraphs of each input:
    one row per section, as `xzcli sections`. With `spool` the payload's documents are a
    jsontext.Spool on disk and rows and records are left empty; with spool="rows" the
    documents (records) are kept on disk and the rows are made from them when read."""
    from xzcli import structure as structure_module
    from xzcli.listing import Derived

    chosen = structure_module.Options(sentences=sentences)
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    inputs, total = _listing(partial(structure_module.analyse, options=chosen), paths,
                             SegmenterSpec(), run, failed, spool=spool, label="parsing")
    json_only = spool is True or spool == "json"
    rows = (structure_module.section_rows(total.values) if spool is False
            else Derived(total.values, structure_module.document_rows))
    return Result(structure_module.SCHEMA, _envelope(structure_module.SCHEMA, None, (), inputs),
                  structure_module.payload(total, chosen), _rows(rows),
                  structure_module.COLUMNS, title="sections", failed=tuple(failed),
                  records=None if json_only else _rows(total.values))


# -- compare ----------------------------------------------------------------------------------
COMPARE_SCHEMA = "xzcli.compare/1"
COMPARE_COLUMNS = ("rank", "term", "target_count", "reference_count", "target_per_10k",
                   "reference_per_10k", "g2", "log_ratio", "percent_diff", "dp",
                   "target_documents", "reference_documents", "in_lexicon", "pos")


def compare(paths: Input | Iterable[Input], *, reference: Input | Iterable[Input],
            top: int = 30, min_count: int = 3, measure: str = "g2", negative: bool = False,
            min_g2: float = 3.84, pos: str | None = None, seg: SegmenterSpec | None = None,
            options: InputSpec | None = None, jobs: int = 1, scheduler: str | None = None,
            quiet: bool = True, progress: Progress | None = None) -> Result:
    """Which terms the target uses more (or less) than the reference: G2, log ratio, %DIFF
    and DP per term, as `xzcli compare`. `reference="policy"` uses the built-in counts of
    the national government work reports."""
    from xzcli.keyness import (
        COMPARE_POS,
        MEASURES,
        POLICY_REFERENCE,
        CompareOptions,
        Comparison,
        TermTable,
        analyse,
        check_sides,
        load_policy_reference,
        merge,
        payload,
    )
    from xzcli.keywords import PosFilter
    from xzcli.segment import DictionaryInfo

    if measure not in MEASURES:
        raise UsageError(f"unknown measure {measure!r}; choose one of: {', '.join(MEASURES)}")
    refs = _sources(reference) if reference else []
    if not refs:
        raise UsageError("no reference given; add --reference FILE|FOLDER (repeatable) or "
                         "--reference policy")
    use_policy = POLICY_REFERENCE in refs
    ref_paths = [r for r in refs if r != POLICY_REFERENCE]
    if use_policy and ref_paths:
        raise UsageError("--reference policy stands alone; give either it or files and folders")
    chosen = CompareOptions(top=top, min_count=min_count, measure=measure, negative=negative,
                            min_g2=float(min_g2), pos_filter=PosFilter.parse(pos) if pos else
                            PosFilter(COMPARE_POS, True))
    spec = _spec(seg)
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    infos: list[tuple[str, InputInfo]] = []

    def side(side_paths: list[str | Document], name: str, parts: bool) -> TermTable:
        found, total = merge_over_inputs(
            partial(analyse, parts=parts), merge, TermTable(), side_paths, spec, failed,
            inputs=run.inputs, jobs=run.jobs, scheduler=run.scheduler, quiet=run.quiet,
            label=f"counting the {name}", segments=True, progress=run.progress)
        infos.extend((name, info) for info in found)
        return total

    target = side(_sources(paths), "target", True)
    extra: list[DictionaryInfo] = []
    if use_policy:
        ref_table, ref_path, sha = load_policy_reference()
        extra.append(DictionaryInfo(ref_path.name, str(ref_path), sha, len(ref_table.counts)))
        if spec.user_dicts and not run.quiet:
            note("warning: the policy reference was counted with the built-in lexicon only; "
                 "terms your --dict joins may look more key than they are")
    else:
        ref_table = side(ref_paths, "reference", False)
    comparison = Comparison(target, ref_table)
    notes = check_sides(comparison)
    built = _built(spec)
    body = payload(comparison, chosen, built)
    rows = [{"rank": rank, **term} for rank, term in enumerate(body["terms"], start=1)]
    if not rows:
        notes.append(f"no term passes --min-count {min_count} and --min-g2 {min_g2:g}")
    direction = "less" if negative else "more"
    ref_label = ("the policy reference (national work reports)" if use_policy
                 else f"the reference ({ref_table.n_documents} document(s))")
    title = (f"compare · terms the target ({target.n_documents} document(s)) uses {direction} "
             f"than {ref_label} · by {measure}")
    head = _envelope(COMPARE_SCHEMA, spec.engine, [*built.dictionaries, *extra],
                     [info for _, info in infos])
    for record, (name, _) in zip(head["inputs"], infos, strict=True):
        record["side"] = name
    return Result(COMPARE_SCHEMA, head, body, rows, COMPARE_COLUMNS, title=title,
                  notes=tuple(notes), failed=tuple(failed))


# -- collocates -------------------------------------------------------------------------------
COLLOCATES_SCHEMA = "xzcli.collocates/1"
COLLOCATES_COLUMNS = ("rank", "term", "count", "documents", "frequency", "expected", "ll", "mi",
                      "t_score", "in_lexicon", "pos", "example")


def _example(examples: list[dict[str, Any]]) -> str:
    """The first co-occurrence as SOURCE@NODE_OFFSET: the `kwic` hit of the node it stands by."""
    if not examples:
        return ""
    first = examples[0]
    return f"{first['source']}@{first['node_offset']}"


def collocates(term: str, paths: Input | Iterable[Input], *, window: int = 5, top: int = 30,
               min_count: int = 3, measure: str = "ll", pos: str | None = None,
               seg: SegmenterSpec | None = None, options: InputSpec | None = None,
               jobs: int = 1, scheduler: str | None = None, quiet: bool = True,
               progress: Progress | None = None) -> Result:
    """The words that keep `term` company within `window` tokens (log-likelihood, MI,
    t-score), as `xzcli collocates`."""
    from xzcli.collocates import (
        MEASURES,
        CollocateOptions,
        Collocation,
        analyse,
        merge,
        node_tokens,
    )
    from xzcli.collocates import payload as collocate_payload
    from xzcli.keywords import PosFilter

    term = term.strip() if isinstance(term, str) else ""
    if not term:
        raise UsageError("no term given; usage: xzcli collocates TERM [PATH...]")
    if measure not in MEASURES:
        raise UsageError(f"unknown measure {measure!r}; choose one of: {', '.join(MEASURES)}")
    chosen = CollocateOptions(top=top, min_count=min_count, measure=measure,
                              pos_filter=PosFilter.parse(pos) if pos else None)
    spec = _spec(seg)
    run = _run(options, jobs, scheduler, quiet, progress)
    built = _built(spec)
    node = node_tokens(term, built)
    if not node:
        raise UsageError(f"{term!r} holds no word to look for")
    failed: list[str] = []
    inputs, total = merge_over_inputs(
        partial(analyse, node=node, window=window), merge,
        Collocation(node=node, window=window), _sources(paths), spec, failed, inputs=run.inputs,
        jobs=run.jobs, scheduler=run.scheduler, quiet=run.quiet, label="counting",
        segments=True, progress=run.progress)
    body = collocate_payload(total, chosen, built)
    rows = [{"rank": rank, **{k: v for k, v in c.items() if k != "examples"},
             "example": _example(c["examples"])}
            for rank, c in enumerate(body["collocates"], start=1)]
    notes: list[str] = []
    if total.node_count == 0:
        notes.append(f"{term} never stands as a whole token in {total.n_documents} "
                     f"document(s); `xzcli kwic {term} PATH` shows where its characters stand")
    elif not rows:
        notes.append(f"no collocate of {term} reaches --min-count {min_count}")
    title = (f"collocates · {term} · {total.node_count} occurrence(s) in "
             f"{total.n_documents} document(s) · window {window} · by {measure}")
    return Result(COLLOCATES_SCHEMA,
                  _envelope(COLLOCATES_SCHEMA, spec.engine, built.dictionaries, inputs), body,
                  rows, COLLOCATES_COLUMNS, title=title, notes=tuple(notes),
                  failed=tuple(failed))


# -- ngrams -----------------------------------------------------------------------------------
NGRAMS_SCHEMA = "xzcli.ngrams/1"
NGRAMS_COLUMNS = ("rank", "ngram", "tokens", "n", "count", "documents", "per_10k")


def ngrams(paths: Input | Iterable[Input], *, sizes: str | Sequence[int] = "2-5", top: int = 30,
           min_count: int = 2, min_documents: int = 1, seg: SegmenterSpec | None = None,
           options: InputSpec | None = None, jobs: int = 1, scheduler: str | None = None,
           quiet: bool = True, progress: Progress | None = None) -> Result:
    """Recurring token n-grams within punctuation (stop words at the edges left out), as
    `xzcli ngrams`. `sizes` is the CLI's --n ("2-5", "3", "2,4") or a list of sizes."""
    from xzcli.ngrams import NgramCounts, NgramOptions, analyse, merge, parse_sizes
    from xzcli.ngrams import payload as ngram_payload

    n = parse_sizes(sizes if isinstance(sizes, str) else ",".join(str(s) for s in sizes))
    chosen = NgramOptions(sizes=n, top=top, min_count=min_count, min_documents=min_documents)
    spec = _spec(seg)
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    inputs, total = merge_over_inputs(
        partial(analyse, sizes=n), merge, NgramCounts(), _sources(paths), spec, failed,
        inputs=run.inputs, jobs=run.jobs, scheduler=run.scheduler, quiet=run.quiet,
        label="counting", segments=True, progress=run.progress)
    built = _built(spec)
    body = ngram_payload(total, chosen, built)
    rows = [{"rank": rank, **g} for rank, g in enumerate(body["ngrams"], start=1)]
    notes = () if rows else (f"no n-gram reaches --min-count {min_count}",)
    label = f"{n[0]}-{n[-1]}" if len(n) > 1 else str(n[0])
    title = (f"ngrams · n = {label} · {total.n_documents} document(s) · "
             f"{total.tokens} word tokens")
    return Result(NGRAMS_SCHEMA, _envelope(NGRAMS_SCHEMA, spec.engine, built.dictionaries, inputs),
                  body, rows, NGRAMS_COLUMNS, title=title, notes=notes, failed=tuple(failed))


# -- kwic -------------------------------------------------------------------------------------
def _terms(terms: str | Iterable[str]) -> list[str]:
    return [terms] if isinstance(terms, str) else list(terms)


def kwic(terms: str | Iterable[str], paths: Input | Iterable[Input], *, width: int = 20,
         sort: str = "position", token: bool = False, regex: bool = False,
         ignore_case: bool = False, aliases: str | Path | None = None,
         seg: SegmenterSpec | None = None, options: InputSpec | None = None, jobs: int = 1,
         scheduler: str | None = None, quiet: bool = True,
         progress: Progress | None = None) -> Result:
    """Every occurrence of the terms (a list, each taken verbatim) with its context, line,
    offset and section heading, as `xzcli kwic`."""
    from xzcli import kwic as analysis

    term_list = _terms(terms)
    concepts = analysis.read_aliases(Path(aliases)) if aliases else None
    queries = analysis.build_queries(term_list, concepts, regex=regex, ignore_case=ignore_case)
    chosen = analysis.KwicOptions(tuple(term_list), tuple(queries), width=width,
                                  tokens_only=token, sort=analysis.check_sort(sort))
    spec = _spec(seg)
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    task = partial(analysis.analyse, queries=chosen.queries, width=width, tokens_only=token)
    inputs, total = merge_over_inputs(
        task, analysis.merge, analysis.Hits(), _sources(paths), spec, failed,
        inputs=run.inputs, jobs=run.jobs, scheduler=run.scheduler, quiet=run.quiet,
        label="searching", segments=True, progress=run.progress)
    built = _built(spec)
    body = analysis.payload(total, chosen)
    label = body["term"]
    notes: tuple[str, ...] = ()
    if not body["hits"]:
        notes = (f"no occurrences of {label} in {total.documents} document(s)",)
    title = f"kwic · {label} · {body['count']} hit(s) in {total.documents} document(s)"
    head = _envelope(analysis.SCHEMA, spec.engine, built.dictionaries, inputs)
    return Result(analysis.SCHEMA, head,
                  body, body["hits"], analysis.COLUMNS, title=title, notes=notes,
                  failed=tuple(failed))


# -- usage ------------------------------------------------------------------------------------
def _check_groups(group_by: str, missing: Sequence[str], any_group: bool, quiet: bool) -> None:
    """--group-by's two messages, the same for every command: a note naming the inputs left out
    for want of the field, and an InputError when no input carries it at all."""
    if missing and not quiet:
        note(f"{len(missing)} document(s) carry no {group_by} and are left out of "
             "--group-by: " + ", ".join(missing[:3]) + (" …" if len(missing) > 3 else ""))
    if not any_group:
        raise InputError(f"--group-by {group_by}: no document carries that field (file "
                         "names give year, region, issuer, title; --meta adds columns)")


def usage(terms: str | Iterable[str], paths: Input | Iterable[Input], *, by_year: bool = False,
          group_by: str | None = None, regex: bool = False, ignore_case: bool = False,
          aliases: str | Path | None = None, options: InputSpec | None = None, jobs: int = 1,
          scheduler: str | None = None, quiet: bool = True,
          progress: Progress | None = None) -> Result:
    """Each term's count and rate per 10,000 characters in each document (or year, or
    metadata group), with its first and last year, as `xzcli usage`."""
    from xzcli import usage as analysis
    from xzcli.kwic import build_queries, read_aliases

    term_list = _terms(terms)
    concepts = read_aliases(Path(aliases)) if aliases else None
    queries = build_queries(term_list, concepts, regex=regex, ignore_case=ignore_case)
    if by_year and group_by:
        raise UsageError("--by-year and --group-by cannot be combined; --group-by year adds "
                         "up years from metadata")
    chosen = analysis.UsageOptions(tuple(queries), aliases=bool(concepts), by_year=by_year,
                                   group_by=group_by)
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    # Counting is exact text: the segmenter goes unused.
    inputs, total = merge_over_inputs(
        partial(analysis.analyse, queries=chosen.queries), analysis.merge, analysis.Usage(),
        _sources(paths), SegmenterSpec(), failed, inputs=run.inputs, jobs=run.jobs,
        scheduler=run.scheduler, quiet=run.quiet, label="counting", progress=run.progress)
    values = ([analysis.group_value(info.meta, u, group_by)
               for info, u in zip(inputs, total.documents, strict=True)] if group_by else [])
    missing = analysis.left_out(total, chosen, values)
    n_documents = len(total.documents)
    if group_by:
        _check_groups(group_by, [u.source for u in missing], len(missing) < n_documents,
                      run.quiet)
    elif by_year:
        if missing and not run.quiet:
            note(f"{len(missing)} document(s) carry no year and are left out of --by-year: "
                 + ", ".join(u.source for u in missing[:3]) + (" …" if len(missing) > 3 else ""))
        if len(missing) == n_documents:
            raise InputError("--by-year: no document carries a year in its file name or first "
                             "lines")
    body = analysis.payload(total, chosen, values)
    notes = [f"no occurrences of {s['term']} in {n_documents} document(s)"
             for s in body["summary"] if s["count"] == 0]
    rows = analysis.rows(total, chosen, values)
    title = f"usage · {n_documents} document(s)"
    if by_year:
        title += f" in {len(rows)} year(s)"
    elif group_by:
        title += f" in {len(rows)} {group_by} group(s)"
    columns = tuple(dict.fromkeys(k for r in rows for k in r))
    return Result(analysis.SCHEMA, _envelope(analysis.SCHEMA, None, (), inputs), body, rows,
                  columns, title=title, notes=tuple(notes), failed=tuple(failed),
                  records=analysis.records(body))


def usage_unit(result: Result) -> str:
    """What one row of a usage result stands for: document, year or the --group-by field."""
    from xzcli.usage import unit

    return unit(result.payload)



# -- themes -----------------------------------------------------------------------------------
THEMES_SCHEMA = "xzcli.themes/1"


def themes(paths: Input | Iterable[Input], *, by: str = "document", group_by: str | None = None,
           theme_file: str | Path | None = None, top_terms: int = 8,
           options: InputSpec | None = None, jobs: int = 1, scheduler: str | None = None,
           quiet: bool = True, progress: Progress | None = None,
           spool: bool = False) -> Result:
    """Which themes each input stresses (weighted theme-term scores with their evidence),
    per document, section or paragraph, or per metadata group, as `xzcli themes`.
    `top_terms` is how many evidence terms a row shows (0 = all; the payload lists all).

    With `spool` (the CLI's --format json), the workers write each document's JSON and the
    payload's documents are a jsontext.Spool on disk: the same JSON text, in memory that
    does not grow with the folder; rows and records are then left empty."""
    from xzcli.themes import (
        ThemesOptions,
        ThemeTotals,
        analyse,
        check_options,
        load_themes,
        merge,
        payload,
        table,
    )

    check_options(by, group_by)
    # Spooled, each document's item is written where it is scored, as the array holds it.
    chosen = ThemesOptions(load_themes(Path(theme_file) if theme_file is not None else None),
                           by, group_by, top_terms, partial(dumps_at, level=2) if spool else None)
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    inputs: list[InputInfo] = []
    total = ThemeTotals(entries=Spool(2) if spool else [])
    groups: dict[Any, ThemeTotals] = {}
    missing: list[str] = []
    spec = SegmenterSpec()
    for info, result in stream_inputs(partial(analyse, options=chosen), _sources(paths), spec,
                                      failed, inputs=run.inputs, jobs=run.jobs,
                                      scheduler=run.scheduler, quiet=run.quiet,
                                      label="scoring", segments=True, progress=run.progress):
        inputs.append(info)
        if group_by:
            value = info.meta.get(group_by)
            if value is None:
                missing.append(info.source)
            else:  # a group keeps the totals alone (its entries are None)
                groups[value] = merge(groups.setdefault(value, ThemeTotals()), result)
        total = merge(total, result)
    if group_by:
        _check_groups(group_by, missing, bool(groups), run.quiet)
    body = payload(total, chosen, groups)
    rows, records, some_top = table(body, total, chosen)
    notes: tuple[str, ...] = ()
    if not some_top:
        notes = ("no theme term found in the body text; is this a Chinese policy text?",)
    # Token boundaries decide what matches: the engine and its dictionaries are part of it.
    built = _built(spec)
    head = _envelope(THEMES_SCHEMA, spec.engine, [chosen.themes, *built.dictionaries], inputs)
    columns = tuple(dict.fromkeys(k for r in rows for k in r))
    return Result(THEMES_SCHEMA, head, body, rows, columns, title="themes", notes=notes,
                  failed=tuple(failed), records=records)


def theme_views(result: Result) -> list[dict[str, Any]]:
    """The units a themes table draws, one per document (or per group with group_by)."""
    body = result.payload
    if "groups" in body:
        return [{"source": str(g["value"]), **g} for g in body["groups"]]
    if "documents" in body:
        return list(body["documents"])
    source = result.head["inputs"][0]["source"] if result.head["inputs"] else ""
    return [{"source": source, **{k: v for k, v in body.items()
                                  if k not in ("theme_file", "by")}}]


# -- keywords ---------------------------------------------------------------------------------
def keywords(paths: Input | Iterable[Input], *, top: int = 30, rank: str = "tfidf",
             by: str = "all", min_count: int = 1, pos: str | None = None,
             group_by: str | None = None, seg: SegmenterSpec | None = None,
             options: InputSpec | None = None, jobs: int = 1, scheduler: str | None = None,
             quiet: bool = True, progress: Progress | None = None) -> Result:
    """The terms that say what the inputs are about, with count, rate per 10,000 characters,
    document frequency and score, as `xzcli keywords`. `rank="tfidf"` weighs counts by the
    built-in policy IDF, `"count"` is plain frequency; `by="document"` gives one list per
    input and `group_by` one per metadata value (rows then start with that column)."""
    from xzcli import keywords as analysis

    if by not in analysis.BY:
        raise UsageError(f"unknown --by {by!r}; choose one of: {', '.join(analysis.BY)}")
    per_document = by == "document"
    if per_document and group_by:
        raise UsageError("--by document and --group-by both split the list; choose one")
    chosen = analysis.KeywordOptions(top=top, min_count=min_count,
                                     pos_filter=analysis.PosFilter.parse(pos), rank=rank,
                                     by=by, group_by=group_by)
    table, idf_infos = analysis.ranking_idf(rank)
    spec = _spec(seg)
    run = _run(options, jobs, scheduler, quiet, progress)
    built = _built(spec)
    failed: list[str] = []
    total = analysis.TermCounts()
    groups: dict[Any, analysis.TermCounts] = {}
    missing: list[str] = []
    inputs: list[InputInfo] = []
    lists: list[dict[str, Any]] = []
    where: dict[str, Any] = {"inputs": run.inputs, "jobs": run.jobs,
                             "scheduler": run.scheduler, "quiet": run.quiet,
                             "label": "counting", "segments": True, "progress": run.progress}
    if not (group_by or per_document):
        inputs, total = merge_over_inputs(analysis.analyse, analysis.merge, total,
                                          _sources(paths), spec, failed, **where)
    else:
        # Grouping and per-document lists need each document's own counts. Each list is made
        # as its counts arrive and the counts are dropped, so memory stays that of one
        # document's vocabulary plus the merged totals.
        for info, counts in stream_inputs(analysis.analyse, _sources(paths), spec, failed,
                                          **where):
            inputs.append(info)
            if per_document:
                lists.append(analysis.document_keywords(info.source, counts, built, chosen,
                                                        table))
            if group_by:
                value = info.meta.get(group_by)
                if value is None:
                    missing.append(info.source)
                    continue
                group = groups.get(value)
                groups[value] = analysis.merge(
                    group if group is not None else analysis.TermCounts(), counts)
            total = analysis.merge(total, counts)
    if group_by:
        _check_groups(group_by, missing, bool(groups), run.quiet)
    body = analysis.payload(total, chosen, built, table, documents=lists, groups=groups)
    notes: list[str] = []
    if not body["keywords"]:
        what = "the input" if len(inputs) == 1 else f"the {len(inputs)} inputs"
        notes.append(f"no keywords: {what} {'is' if len(inputs) == 1 else 'are'} empty"
                     if not total.chars else f"no keywords: no content words in {what}")
    elif per_document:
        notes.extend(f"{d['source']}: no keywords (no content words)"
                     for d in lists if not d["keywords"])
    title = f"keywords · {total.n_documents} document(s) · {total.chars} characters"
    if group_by:
        title += f" in {len(groups)} {group_by} group(s)"
    head = _envelope(analysis.SCHEMA, spec.engine, [*built.dictionaries, *idf_infos], inputs)
    return Result(analysis.SCHEMA, head, body, analysis.rows(body), analysis.columns(body),
                  title=title, notes=tuple(notes), failed=tuple(failed))


def keyword_lists(result: Result) -> list[dict[str, Any]]:
    """The lists a keywords result holds, each with source, chars and keywords: one per
    document (by="document"), one per group (group_by; source reads "FIELD VALUE", value
    holds the value), else the one list over all inputs."""
    from xzcli.keywords import lists

    return lists(result.payload)


# -- tfidf ------------------------------------------------------------------------------------
TFIDF_SCHEMA = "xzcli.tfidf/1"
TFIDF_COLUMNS = ("source", "heading", "index", "item", "rank", "text", "value", "offset")


def input_count(paths: Input | Iterable[Input], options: InputSpec | None = None) -> int:
    """How many inputs the paths name (folders expanded, --include/--exclude applied), read
    or not: tfidf's defaults (unit, IDF) follow it."""
    from xzcli.sources import expand_paths

    spec = options or InputSpec()
    sources = _sources(paths)
    named = [s for s in sources if isinstance(s, str)]
    documents = len(sources) - len(named)
    if named or not documents:
        return documents + len(expand_paths(named, include=spec.include, exclude=spec.exclude))
    return documents


def tfidf(paths: Input | Iterable[Input], *, by: str | None = None, top: int = 10,
          sentences: int = 3, idf: str | Iterable[str] | None = None, tf: str = "auto",
          seg: SegmenterSpec | None = None, options: InputSpec | None = None, jobs: int = 1,
          scheduler: str | None = None, quiet: bool = True,
          progress: Progress | None = None) -> Result:
    """What sets each document, section or paragraph apart: its top TF-IDF terms and the
    sentences that carry them, as `xzcli tfidf`. `by` defaults to document for several
    inputs and section for one; `idf` names tables from `xzcli idf build` or "policy" (the
    default below 10 inputs); `tf` is "log", "raw" or "auto". One row per term and per
    summary sentence."""
    from xzcli import tfidf as analysis

    if top < 1:
        raise UsageError(f"top must be at least 1, not {top}")
    if sentences < 0:
        raise UsageError(f"sentences must be 0 or more, not {sentences}")
    run = _run(options, jobs, scheduler, quiet, progress)
    n_inputs = input_count(paths, run.inputs)
    kind = analysis.unit_kind(by, n_inputs)
    names = [idf] if isinstance(idf, str) else list(idf or ())
    table, table_infos, table_label = analysis.idf_tables_for(names, n_inputs)
    chosen = analysis.TfidfOptions(by=kind, top=top, sentences=sentences,
                                   sublinear=analysis.sublinear_tf(tf, kind), idf=table,
                                   idf_label=table_label)
    spec = _spec(seg)
    failed: list[str] = []
    import numpy  # noqa: F401  (loaded once here: forked workers inherit it)

    infos, total = merge_over_inputs(
        partial(analysis.analyse, by=kind), analysis.merge, analysis.TfidfUnits(),
        _sources(paths), spec, failed, inputs=run.inputs, jobs=run.jobs,
        scheduler=run.scheduler, quiet=run.quiet, label="weighing", segments=True,
        progress=run.progress)
    try:
        body = analysis.payload(total, chosen)
    finally:
        total.close()
    key = analysis.UNIT_KEYS[kind]
    records = body[key]
    title = (f"tfidf · {len(records)} {key} · idf: "
             f"{table_label if table is not None else 'the inputs'}")
    notes: tuple[str, ...] = ()
    if not any(r["terms"] for r in records):
        notes = ("no content terms found in the input",)
    built = _built(spec)
    head = _envelope(TFIDF_SCHEMA, spec.engine, [*built.dictionaries, *table_infos], infos)
    return Result(TFIDF_SCHEMA, head, body, analysis.unit_rows(records), TFIDF_COLUMNS,
                  title=title, notes=notes, failed=tuple(failed), records=records)


# -- segment ----------------------------------------------------------------------------------
def segment_documents(paths: Input | Iterable[Input], *, delimiter: str = " / ",
                      nested: bool = False, seg: SegmenterSpec | None = None,
                      options: InputSpec | None = None, jobs: int = 1,
                      scheduler: str | None = None, quiet: bool = True,
                      progress: Progress | None = None,
                      failed: list[str] | None = None) -> Iterator[tuple[InputInfo, Any]]:
    """Each document cut into words as soon as it is cut, in input order: its InputInfo and
    a SegmentedDocument (`.document`, `.rows`, `.lines`), for folders too large to hold.
    Inputs that cannot be read are appended to `failed`."""
    from xzcli import segment as segment_module

    spec = _spec(seg)
    run = _run(options, jobs, scheduler, quiet, progress)
    built = _built(spec)
    for info, pairs in stream_inputs(segment_module.tagged, _sources(paths), spec,
                                     failed if failed is not None else [], inputs=run.inputs,
                                     jobs=run.jobs, scheduler=run.scheduler, quiet=run.quiet,
                                     label="segmenting", segments=True,
                                     progress=run.progress):
        yield info, segment_module.segmented_document(info.source, pairs, built,
                                                      delimiter=delimiter, nested=nested)


def _segment_text(doc: Document, segmenter: Segmenter, *, fmt: str, delimiter: str,
                  nested: bool) -> str:
    """Per-document task for the streamed views: the document's lines in `fmt` (text, jsonl,
    csv or tsv, no header), written by the worker that cut it."""
    import csv
    import io

    from xzcli import segment as segment_module
    from xzcli.render import _cell, to_json

    cut = segment_module.segmented_document(doc.source, segment_module.tagged(doc, segmenter),
                                            segmenter, delimiter=delimiter, nested=nested)
    if fmt == "jsonl":
        return to_json(cut.document, indent=None) + "\n"
    if fmt in ("csv", "tsv"):
        columns = segment_module.NESTED_COLUMNS if nested else segment_module.COLUMNS
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t",
                            lineterminator="\n")
        writer.writerows([_cell(row.get(c)) for c in columns] for row in cut.rows)
        return buffer.getvalue()
    return "".join(f"{ln}\n" for ln in cut.lines)


def segment_lines(paths: Input | Iterable[Input], fmt: str, *, delimiter: str = " / ",
                  nested: bool = False, seg: SegmenterSpec | None = None,
                  options: InputSpec | None = None, jobs: int = 1,
                  scheduler: str | None = None, quiet: bool = True,
                  progress: Progress | None = None,
                  failed: list[str] | None = None) -> Iterator[str]:
    """What `xzcli segment --format FMT` prints (text, jsonl, csv or tsv; no CSV header),
    one document at a time in input order, each written by the worker that cut it: the
    parent only passes text on, so it keeps up with the workers and holds no folder's worth
    of tokens. Inputs that cannot be read are appended to `failed`."""
    if fmt not in ("text", "jsonl", "csv", "tsv"):
        raise UsageError(f"segment_lines writes text, jsonl, csv or tsv, not {fmt!r}")
    spec = _spec(seg)
    run = _run(options, jobs, scheduler, quiet, progress)
    task = partial(_segment_text, fmt=fmt, delimiter=delimiter, nested=nested)
    for _, text in stream_inputs(task, _sources(paths), spec,
                                 failed if failed is not None else [], inputs=run.inputs,
                                 jobs=run.jobs, scheduler=run.scheduler, quiet=run.quiet,
                                 label="segmenting", segments=True, progress=run.progress):
        yield text


def segment(paths: Input | Iterable[Input], *, delimiter: str = " / ", nested: bool = False,
            seg: SegmenterSpec | None = None, options: InputSpec | None = None, jobs: int = 1,
            scheduler: str | None = None, quiet: bool = True,
            progress: Progress | None = None, spool: bool = False) -> Result:
    """Words in order with their offsets and parts of speech, as `xzcli segment`: one row
    per token (with `nested`, also one per lexicon term inside a longer token); `text` holds
    the delimited lines of the text view. With `spool` (the CLI's --format json) the
    workers write each document's JSON, kept in a jsontext.Spool on disk; rows, records and
    text are then left empty."""
    from xzcli import segment as segment_module
    from xzcli.listing import Listing

    chosen = segment_module.Options(delimiter=delimiter, nested=nested)
    spec = _spec(seg)
    failed: list[str] = []
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    if spool:
        run = _run(options, jobs, scheduler, quiet, progress)
        infos, total = _listing(partial(segment_module.analyse, options=chosen), paths, spec,
                                run, failed, spool=True, label="segmenting", segments=True)
    else:
        infos, total = [], Listing()
        for info, cut in segment_documents(paths, delimiter=delimiter, nested=nested,
                                           seg=spec, options=options, jobs=jobs,
                                           scheduler=scheduler, quiet=quiet,
                                           progress=progress, failed=failed):
            infos.append(info)
            total.merge(Listing.of([cut.document]))
            rows.extend(cut.rows)
            lines.extend(cut.lines)
    head = _envelope(segment_module.SCHEMA, spec.engine, _built(spec).dictionaries, infos)
    return Result(segment_module.SCHEMA, head, segment_module.payload(total, chosen), rows,
                  segment_module.NESTED_COLUMNS if nested else segment_module.COLUMNS,
                  failed=tuple(failed), records=None if spool else total.values,
                  text=None if spool else "".join(f"{ln}\n" for ln in lines))


# -- discover ---------------------------------------------------------------------------------
DISCOVER_SCHEMA = "xzcli.discover/1"
DISCOVER_COLUMNS = ("rank", "term", "count", "documents", "score", "cohesion", "left_entropy",
                    "right_entropy", "quoted", "found_by", "first_year", "first_source",
                    "example")


def discover(paths: Input | Iterable[Input], *, top: int = 200, min_count: int = 2,
             no_lexicon: bool = False, seg: SegmenterSpec | None = None,
             options: InputSpec | None = None, jobs: int = 1, scheduler: str | None = None,
             quiet: bool = True, progress: Progress | None = None) -> Result:
    """Candidate new terms no dictionary holds: quoted phrases and cohesive, free-standing
    token runs, with count, documents, score, first year and an example, as `xzcli
    discover`. `no_lexicon` segments with jieba's dictionary alone (so lexicon terms count
    as new too); `discovered_dictionary(result)` is what --emit-dict writes."""
    from dataclasses import replace

    from xzcli.discover import Discovery, Options, analyse
    from xzcli.discover import payload as discover_payload

    if top < 0:
        raise UsageError(f"top must be 0 (all) or more, not {top}")
    if min_count < 1:
        raise UsageError(f"min_count must be at least 1, not {min_count}")
    spec = _spec(seg)
    if no_lexicon:
        spec = replace(spec, lexicon=False)
    run = _run(options, jobs, scheduler, quiet, progress)
    failed: list[str] = []
    inputs, total = merge_over_inputs(
        analyse, Discovery.merge, Discovery(), _sources(paths), spec, failed,
        inputs=run.inputs, jobs=run.jobs, scheduler=run.scheduler, quiet=run.quiet,
        label="discovering", segments=True, progress=run.progress)
    built = _built(spec)
    body = discover_payload(total, Options(top=top, min_count=min_count))
    rows = [{"rank": rank, **c} for rank, c in enumerate(body["candidates"], start=1)]
    title = (f"discover · {total.n_documents} document(s) · "
             f"{len(body['candidates'])} candidate(s)")
    return Result(DISCOVER_SCHEMA, _envelope(DISCOVER_SCHEMA, spec.engine, built.dictionaries,
                                             inputs),
                  body, rows, DISCOVER_COLUMNS, title=title, failed=tuple(failed))


def discovered_dictionary(result: Result) -> str:
    """A discover result's candidates as a jieba user dictionary (`word nz` lines) that
    `segmenter(dicts=[...])` and --dict take as they are: what --emit-dict writes."""
    from xzcli.discover import dictionary_lines

    return dictionary_lines(c["term"] for c in result.payload["candidates"])


# -- document frequencies (scripts/build_idf.py) ---------------------------------------------
def build_document_frequencies(sources: Sequence[str], spec: SegmenterSpec, *,
                               unit: str | None = None, encoding: str | None = None,
                               jobs: int | None = None) -> Any:
    """Document frequencies over many files, in parallel when it pays (for scripts; the CLI
    runs the same task through its progress and error reporting)."""
    from functools import partial

    from xzcli.pipeline import Failed, Merged, merge_documents
    from xzcli.tfidf import (
        DEFAULT_IDF_UNIT,
        DocumentFrequencies,
        document_frequencies_task,
    )

    unit = unit or DEFAULT_IDF_UNIT
    merged = Merged(DocumentFrequencies())
    task = partial(document_frequencies_task, unit=unit)
    for read in merge_documents(task, DocumentFrequencies.merge, merged, sources, spec,
                                reading=encoding, jobs=jobs, segments=True):
        if isinstance(read, Failed):
            raise InputError(read.error)
    return merged.total


# -- the API in one place ---------------------------------------------------------------------
# Each analysis's JSON schema, and the fields of its rows (to_records(), to_pandas(), the
# CLI's CSV) in column order with its default options. tests/test_api.py holds a copy, so a
# change here is a change that test notices. Where options add columns:
#   keywords  by="document" puts "source" first, group_by=F puts F first;
#   segment   nested=True adds "inside";
#   usage     then "T" and "T per_10k" for each term T ("documents" after "chars" when rows
#             are years or groups);
#   themes    by="section" and by="paragraph" rows hold index, heading or section, top_theme
#             and one column per theme instead.
def _tables() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    from xzcli import figures as figures_module
    from xzcli import keywords as keywords_module
    from xzcli import kwic as kwic_module
    from xzcli import lint as lint_module
    from xzcli import segment as segment_module
    from xzcli import structure as structure_module
    from xzcli import usage as usage_module

    schemas = {
        "figures": figures_module.SCHEMA, "lint": lint_module.SCHEMA,
        "sections": structure_module.SCHEMA, "compare": COMPARE_SCHEMA,
        "collocates": COLLOCATES_SCHEMA, "ngrams": NGRAMS_SCHEMA, "kwic": kwic_module.SCHEMA,
        "usage": usage_module.SCHEMA, "themes": THEMES_SCHEMA, "keywords": keywords_module.SCHEMA,
        "tfidf": TFIDF_SCHEMA, "segment": segment_module.SCHEMA, "discover": DISCOVER_SCHEMA,
    }
    fields = {
        "figures": figures_module.COLUMNS, "lint": lint_module.COLUMNS,
        "sections": structure_module.COLUMNS, "compare": COMPARE_COLUMNS,
        "collocates": COLLOCATES_COLUMNS, "ngrams": NGRAMS_COLUMNS, "kwic": kwic_module.COLUMNS,
        "usage": usage_module.COLUMNS,
        "themes": ("source", "theme", "score", "share", "per_1k", "terms"),
        "keywords": keywords_module.COLUMNS, "tfidf": TFIDF_COLUMNS,
        "segment": segment_module.COLUMNS, "discover": DISCOVER_COLUMNS,
    }
    return schemas, fields


# The schemas and columns of figures, lint, sections, segment, keywords, kwic and usage live in
# their modules; the api hands them out under its own names when first asked (so importing it,
# as every command does, loads none of those modules): SCHEMAS, FIELDS, FIGURES_SCHEMA …
SCHEMAS: dict[str, str]
FIELDS: dict[str, tuple[str, ...]]
_FROM_MODULES = {
    "FIGURES_SCHEMA": ("figures", "SCHEMA"), "FIGURES_COLUMNS": ("figures", "COLUMNS"),
    "LINT_SCHEMA": ("lint", "SCHEMA"), "LINT_COLUMNS": ("lint", "COLUMNS"),
    "SECTIONS_SCHEMA": ("structure", "SCHEMA"), "SECTIONS_COLUMNS": ("structure", "COLUMNS"),
    "SEGMENT_SCHEMA": ("segment", "SCHEMA"), "SEGMENT_COLUMNS": ("segment", "COLUMNS"),
    "SEGMENT_NESTED_COLUMNS": ("segment", "NESTED_COLUMNS"),
    "KEYWORDS_SCHEMA": ("keywords", "SCHEMA"), "KEYWORDS_COLUMNS": ("keywords", "COLUMNS"),
    "KEYWORDS_BY": ("keywords", "BY"), "KWIC_SCHEMA": ("kwic", "SCHEMA"),
    "KWIC_COLUMNS": ("kwic", "COLUMNS"), "USAGE_SCHEMA": ("usage", "SCHEMA"),
    "USAGE_COLUMNS": ("usage", "COLUMNS"),
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _FROM_MODULES:
        module, attribute = _FROM_MODULES[name]
        value = getattr(importlib.import_module(f"xzcli.{module}"), attribute)
    elif name in ("SCHEMAS", "FIELDS"):
        schemas, fields = _tables()
        globals().update(SCHEMAS=schemas, FIELDS=fields)
        value = globals()[name]
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
