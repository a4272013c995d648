"""The indented JSON writer gives json.dumps's bytes exactly."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import pytest

from xzcli.render.jsontext import dumps_indented

EXPECTED = Path(__file__).resolve().parent / "pinned" / "expected"


class Kind(str, Enum):
    a = "甲"


CASES = [
    1, -2, 1.5, -0.0, 1e300, 10**30, float("nan"), float("inf"), -float("inf"),
    "引号\"、反斜杠\\、换行\n、\u2028、\x01", None, True, False, [], {}, [[]], {"a": {}},
    (1, (2, ())), [Kind.a], {Kind.a: Kind.a},
    {2: 2, 1.5: 3, True: 4, False: 5, None: 6, "键": [1, {"z": None, "y": [{}]}]},
    # Long lists of strings only take a path of their own; one of another type does not.
    ["词", "引号\"", "\\", "\n", "\u2028", "\x01", " ", "", "末"] * 3,
    {"tokens": ["a", "b"] * 10, "mixed": ["a"] * 10 + [1], "sub": [Kind.a] * 10},
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
@pytest.mark.parametrize("indent", [2, 4])
def test_same_text_as_json_dumps(value: object, indent: int) -> None:
    assert dumps_indented(value, indent) == json.dumps(value, ensure_ascii=False,
                                                        indent=indent)


def test_same_text_on_every_pinned_output() -> None:
    for path in sorted(EXPECTED.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2), path


def test_unserialisable_values_raise_type_error() -> None:
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): 1})


def test_a_spool_writes_the_text_its_items_would() -> None:
    import io

    from xzcli.render.jsontext import Spool, dumps_at, write_indented

    items = [{"source": "甲", "x": [1, 2.5, {"y": None}]}, {"source": "乙", "x": []}, {}]
    spool = Spool(2)
    spool.add(dumps_at(items[0], 2))
    spool.add(spool.join([dumps_at(i, 2) for i in items[1:]]), 2)
    value = {"a": 1, "documents": spool, "deeper": {"again": [spool]}, "none": Spool(2)}
    expected = json.dumps({"a": 1, "documents": items, "deeper": {"again": [items]},
                           "none": []}, ensure_ascii=False, indent=2)
    # Where it was written for, the text is copied; anywhere else it is read back first.
    assert dumps_indented(value) == expected
    stream = io.StringIO()
    write_indented(value, stream)
    assert stream.getvalue() == expected
    assert len(spool) == 3 and spool.items() == items
