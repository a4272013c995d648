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
