"""Offsets into a text, one way everywhere: lines (figures, lint, kwic, structure) and tokens."""

from __future__ import annotations

from xzcli.offsets import line_number, line_starts, lines_with_offsets, token_starts

TEXT = "一、总体要求\n\n到2025年，增长5%。\n末行"


def test_line_numbers_count_from_one_and_blank_lines_count() -> None:
    starts = line_starts(TEXT)
    assert starts == [0, 7, 8, 21]
    assert [line_number(starts, TEXT.index(s)) for s in ("总体", "2025", "末行")] == [1, 3, 4]
    assert line_starts("") == [0] and line_number([0], 0) == 1


def test_lines_with_offsets_point_into_the_text() -> None:
    lines = list(lines_with_offsets(TEXT))
    assert [line for _, line in lines] == TEXT.split("\n")
    assert all(TEXT[offset:offset + len(line)] == line for offset, line in lines)
    assert [offset for offset, _ in lines] == line_starts(TEXT)


def test_token_starts_have_one_more_offset_than_words() -> None:
    words = ["到", "2025", "年", "，", "增长"]
    starts = token_starts(words)
    assert starts == [0, 1, 5, 6, 7, 9]
    text = "".join(words)
    assert [text[a:b] for a, b in zip(starts, starts[1:], strict=False)] == words
