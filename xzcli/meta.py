"""Document metadata (year, region, issuer …) from file names or a CSV sidecar.

A researcher's corpus keeps what a document is in its file name (2024-浙江省.txt,
2023-广东省-省政府办公厅-通知.pdf) or in a spreadsheet beside it. Every JSON record carries
these fields in its input's `meta`, and `--group-by FIELD` adds documents up by one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from xzcli.errors import InputError, UsageError

_SEP = r"[-_ ]"
# Endings of a Chinese administrative area's name: a name part ending so is a region.
_AREA = r"(?:省|市|自治区|特别行政区|自治州|地区|州|盟|县|区|旗)"
# year[-region][-issuer-title | -title]: 2024.txt, 2024-浙江省.txt, 1953-一五计划.txt,
# 2023-广东省-省政府办公厅-关于….txt. A part that is not an area name is a title, not a
# region; the issuer is the part between the region and the title when both stand there.
DEFAULT_NAME_PATTERN = (
    rf"(?P<year>1[89]\d\d|20\d\d)(?!\d)"
    rf"(?:{_SEP}(?P<region>[^-_ ]+?{_AREA}))?"
    rf"(?:{_SEP}(?P<issuer>[^-_ ]+)(?={_SEP}))?"
    rf"(?:{_SEP}(?P<title>.+))?"
)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# Column names a sidecar may key its rows by, in order of preference.
_KEY_COLUMNS = ("file", "filename", "file_name", "name", "source", "path", "文件", "文件名")


def compile_name_pattern(pattern: str | None) -> re.Pattern[str] | None:
    """A user's --name-pattern, checked: a valid regex with at least one named group."""
    if pattern is None:
        return None
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise UsageError(f"--name-pattern is not a valid regular expression ({exc})") from None
    if not compiled.groupindex:
        raise UsageError("--name-pattern needs named groups, e.g. "
                         r"'(?P<year>\d{4})-(?P<region>[^-]+)'")
    return compiled


def _value(text: str) -> Any:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) <= 9 else text


def meta_from_name(source: str, pattern: re.Pattern[str] | None = None) -> dict[str, Any]:
    """Fields a file name carries: the groups `pattern` (or the default) matches in its stem.

    The user's pattern is searched anywhere in the name without its suffix; the default
    must match the whole name, and when it does not, a year anywhere in the name still
    counts. Digits-only values (years) become numbers.
    """
    if source == "-":
        return {}
    stem = PurePath(source).stem
    if pattern is not None:
        found = pattern.search(stem)
        groups = found.groupdict() if found else {}
    else:
        found = re.fullmatch(DEFAULT_NAME_PATTERN, stem)
        if found:
            groups = found.groupdict()
        else:
            year = _YEAR.search(stem)
            groups = {"year": year.group(1)} if year else {}
    return {k: _value(v) for k, v in groups.items() if v is not None and v.strip()}


def load_sidecar(path: str | Path) -> dict[str, dict[str, Any]]:
    """Rows of a metadata CSV keyed by file name (a `file`/`name`/`文件名` column, else the
    first). UTF-8 (with or without Excel's BOM) or GB18030, as Excel saves it in China."""
    from xzcli.sources import decode_bytes

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"--meta {path}: cannot read ({exc.strerror or exc})") from None
    text = decode_bytes(data, str(path)).text
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise InputError(f"--meta {path}: not a readable CSV file ({exc})") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if len(rows) < 2:
        raise InputError(f"--meta {path}: needs a header row and one row per file")
    header = [h.strip() for h in rows[0]]
    lowered = [h.lower() for h in header]
    key = next((lowered.index(k) for k in _KEY_COLUMNS if k in lowered), 0)
    table: dict[str, dict[str, Any]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) <= key or not row[key].strip():
            raise InputError(f"--meta {path}: row {number} has no file name")
        name = row[key].strip()
        fields = {h: _value(v) for h, v in zip(header, row, strict=False)
                  if h and h != header[key] and v.strip()}
        if name in table:
            raise InputError(f"--meta {path}: {name} has two rows (rows are keyed by file name)")
        table[name] = fields
    return table


@dataclass(frozen=True)
class MetaReader:
    """Metadata for each input: the file name's fields, overridden by the sidecar's row."""

    pattern: re.Pattern[str] | None = None
    sidecar: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    sidecar_path: str | None = None

    def lookup(self, source: str) -> dict[str, Any]:
        meta = meta_from_name(source, self.pattern)
        row = self.row(source)
        if row:
            meta.update(row)
        return meta

    def row(self, source: str) -> Mapping[str, Any] | None:
        """The sidecar row of a file: by path as given, by name, or by name without suffix."""
        if not self.sidecar or source == "-":
            return None
        path = PurePath(source)
        for key in (source, path.as_posix(), path.name, path.stem):
            if key in self.sidecar:
                return self.sidecar[key]
        return None


def make_meta_reader(name_pattern: str | None, meta_csv: str | Path | None) -> MetaReader:
    sidecar = load_sidecar(meta_csv) if meta_csv is not None else {}
    return MetaReader(compile_name_pattern(name_pattern), sidecar,
                      str(meta_csv) if meta_csv is not None else None)
