"""Splitting an export into parts small enough to travel as events."""

import json
from collections.abc import Iterator
from typing import Final

from pydantic import JsonValue

from chassis.privacy.participant import Categories

DEFAULT_EXPORT_PART_BYTES: Final = 256 * 1024


def split_export(
    categories: Categories, *, max_part_bytes: int = DEFAULT_EXPORT_PART_BYTES
) -> list[dict[str, JsonValue]]:
    """The categories in parts whose JSON stays under ``max_part_bytes``, in order.

    A category stays whole in one part when it fits in one. A larger list is split into
    consecutive chunks under the same name in successive parts (a reader concatenates them);
    a larger value of another kind, or a single larger list item, goes alone in its part.
    """
    parts: list[dict[str, JsonValue]] = []
    current: dict[str, JsonValue] = {}
    current_size = 2  # {}

    def add(name: str, value: JsonValue, value_size: int) -> None:
        nonlocal current, current_size
        cost = _size(name) + 1 + value_size + (1 if current else 0)
        if current and (current_size + cost > max_part_bytes or name in current):
            parts.append(current)
            current, current_size = {}, 2
            cost -= 1
        current[name] = value
        current_size += cost

    for name, value in categories.items():
        value_size = _size(value)
        entry_budget = max_part_bytes - 2 - _size(name) - 1
        if value_size <= entry_budget or not isinstance(value, list) or len(value) < 2:
            add(name, value, value_size)
            continue
        for chunk, chunk_size in _chunks(value, budget=entry_budget):
            add(name, chunk, chunk_size)
    if current or not parts:
        parts.append(current)
    return parts


def _chunks(items: list[JsonValue], *, budget: int) -> Iterator[tuple[list[JsonValue], int]]:
    chunk: list[JsonValue] = []
    size = 2  # []
    for item in items:
        cost = _size(item) + (1 if chunk else 0)
        if chunk and size + cost > budget:
            yield chunk, size
            chunk, size = [], 2
            cost -= 1
        chunk.append(item)
        size += cost
    if chunk:
        yield chunk, size


def _size(value: JsonValue) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
