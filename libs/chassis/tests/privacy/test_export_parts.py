"""A large export travels in parts, each under the limit, categories whole where they fit."""

import json

from pydantic import JsonValue

from chassis.privacy.export_parts import split_export


def size(part: dict[str, JsonValue]) -> int:
    return len(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode())


def reassembled(parts: list[dict[str, JsonValue]]) -> dict[str, JsonValue]:
    whole: dict[str, JsonValue] = {}
    for part in parts:
        for name, value in part.items():
            if name in whole:
                previous = whole[name]
                assert isinstance(previous, list)
                assert isinstance(value, list)
                whole[name] = previous + value
            else:
                whole[name] = value
    return whole


def test_a_small_export_is_one_part() -> None:
    categories: dict[str, JsonValue] = {"profile": {"name": "Mari"}, "answers": [1, 2]}
    assert split_export(categories, max_part_bytes=1024) == [categories]
    assert split_export({}, max_part_bytes=1024) == [{}]


def test_categories_that_fit_are_never_split() -> None:
    categories: dict[str, JsonValue] = {
        f"category_{index}": [f"row {row} ü" for row in range(20)] for index in range(6)
    }
    parts = split_export(categories, max_part_bytes=600)
    assert len(parts) > 1
    assert all(size(part) <= 600 for part in parts)
    assert sum(len(part) for part in parts) == len(categories)
    assert reassembled(parts) == categories


def test_a_category_larger_than_a_part_is_split_into_chunks_of_its_list() -> None:
    answers: list[JsonValue] = [{"question": f"q{index}", "option": "yes"} for index in range(500)]
    categories: dict[str, JsonValue] = {"profile": {"name": "Mari"}, "answers": answers}
    parts = split_export(categories, max_part_bytes=2000)
    assert len(parts) > 5
    assert all(size(part) <= 2000 for part in parts)
    assert reassembled(parts) == categories


def test_a_value_that_cannot_be_split_goes_alone() -> None:
    categories: dict[str, JsonValue] = {"small": 1, "huge": "x" * 5000, "after": 2}
    parts = split_export(categories, max_part_bytes=100)
    assert {"huge": "x" * 5000} in parts
    assert reassembled(parts) == categories
