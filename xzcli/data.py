"""Locate the dictionaries shipped with xzcli and fingerprint dictionary files."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from xzcli.errors import InputError


@lru_cache(maxsize=1)
def dictionaries_dir() -> Path:
    """The folder of built-in dictionaries, in an installed wheel or a source checkout."""
    packaged = Path(__file__).resolve().parent / "dictionaries"
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts keep the dictionaries at the repository top.
    return Path(__file__).resolve().parent.parent / "dictionaries"


def builtin(name: str) -> Path:
    path = dictionaries_dir() / name
    if not path.is_file():
        raise InputError(
            f"built-in dictionary {name} is missing from {path.parent}; reinstall xzcli"
        )
    return path


@lru_cache(maxsize=32)
def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_text_lines(path: Path, what: str) -> list[str]:
    """Lines of a UTF-8 (BOM allowed) or GB18030 dictionary file."""
    from xzcli.sources import read_regular_file

    try:
        data = read_regular_file(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec).splitlines()
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: {what} is not UTF-8 or GB18030 text")
