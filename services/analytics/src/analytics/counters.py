"""Adding to running totals, many rows in one statement, in an order that cannot deadlock."""

from collections.abc import Hashable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.bulk import column_list, insert_rows, quote, rows

CounterKey = tuple[Hashable, ...]


async def add_to_counters(
    session: AsyncSession,
    table: Table,
    *,
    key_columns: Sequence[str],
    increments: Mapping[CounterKey, Mapping[str, int]],
) -> None:
    """Adds ``increments`` (key values → column → amount) to ``table``'s rows, creating those
    missing. Rows are written in key order, so concurrent batches lock them in the same order."""
    if not increments:
        return
    values: list[dict[str, Any]] = []
    counted = tuple(sorted({column for amounts in increments.values() for column in amounts}))
    for key in sorted(increments, key=_sortable):
        row: dict[str, Any] = dict(zip(key_columns, key, strict=True))
        row.update({column: increments[key].get(column, 0) for column in counted})
        values.append(row)
    await session.execute(_upsert(table, tuple(key_columns), counted), rows(values))


@cache
def _upsert(table: Table, key_columns: tuple[str, ...], counted: tuple[str, ...]) -> Any:
    name = quote(table.name)
    additions = ", ".join(
        f"{quote(column)} = {name}.{quote(column)} + EXCLUDED.{quote(column)}" for column in counted
    )
    return text(
        f"{insert_rows(table, [*key_columns, *counted])} "
        f"ON CONFLICT ({column_list(key_columns)}) DO UPDATE SET {additions}"
    )


def _sortable(key: CounterKey) -> tuple[str, ...]:
    return tuple(str(part) for part in key)
