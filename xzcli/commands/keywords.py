"""`xzcli keywords`: the terms that say what the inputs are about."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import typer

from xzcli.app import (
    Common,
    Paths,
    check_output,
    group_by_option,
    merge_over_inputs,
    note,
    shared_options,
    stream_inputs,
    top_option,
)
from xzcli.errors import InputError, UsageError
from xzcli.render import Report, envelope


def _keywords_task(doc: Any, segmenter: Any) -> Any:
    from xzcli.keywords import count_terms
    from xzcli.sources import analysis_text

    return count_terms(analysis_text(doc.text), segmenter)


SCHEMA = "xzcli.keywords/2"
# The score comes last, so CSV columns of schema 1 keep their places.
ROW_FIELDS = ("rank", "term", "count", "per_10k", "documents", "in_lexicon", "pos", "nested",
              "score")


class Rank(str, Enum):
    tfidf = "tfidf"
    by_count = "count"  # (not `count`: str.count is taken)


class By(str, Enum):
    all = "all"
    document = "document"


def _keyword_json(k: Any) -> dict[str, Any]:
    return {"term": k.term, "count": k.count, "per_10k": k.per_10k, "documents": k.documents,
            "in_lexicon": k.in_lexicon, "pos": k.pos, "nested": k.nested, "score": k.score}


@shared_options("fmt", "output", "segmenter", "inputs", "run")
def keywords(
    paths: Paths,
    top: Annotated[int, top_option("terms")] = 30,
    rank: Annotated[Rank, typer.Option(
        "--rank", help="Order: tfidf weighs each count by the term's rarity in policy language "
        "(the built-in IDF), so what every policy text says gives way; count is plain "
        "frequency.", case_sensitive=False)] = Rank.tfidf,
    by: Annotated[By, typer.Option(
        "--by", help="One list over all inputs, or one list per document.",
        case_sensitive=False)] = By.all,
    min_count: Annotated[int, typer.Option("--min-count", help="Leave out rarer terms.",
                                           min=1)] = 1,
    pos: Annotated[str | None, typer.Option(
        "--pos", help="Parts of speech to keep, comma-separated: jieba tags (n, nr, ns, v, vn, a "
        "…), groups (noun, name, verb, adj, adv, idiom, eng, all) and 'lexicon' for every "
        "lexicon term. Default: nouns, names and lexicon terms.", show_default=False)] = None,
    group_by: Annotated[str | None, group_by_option(
        "One list per metadata value")] = None,
    *,
    common: Common,
) -> None:
    """The terms that say what the inputs are about, with count, rate and document frequency."""
    from xzcli.keywords import PosFilter, TermCounts, keyword_frequencies

    per_document = by is By.document
    if per_document and group_by:
        raise UsageError("--by document and --group-by both split the list; choose one")
    pos_filter = PosFilter.parse(pos)
    spec = common.spec()
    check_output(common.output, paths)
    from xzcli.pipeline import cached_segmenter

    segmenter = cached_segmenter(spec)
    idf_infos: list[Any] = []
    table = None
    if rank is Rank.tfidf:
        from xzcli.data import sha256_of
        from xzcli.keywords import policy_idf
        from xzcli.segment import DictionaryInfo
        from xzcli.tfidf import policy_idf_path

        table = policy_idf()
        path = policy_idf_path()
        idf_infos.append(DictionaryInfo(path.name, str(path), sha256_of(path.resolve()),
                                        len(table.df)))

    def top_of(counts: Any) -> list[dict[str, Any]]:
        return [_keyword_json(k) for k in keyword_frequencies(
            counts, segmenter, top=top, min_count=min_count, pos_filter=pos_filter,
            rank=rank.value, idf=table)]

    failed: list[str] = []
    total = TermCounts()
    groups: dict[Any, TermCounts] = {}
    missing: list[str] = []
    inputs: list[Any] = []
    lists: list[dict[str, Any]] = []
    run: dict[str, Any] = {"inputs": common.inputs(), "jobs": common.jobs,
                           "scheduler": common.scheduler, "quiet": common.quiet,
                           "label": "counting", "segments": True}
    if not (group_by or per_document):
        inputs, total = merge_over_inputs(_keywords_task, TermCounts.merge, total, paths, spec,
                                          failed, **run)
    else:
        # Grouping and per-document lists need each document's own counts. Each list is made
        # as its counts arrive and the counts are dropped, so memory stays that of one
        # document's vocabulary plus the merged totals.
        for info, counts in stream_inputs(_keywords_task, paths, spec, failed, **run):
            inputs.append(info)
            if per_document:
                lists.append({"source": info.source, "chars": counts.chars,
                              "keywords": top_of(counts)})
            if group_by:
                value = info.meta.get(group_by)
                if value is None:
                    missing.append(info.source)
                    continue
                groups.setdefault(value, TermCounts()).merge(counts)
            total.merge(counts)
    found = top_of(total)
    notes: list[str] = []
    if not found:
        what = "the input" if len(inputs) == 1 else f"the {len(inputs)} inputs"
        notes.append(f"no keywords: {what} {'is' if len(inputs) == 1 else 'are'} empty"
                     if not total.chars else f"no keywords: no content words in {what}")
    elif per_document:
        notes.extend(f"{d['source']}: no keywords (no content words)"
                     for d in lists if not d["keywords"])
    payload: dict[str, Any] = {
        "rank": rank.value,
        "by": by.value,
        "documents": total.n_documents,
        "chars": total.chars,
        "keywords": found,
    }
    title = f"keywords · {total.n_documents} document(s) · {total.chars} characters"
    split_by: str | None = None
    if per_document:
        payload["by_document"] = lists
        split_by = "source"
    elif group_by:
        from xzcli.usage import group_sort_key

        if missing and not common.quiet:
            note(f"{len(missing)} document(s) carry no {group_by} and are left out of "
                 "--group-by: " + ", ".join(missing[:3]) + (" …" if len(missing) > 3 else ""))
        if not groups:
            raise InputError(f"--group-by {group_by}: no document carries that field (file "
                             "names give year, region, issuer, title; --meta adds columns)")
        payload["group_by"] = group_by
        payload["groups"] = [
            {"value": value, "documents": groups[value].n_documents,
             "chars": groups[value].chars, "keywords": top_of(groups[value])}
            for value in sorted(groups, key=group_sort_key)
        ]
        lists = [{"source": f"{group_by} {g['value']}", "chars": g["chars"],
                  "keywords": g["keywords"], "value": g["value"]} for g in payload["groups"]]
        split_by = group_by
        title += f" in {len(groups)} {group_by} group(s)"
    if split_by is not None:
        rows = [{split_by: d["value"] if group_by else d["source"], "rank": rank_no, **kw}
                for d in lists for rank_no, kw in enumerate(d["keywords"], start=1)]
    else:
        rows = [{"rank": rank_no, **kw} for rank_no, kw in enumerate(found, start=1)]
    columns = ((split_by,) if split_by else ()) + ROW_FIELDS
    from xzcli.render.keywords import keywords_table

    report = Report(SCHEMA, payload, rows, columns, title=title,
                    table=keywords_table(rows, lists, title, per_document=split_by is not None),
                    notes=tuple(notes))
    head = envelope(SCHEMA, engine=spec.engine,
                    dictionaries=[*segmenter.dictionaries, *idf_infos], inputs=inputs)
    common.finish(report, head, failed)
