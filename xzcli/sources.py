"""Turn paths, folders and stdin into Documents: text decoded, PDF/Word/HTML extracted."""

from __future__ import annotations

import codecs
import errno
import fnmatch
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from xzcli.errors import InputError, UsageError

STDIN = "-"
TEXT_SUFFIXES = (".txt", ".md")
# Files of a folder that look like notes about the corpus rather than documents of it.
_NOT_A_DOCUMENT = re.compile(r"(?i)(readme|sources?|license|licence|changelog|index|notes?)")

# Share of undecodable bytes we still accept as "text with a few bad bytes" (with a warning)
# rather than refusing the file as binary.
_MAX_BAD_RATIO = 0.01

_ENCODING_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf8-sig": "utf-8-sig",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb18030": "gb18030",
    "cp936": "gb18030",
    "utf16": "utf-16",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "big5": "big5",
}


@dataclass(frozen=True)
class Document:
    """One input text, decoded exactly as read (no newline conversion, BOM removed).

    For a PDF, Word or HTML file `text` is the extracted text (`format` says which reader
    made it) and `encoding` is None for PDF and Word; offsets point into `text`.
    """

    source: str
    text: str
    encoding: str | None
    warnings: tuple[str, ...] = field(default=(), compare=False)
    format: str = "txt"

    @property
    def chars(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs (picklable: worker processes read their own files with it)."""

    encoding: str | None = None
    input_format: str | None = None  # None: by file type
    t2s: bool = False  # traditional -> simplified Chinese, keeping every offset


def normalize_encoding(name: str) -> str:
    """Canonical codec name for a user's --encoding value, or a UsageError."""
    key = name.strip().lower().replace("_", "-")
    canonical = _ENCODING_ALIASES.get(key, key)
    try:
        codecs.lookup(canonical)
    except LookupError:
        raise UsageError(
            f"unknown encoding {name!r}; try utf-8, gb18030 (GBK) or utf-16"
        ) from None
    return canonical


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> Document:
    """Decode raw bytes into a Document, detecting UTF-8/UTF-16/GB18030 unless told."""
    if encoding:
        codec = normalize_encoding(encoding)
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source}: not valid {encoding} at byte {exc.start}; "
                "check --encoding or leave it out to detect the encoding"
            ) from None
        if codec.startswith("utf-16") and text.startswith("\ufeff"):
            text = text[1:]
        return Document(source, text, codec)

    if data.startswith(codecs.BOM_UTF8):
        return _decode_lenient(data[3:], source, "utf-8-sig", "utf-8")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return Document(source, data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}: broken UTF-16 text; is it really a text file?") from None
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{source}: looks like a binary file, not text; xzcli reads text, Markdown, "
            "PDF, .docx and HTML files (--input-format names the type when the name does not)"
        )
    try:
        return Document(source, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Document(source, data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        pass
    return _decode_lenient(data, source, "utf-8", "utf-8")


def _decode_lenient(data: bytes, source: str, label: str, codec: str) -> Document:
    """Decode, replacing a few stray bytes (with a warning) but refusing binary data."""
    try:
        return Document(source, data.decode(codec), label)
    except UnicodeDecodeError:
        pass
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    if bad > max(8, _MAX_BAD_RATIO * len(text)) or _looks_binary(text):
        raise InputError(
            f"{source}: not readable as text (neither UTF-8, UTF-16 nor GB18030); "
            "if it is text in another encoding, pass --encoding"
        )
    warning = f"{source}: {bad} byte(s) that are not {label} text were replaced with U+FFFD"
    return Document(source, text, label, (warning,))


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    return controls > 0.05 * max(len(sample), 1)


def expand_paths(
    paths: Sequence[str],
    skipped: list[str] | None = None,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[str]:
    """Files in the order given; folders expand to every readable file below, sorted.

    A folder yields its .txt, .md, .pdf, .docx and .html files (hidden ones left out) whose
    path below the folder or whose name matches an `include` glob (when any is given) and
    no `exclude` glob. Files named on the command line are read whatever the globs say.
    Lines for the user about what a folder walk left out go to `skipped`.
    """
    from xzcli.readers import SUFFIXES, UNREADABLE

    if not paths:
        raise UsageError("no input given; name a file, a folder, or - for standard input")
    notes = skipped if skipped is not None else []
    expanded: list[str] = []
    for raw in paths:
        if raw == STDIN:
            expanded.append(STDIN)
            continue
        if raw == "":
            # Path("") is the current folder: an empty shell variable must not scan it.
            raise UsageError("an input path is empty; name a file, a folder, or - for "
                             "standard input")
        try:
            mode: int | None = os.stat(raw).st_mode
        except (FileNotFoundError, NotADirectoryError):
            mode = None
        except (OSError, ValueError) as exc:  # a name too long, a NUL byte …
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise InputError(f"{raw}: cannot read ({reason})") from None
        path = Path(raw)
        if mode is not None and stat.S_ISDIR(mode):
            found: list[str] = []
            other: dict[str, int] = {}
            for full in sorted(_walk_files(path)):
                rel = Path(full).relative_to(path).as_posix()
                name = rel.rsplit("/", 1)[-1]
                suffix = Path(name).suffix.lower()
                if suffix not in SUFFIXES:
                    other[suffix or "(no suffix)"] = other.get(suffix or "(no suffix)", 0) + 1
                elif not _globbed(rel, name, include, exclude):
                    continue
                elif _regular_or_dangling(full):
                    found.append(full)
                else:
                    # A FIFO, socket or device would block or never end when read.
                    notes.append(f"skipped {full}: not a regular file (a FIFO, socket or "
                                 "device)")
            if other:
                kinds = ", ".join(
                    f"{n} {k}" + (f" ({UNREADABLE[k]})" if k in UNREADABLE else "")
                    for k, n in sorted(other.items()))
                notes.append(f"{raw}: left out {sum(other.values())} file(s) of a type xzcli "
                             f"does not read: {kinds}")
            if not found:
                readable = ".txt, .md, .pdf, .docx, .html"
                raise InputError(f"{raw}: folder holds no file xzcli reads ({readable})"
                                 + (" that the --include/--exclude globs let through"
                                    if include or exclude else ""))
            odd = [f for f in found if _NOT_A_DOCUMENT.fullmatch(Path(f).stem)]
            if odd:
                names = ", ".join(Path(f).name for f in odd[:3]) + (" …" if len(odd) > 3 else "")
                notes.append(f"{raw}: reading {names} as document(s); "
                             f"--exclude '{Path(odd[0]).name}' leaves such a file out")
            expanded.extend(found)
        elif mode is not None and stat.S_ISREG(mode):
            expanded.append(raw)
        elif mode is not None:
            raise InputError(f"{raw}: not a regular file or folder")
        else:
            raise InputError(f"{raw}: no such file or folder")
    if expanded.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    return expanded


def is_text_name(name: str) -> bool:
    """Would a folder walk read a file of this name (were no globs given)?"""
    from xzcli.readers import SUFFIXES

    return not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES


def walk_would_read(folder: Path, path: Path) -> bool:
    """Would expanding `folder` pick up `path` (both resolved), were it a regular file?"""
    try:
        parts = path.relative_to(folder).parts
    except ValueError:
        return False
    return bool(parts) and is_text_name(parts[-1]) and not any(
        p.startswith(".") for p in parts[:-1])


def _regular_or_dangling(full: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(full).st_mode)
    except OSError:
        return True  # a dangling link: reading it reports the problem


def _globbed(rel: str, name: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    def hit(patterns: Sequence[str]) -> bool:
        return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)

    return (not include or hit(include)) and not hit(exclude)


def _walk_files(folder: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield os.path.join(root, name)


def read_document(source: str, encoding: str | ReadOptions | None = None) -> Document:
    """Read one file (or stdin for "-"): decode text, or extract a PDF, Word or HTML file."""
    options = encoding if isinstance(encoding, ReadOptions) else ReadOptions(encoding)
    if source == STDIN:
        if sys.stdin is None:  # started with standard input closed (<&-)
            raise InputError("standard input is closed; pass a file instead of -")
        try:
            data = sys.stdin.buffer.read()
        except OSError as exc:
            raise InputError(f"cannot read standard input ({exc.strerror or exc})") from None
    else:
        try:
            data = read_regular_file(source)
        except FileNotFoundError:
            raise InputError(f"{source}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{source}: is a folder, not a file") from None
        except PermissionError:
            raise InputError(f"{source}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    doc = parse_bytes(data, source, options)
    if options.t2s:
        from xzcli.t2s import to_simplified

        doc = replace(doc, text=to_simplified(doc.text))
    return doc


def parse_bytes(data: bytes, source: str, options: ReadOptions) -> Document:
    """A file's bytes through the reader its type (or --input-format) calls for."""
    from xzcli.readers import format_of, missing_extra

    fmt = format_of(source, data, options.input_format)
    if fmt in ("txt", "md"):
        doc = decode_bytes(data, source, options.encoding)
        return replace(doc, format=fmt) if fmt != "txt" else doc
    message = missing_extra(fmt)
    if message:
        raise InputError(message)
    if fmt == "pdf":
        from xzcli.readers.pdf import read_pdf

        text, warnings = read_pdf(data, source)
        return Document(source, text, None, warnings, "pdf")
    if fmt == "docx":
        from xzcli.readers.docx import read_docx

        return Document(source, read_docx(data, source), None, (), "docx")
    from xzcli.readers.html import read_html

    text, used = read_html(data, source, options.encoding)
    return Document(source, text, used, (), "html")


def read_regular_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file; a FIFO or device is refused instead of blocking forever.

    Opening without blocking lets a FIFO with no writer be seen for what it is.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder")
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


_FULLWIDTH_RANGES = (range(0xFF10, 0xFF1A), range(0xFF21, 0xFF3B), range(0xFF41, 0xFF5B))
_FULLWIDTH_FOLD = {code: code - 0xFEE0 for block in _FULLWIDTH_RANGES for code in block}
_FULLWIDTH_FOLD[ord("\r")] = ord("\n")
_NEEDS_FOLDING = re.compile("[\r\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def analysis_text(text: str) -> str:
    """The text as analysed: same length and offsets, line ends and full-width letters folded.

    CRLF becomes " \\n" and a lone CR becomes "\\n", so a CRLF file segments like a LF one
    while every offset still points into the text exactly as read. Full-width ASCII
    letters and digits (Ａ, １) fold to half-width; Chinese punctuation is left alone.
    """
    if _NEEDS_FOLDING.search(text) is None:
        return text  # the usual case, and str.translate would copy the whole text
    if "\r\n" in text:
        text = text.replace("\r\n", " \n")
    return text.translate(_FULLWIDTH_FOLD)
