"""Statements of the hottest paths, run on the session's asyncpg connection directly.

SQLAlchemy's per-execution work (parameter processing, result wrapping, the greenlet hop)
costs about as much CPU as the round trip itself for a small statement. A ``HotStatement``
is compiled once; running it joins whatever the session is in (a transaction, or
autocommit), so it stays one unit of work with the session's other statements.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable
from sqlalchemy.sql.compiler import Compiled

_DIALECT = asyncpg_dialect()  # type: ignore[no-untyped-call]


class HotStatement:
    """A Core or ``text()`` statement compiled once for asyncpg; named parameters in."""

    def __init__(self, statement: Executable) -> None:
        compiled: Compiled = statement.compile(dialect=_DIALECT)  # type: ignore[attr-defined]
        self.sql = str(compiled)
        self._names: Sequence[str] = compiled.positiontup or ()  # type: ignore[attr-defined]
        self._defaults: Mapping[str, Any] = compiled.params

    def _arguments(self, parameters: Mapping[str, Any]) -> list[Any]:
        return [
            parameters[name] if name in parameters else self._defaults[name] for name in self._names
        ]

    async def fetch(
        self, session: AsyncSession, parameters: Mapping[str, Any]
    ) -> list[asyncpg.Record]:
        connection = await driver_connection(session)
        rows: list[asyncpg.Record] = await connection.fetch(self.sql, *self._arguments(parameters))
        return rows

    async def fetchval(self, session: AsyncSession, parameters: Mapping[str, Any]) -> Any:
        connection = await driver_connection(session)
        return await connection.fetchval(self.sql, *self._arguments(parameters))


async def driver_connection(session: AsyncSession) -> asyncpg.Connection:
    """The asyncpg connection under the session's connection, inside the session's
    transaction unless the session runs in autocommit."""
    connection = await session.connection()
    pooled = await connection.get_raw_connection()
    adapter: Any = pooled.dbapi_connection
    # SQLAlchemy's adapter sends BEGIN lazily, before its own first statement; a statement
    # sent around it must not run outside the transaction the session is in.
    if adapter._transaction is None:
        await adapter._start_transaction()
    driver: asyncpg.Connection = pooled.driver_connection
    return driver
