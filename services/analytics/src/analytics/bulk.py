"""Many rows in one statement of fixed text: the rows travel as one JSON document.

The statement's text does not depend on the number of rows, so the database prepares it
once per connection, and the rows cost one ``json.dumps`` rather than a bound parameter per
value.
"""

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.schema import ScalarElementColumnDefault

_dialect = postgresql.dialect()  # type: ignore[no-untyped-call]


def quote(name: str) -> str:
    return str(_dialect.identifier_preparer.quote(name))


def column_list(columns: Sequence[str]) -> str:
    return ", ".join(quote(column) for column in columns)


@cache
def _recordset(table: Table, columns: tuple[str, ...]) -> str:
    spec = ", ".join(
        f"{quote(column)} {table.c[column].type.compile(dialect=_dialect)}" for column in columns
    )
    return f"jsonb_to_recordset(CAST(CAST(:rows AS text) AS jsonb)) AS r({spec})"


def insert_rows(table: Table, columns: Sequence[str]) -> str:
    """``INSERT INTO <table> … SELECT`` the rows passed as ``:rows`` (see :func:`rows`), in
    order; the table's other columns with a constant default get it."""
    defaulted = {
        column.name: _literal(column.default.arg)
        for column in table.c
        if column.name not in columns and isinstance(column.default, ScalarElementColumnDefault)
    }
    return (
        # Only names from the table's metadata, quoted, are spliced in; the rows are bound.
        f"INSERT INTO {quote(table.name)} ({column_list([*columns, *defaulted])}) "  # noqa: S608
        f"SELECT {', '.join([column_list(columns), *defaulted.values()])} "
        f"FROM {_recordset(table, tuple(columns))}"
    )


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"no SQL literal for the default {value!r}")


def rows(values: Sequence[dict[str, Any]]) -> dict[str, str]:
    """The parameters of a statement made with :func:`select_rows`."""
    return {"rows": json.dumps(values, default=str)}
