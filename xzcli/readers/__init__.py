"""Readers for the forms policy documents are published in: text, Markdown, PDF, Word, HTML.

A reader turns a file's bytes into a Document whose text is the extracted text; every offset
xzcli reports is an offset into that text, and `xzcli extract FILE` prints it. The PDF, Word
and HTML readers need optional extras; a missing one is one line naming the extra.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from pathlib import PurePath

from xzcli.errors import InputError, UsageError

FORMATS = ("txt", "md", "pdf", "docx", "html")
SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".shtml": "html",
}
# Formats a folder may hold that no reader here reads, with what to do about them.
UNREADABLE = {
    ".doc": "old Word format: save it as .docx",
    ".wps": "WPS format: save it as .docx",
    ".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".csv": "a table",
    ".ofd": "OFD format: export it as PDF",
}
# The modules each format needs, and the extra that installs them.
_NEEDS = {"pdf": ("pypdfium2",), "docx": ("docx",), "html": ("trafilatura", "lxml_html_clean")}
_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "html": "HTML"}


def normalize_format(name: str | None) -> str | None:
    """The format a user's --input-format names (None or "auto": by file type)."""
    if name is None:
        return None
    key = name.strip().lower().lstrip(".")
    key = {"auto": "", "text": "txt", "markdown": "md", "htm": "html", "word": "docx"}.get(key, key)
    if not key:
        return None
    if key not in FORMATS:
        raise UsageError(f"unknown input format {name!r}; choose one of: auto, "
                         + ", ".join(FORMATS))
    return key


def format_of(source: str, data: bytes | None = None, input_format: str | None = None) -> str:
    """The reader for a file: --input-format, else its suffix, else a look at its first bytes."""
    if input_format:
        return input_format
    suffix = PurePath(source).suffix.lower() if source != "-" else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix in UNREADABLE:
        raise InputError(f"{source}: xzcli cannot read this file ({UNREADABLE[suffix]})")
    return sniff(data) if data is not None else "txt"


def sniff(data: bytes) -> str:
    """Guess the format of unnamed bytes (standard input, a file without a known suffix)."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    return "txt"


def missing_extra(fmt: str) -> str | None:
    """The one-line message when the extra a format needs is not installed, else None."""
    for module in _NEEDS.get(fmt, ()):
        if importlib.util.find_spec(module) is None:
            return (f"reading {_NAMES[fmt]} files needs the {fmt} extra: "
                    f"pip install 'xzcli[{fmt}]'")
    return None


def check_extras(formats: Iterable[str]) -> None:
    """Refuse at once, naming the extra, rather than skipping every such file of a folder."""
    for fmt in sorted(set(formats)):
        message = missing_extra(fmt)
        if message:
            raise InputError(message)
