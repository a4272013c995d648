"""Read every input as a Document for commands that need no segmenter (figures, lint)."""

from __future__ import annotations

from collections.abc import Iterator

from xzcli.app import note
from xzcli.errors import InputError
from xzcli.pipeline import InputInfo
from xzcli.sources import Document, expand_paths, normalize_encoding, read_document


def read_inputs(paths: list[str], encoding: str | None, quiet: bool,
                failed: list[str]) -> Iterator[tuple[InputInfo, Document]]:
    """Documents one at a time; an unreadable file among several is a stderr line and skipped.

    Reading directly (not through run_over_inputs) keeps these commands from building a
    Segmenter they never use, so they start in a fraction of the time.
    """
    if encoding:
        encoding = normalize_encoding(encoding)
    sources = expand_paths(paths)
    read = 0
    for source in sources:
        try:
            doc = read_document(source, encoding)
        except InputError as exc:
            if len(sources) == 1:
                raise
            note(f"skipped {exc}")
            failed.append(source)
            continue
        if not quiet:
            for warning in doc.warnings:
                note(f"warning: {warning}")
        read += 1
        yield InputInfo(doc.source, doc.encoding, doc.chars), doc
    if failed and not read:
        raise InputError(f"none of the {len(sources)} inputs could be read")
