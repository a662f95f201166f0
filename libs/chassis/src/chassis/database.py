"""The async SQLAlchemy engine and sessions of one service's own database."""

import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata() -> MetaData:
    """A fresh MetaData with the naming convention every migration relies on."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def plain_dsn(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+asyncpg://…``) as a DSN asyncpg itself accepts."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


IDLE_BEFORE_PING_SECONDS = 5.0


class Database:
    """One engine and its session factory. Sessions never commit by themselves."""

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 10,
        idle_before_ping_seconds: float = IDLE_BEFORE_PING_SECONDS,
    ) -> None:
        self.engine: AsyncEngine = create_async_engine(
            url,
            pool_size=pool_size,
            max_overflow=pool_size,
            hide_parameters=True,  # errors end up in logs and dead letters; values hold people
        )
        ping_connections_idle_for(self.engine, seconds=idle_before_ping_seconds)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


def ping_connections_idle_for(engine: AsyncEngine, *, seconds: float) -> None:
    """Pings a pooled connection before use only when it has sat idle for ``seconds``.

    A connection dropped while idle (a database restart, a proxy's timeout) is replaced
    before a request can fail on it, as ``pool_pre_ping`` would do, without a round trip on
    every checkout of a busy pool.
    """

    @event.listens_for(engine.sync_engine, "checkin")
    def remember_when(_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def ping_if_idle(
        connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        checked_in_at = record.info.get("checked_in_at")
        if checked_in_at is None or time.monotonic() - checked_in_at < seconds:
            return
        try:
            connection.ping()
        except Exception as error:
            raise DisconnectionError(type(error).__name__) from error


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    database: Database = request.app.state.database
    async with database.sessions() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(_request_session)]
"""A request's database session; the view owns the transaction (``async with session.begin()``)."""
