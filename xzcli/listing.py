"""Per-document results that merge by concatenation, in input order, without piling up.

Figures, lint findings, sections and segment list each document's items one after another:
their `merge` is concatenation. A `Listing` holds those items as values (for the table, CSV
and the API's rows) or, for JSON, as the text a worker wrote for them (`written`). Merged
into a Listing that has a `spool` (render.jsontext's Spool: a temporary file), that text goes
to disk, so the parent neither holds a folder's worth of results nor renders them itself.
For JSONL, CSV and TSV the values go to disk instead (`Listing.on_disk`, DiskRows), and the
writer reads them back a batch at a time.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


class Sink(Protocol):
    """Where written items go: a JSON array kept outside memory (render.jsontext.Spool)."""

    def add(self, text: str, items: int = 1) -> None: ...
    def items(self) -> list[Any]: ...
    def __len__(self) -> int: ...


# What joins two written items: they are items of an array under a top-level key, two
# indents of two spaces deep (the Spool's level 2).
SEPARATOR = ",\n    "


@dataclass
class Listing:
    """Items of documents in input order: `values`, or `count` items written as `text`
    (their JSON, joined by SEPARATOR). `documents` counts the documents merged; `spool`
    is where a listing merged into keeps written text (the parent's, for JSON)."""

    values: list[Any] | DiskRows = field(default_factory=list)
    text: str = ""
    count: int = 0
    documents: int = 0
    spool: Sink | None = None

    @classmethod
    def on_disk(cls) -> Listing:
        """An empty listing whose merged values go to a temporary file (DiskRows)."""
        return cls(values=DiskRows())

    @classmethod
    def of(cls, items: list[Any]) -> Listing:
        """One document's items."""
        return cls(values=items, count=len(items), documents=1)

    def written(self, write: Callable[[list[Any]], str]) -> Listing:
        """The same items as text: `write` renders values as they read in the array (a
        worker does this, so the parent only copies text)."""
        return Listing(text=write(list(self.values)) if self.values else "", count=self.count,
                       documents=self.documents)

    def merge(self, other: Listing) -> Listing:
        """`other`'s items after this one's (concatenation: the order is the input order).
        A listing holds values or text, not both; a spooled one is only merged into."""
        if other.spool is not None:
            raise ValueError("a spooled listing is merged into, never merged")
        self.documents += other.documents
        self.count += other.count
        self.values.extend(other.values)
        if other.text:
            if self.spool is not None:
                self.spool.add(other.text, other.count)
            else:
                self.text = f"{self.text}{SEPARATOR}{other.text}" if self.text else other.text
        return self

    def items(self) -> Any:
        """The items for the payload: the values, the spool (its text is copied to the
        output as it is), or the text's items as values again."""
        if self.spool is not None:
            return self.spool
        if self.text:
            return json.loads("[" + self.text + "]")
        return self.values

    def item_values(self) -> list[Any]:
        """The items as values, wherever they are kept (a spool's are read back)."""
        if self.spool is not None:
            return self.spool.items()
        return list(self.items())


def merge(left: Listing, right: Listing) -> Listing:
    return left.merge(right)


class DiskRows:
    """Values kept in a temporary file, pickled a batch at a time, and read back in order
    as often as asked: a folder's rows for CSV or JSONL in memory that does not grow with
    the folder (the writer streams them out)."""

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile()
        self._chunks: list[tuple[int, int]] = []  # (offset, size) of each pickled batch
        self._count = 0

    def extend(self, values: Iterable[Any]) -> None:
        batch = list(values)
        if batch:
            data = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
            offset = self._file.seek(0, 2)
            self._file.write(data)
            self._chunks.append((offset, len(data)))
            self._count += len(batch)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        for offset, size in list(self._chunks):
            self._file.seek(offset)
            yield from pickle.loads(self._file.read(size))


class Derived:
    """Items made from each item of `source` as they are read (the rows of a document's
    sections, say), never held together."""

    def __init__(self, source: Iterable[Any], make: Callable[[Any], Iterable[Any]]) -> None:
        self.source, self.make = source, make

    def __iter__(self) -> Iterator[Any]:
        for item in self.source:
            yield from self.make(item)

    def __len__(self) -> int:
        return sum(1 for _ in self)
