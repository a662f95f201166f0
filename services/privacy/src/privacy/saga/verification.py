"""Verify after delete: what a service's re-export still holds about the erased person."""

from collections.abc import Mapping
from typing import Final

from pydantic import JsonValue

DATA_LEFT: Final = "data left: "

ALLOWED_TRACES: Final = frozenset({"unsubscribed"})
"""Categories that may remain: the unsubscribe list keeps a hash, so the person is not
sent to again (DESIGN.md, "Suppression and unsubscribe lists keep only a hash")."""


def categories_left(categories: Mapping[str, JsonValue]) -> list[str]:
    """The categories that still hold something (an empty, null, false or zero value holds
    nothing), in order."""
    return sorted(
        name for name, value in categories.items() if name not in ALLOWED_TRACES and value
    )


def data_left_error(previous: str | None, categories: list[str]) -> str:
    """The job's error naming every category found so far, across the export's parts."""
    found = set(categories)
    if previous is not None and previous.startswith(DATA_LEFT):
        found.update(previous.removeprefix(DATA_LEFT).split(", "))
    return DATA_LEFT + ", ".join(sorted(found))
