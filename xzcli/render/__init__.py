"""Results -> Rich table / JSON / JSONL / CSV / TSV. The only module that uses Rich."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from xzcli import __version__
from xzcli.errors import InputError


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


TableView = Callable[[Any], None]


@dataclass(frozen=True)
class Report:
    """One command's result, built once; the chosen format is applied at the very end.

    `payload` follows the envelope in JSON. `rows` feed the table, CSV, TSV and JSONL views
    (one line per row). `table` may draw a richer view from the rows (bars, highlights).
    """

    schema: str
    payload: dict[str, Any]
    rows: list[dict[str, Any]]
    columns: Sequence[str] = ()
    title: str = ""
    table: TableView | None = None
    notes: tuple[str, ...] = field(default=())
    # Plain text that replaces the table view (the `segment` command's delimited lines).
    text: str | None = None
    # What JSONL streams when it is not the rows (one object per document, say).
    records: list[dict[str, Any]] | None = None


def envelope(
    schema: str,
    *,
    engine: str | None,
    dictionaries: Sequence[Any] = (),
    inputs: Sequence[Any] = (),
) -> dict[str, Any]:
    """The part of every JSON result that makes it reproducible."""
    return {
        "schema": schema,
        "version": __version__,
        "engine": engine,
        "dictionaries": [
            {"name": d.name, "sha256": d.sha256, "entries": d.entries} for d in dictionaries
        ],
        "inputs": [
            {"source": i.source, "format": getattr(i, "format", "txt"), "encoding": i.encoding,
             "chars": i.chars, "meta": dict(getattr(i, "meta", {}))} for i in inputs
        ],
    }


def to_json(value: Any, *, indent: int | None = 2) -> str:
    if indent is not None:
        from xzcli.render.jsontext import dumps_indented

        return dumps_indented(value, indent)
    return json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e16 else f"{value:.1f}"
    if isinstance(value, (list, dict)):
        return to_json(value, indent=None)
    return str(value)


def _columns(report: Report) -> list[str]:
    if report.columns:
        return list(report.columns)
    cols: dict[str, None] = {}
    for row in report.rows:
        cols.update(dict.fromkeys(row))
    return list(cols)


def render_text(report: Report, fmt: Format, head: dict[str, Any], *, bom: bool = False,
                width: int | None = None, color: bool = False) -> str:
    """The whole output as one string (for files: written at once or not at all)."""
    if fmt is Format.json:
        return to_json({**head, **report.payload}) + "\n"
    if fmt in LINE_FORMATS:
        buffer = io.StringIO()
        write_lines(report, fmt, buffer, bom=bom)
        return buffer.getvalue()
    if report.text is not None:
        return report.text
    buffer = io.StringIO()
    draw_table(report, buffer, width=width or 120, color=color)
    return buffer.getvalue()


LINE_FORMATS = (Format.jsonl, Format.csv, Format.tsv)


def spool_for(fmt: Format) -> str | bool:
    """What a listing analysis (figures, lint, sections) keeps on disk for `fmt`: the JSON
    text, the rows for the line formats, nothing for the views that draw them."""
    if fmt is Format.json:
        return "json"
    return "rows" if fmt in LINE_FORMATS else False


def write_lines(report: Report, fmt: Format, stream: Any, *, bom: bool = False) -> None:
    """JSONL, CSV or TSV written to `stream` a line at a time: rows (or records) that a
    result keeps on disk go out without being held together."""
    if fmt is Format.jsonl:
        records = report.records if report.records is not None else report.rows
        for row in records:
            stream.write(to_json(row, indent=None) + "\n")
        return
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream, delimiter="," if fmt is Format.csv else "\t",
                        lineterminator="\n")
    cols = _columns(report)
    writer.writerow(cols)
    for row in report.rows:
        writer.writerow([_cell(row.get(c)) for c in cols])


def draw_table(
    report: Report, stream: Any, *, width: int | None = None, color: bool | None = None
) -> None:
    from rich.console import Console

    console = Console(
        file=stream,
        width=width,
        force_terminal=color,
        no_color=color is False,
        highlight=False,
        soft_wrap=False,
    )
    if report.table is not None:
        report.table(console)
        return
    console.print(generic_table(report, console.width), crop=False)


@dataclass(frozen=True)
class Col:
    """A table column and how it may give way on a narrow terminal.

    `number` and `label` cells are never cut or wrapped (a count, a year, a tag); `text`
    cells wrap within the column. An `optional` column (> 0) is left out, highest first,
    when the table would not fit otherwise, and the caption says so.
    """

    name: str
    kind: str = "text"  # number | label | text
    optional: int = 0
    header: str | None = None
    min_text: int = 8  # cells a wrapping text column keeps at least


def number_text(value: float) -> str:
    """A number as JSON has it, never grouped or cut: 2023, 500000000, 99.802."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _cells(value: Any) -> int:
    from rich.cells import cell_len
    from rich.text import Text

    plain = value.plain if isinstance(value, Text) else str(value)
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def fit_table(width: int, cols: Sequence[Col], rows: Sequence[Sequence[Any]], *,
              title: Any = None, caption: Any = None, boxed: bool = True,
              **table_options: Any) -> Any:
    """A Rich table that fits `width` without cutting a number: text wraps, optional columns
    go (named in the caption); if even that is too wide, the lines run long rather than cut."""
    from rich.table import Table

    keep = list(range(len(cols)))

    def need(i: int) -> int:
        col = cols[i]
        head = _cells(col.header if col.header is not None else col.name)
        widest = max((_cells(r[i]) for r in rows), default=0)
        if col.kind == "text":
            return min(max(head, widest), max(col.min_text, head))
        return max(head, widest)

    def total(columns: list[int]) -> int:
        edges = (len(columns) + 1) if boxed else max(len(columns) - 1, 0)
        return sum(need(i) for i in columns) + 2 * len(columns) + edges

    dropped: list[str] = []
    while total(keep) > width:
        optional = [i for i in keep if cols[i].optional > 0]
        if not optional:
            break
        gone = max(optional, key=lambda i: (cols[i].optional, i))
        keep.remove(gone)
        dropped.append(cols[gone].name)
    if dropped:
        note = (f"left out to fit {width} columns: {', '.join(dropped)} "
                "(a wider terminal or -f csv shows all)")
        caption = note if caption is None else caption
        if caption is not note:
            from rich.text import Text

            caption = Text.assemble(caption, "\n", note) if isinstance(caption, Text) \
                else f"{caption}\n{note}"
    if not boxed:
        table_options.setdefault("box", None)
    table = Table(title=title, caption=caption, header_style="bold", **table_options)
    for i in keep:
        col = cols[i]
        header = col.header if col.header is not None else col.name
        if col.kind == "text":
            table.add_column(header, overflow="fold", min_width=need(i))
        else:
            table.add_column(header, justify="right" if col.kind == "number" else "left",
                             no_wrap=True, min_width=need(i))
    for row in rows:
        table.add_row(*(row[i] for i in keep))
    return table


def generic_table(report: Report, width: int = 120) -> Any:
    cols = _columns(report)
    numeric = {
        c for c in cols
        if report.rows and all(isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool)
                               for r in report.rows)
    }
    specs = [Col(c, "number" if c in numeric else "text") for c in cols]
    rows = [[_cell(row.get(c)) for c in cols] for row in report.rows]
    return fit_table(width, specs, rows, title=report.title or None)


def emit(report: Report, fmt: Format, head: dict[str, Any], output: Path | None) -> None:
    """Write the report to --output (atomically) or to stdout."""
    if fmt is Format.json:
        # Written in pieces: per-document results kept in a Spool go from their file to the
        # output without the whole text ever being held in memory.
        from xzcli.render.jsontext import write_indented

        value = {**head, **report.payload}

        def write_json(stream: Any) -> None:
            write_indented(value, stream)
            stream.write("\n")

        if output is not None:
            write_atomic(output, write_json)
        else:
            write_stdout(write_json)
        return
    if fmt in LINE_FORMATS:
        # A line at a time, also to a file: rows kept on disk are never held together.
        if output is not None:
            write_atomic(output, lambda stream: write_lines(report, fmt, stream,
                                                            bom=fmt is Format.csv))
        else:
            write_stdout(lambda stream: write_lines(report, fmt, stream))
        return
    if output is not None:
        text = render_text(report, fmt, head, bom=fmt is Format.csv, width=160)
        write_atomic(output, text)
        return
    write_stdout(lambda stream: draw_table(report, stream)
                 if fmt is Format.table and report.text is None
                 else stream.write(render_text(report, fmt, head)))


def write_stdout(write: Callable[[Any], Any]) -> None:
    """Hand stdout to `write`; a closed or full stdout is one line for the user, not a trace."""
    if sys.stdout is None:  # started with stdout closed (>&-)
        raise InputError("standard output is closed; use --output FILE")
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise InputError(f"cannot write to standard output ({exc.strerror or exc})") from None


def write_atomic(path: Path, text: str | Callable[[Any], Any]) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename.

    `text` is the file's text, or a function that writes it to the stream it is given.

    A symbolic link stays a link: the file it points to is replaced. A target that is not a
    regular file (/dev/null, a FIFO, a terminal) is written directly, never renamed over.
    """
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write output ({exc.strerror or exc})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a folder; --output needs a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_direct(path, text)
        return
    real = Path(os.path.realpath(path))
    folder = real.parent
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name[:100]}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            _put(handle, text)
        if st is not None:
            # Replacing a file keeps its permissions (and its owner, where we may set it).
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    pass
        else:
            # mkstemp makes the file private (0600); give it the mode any new file would get.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, real)
        tmp = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write output ({exc.strerror or exc})") from None
    finally:
        # Also on Ctrl-C: no half-written temporary file is left behind.
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _put(handle: Any, text: str | Callable[[Any], Any]) -> None:
    if isinstance(text, str):
        handle.write(text)
    else:
        text(handle)


def _write_direct(path: Path, text: str | Callable[[Any], Any]) -> None:
    """Write to a device or FIFO in place; a FIFO nobody reads is refused instead of hanging."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(f"{path}: nothing is reading from it") from None
        raise InputError(f"{path}: cannot write output ({exc.strerror or exc})") from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w", encoding="utf-8", newline="", closefd=False) as handle:
            _put(handle, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write output ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
