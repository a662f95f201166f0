"""A request's session comes from the service's own database; the view owns the transaction."""

from typing import ClassVar

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection

from chassis.app import create_service_app
from chassis.database import Database, SessionDep
from chassis.settings import ServiceSettings, service_database_url
from soket_cli.pytest_infrastructure import TestInfrastructure


class AccountsLikeSettings(ServiceSettings):
    service_name: ClassVar[str] = "accounts"


def probe_router() -> APIRouter:
    router = APIRouter()

    @router.get("/which-database")
    async def which_database(session: SessionDep) -> dict[str, object]:
        async with session.begin():
            name = await session.scalar(text("SELECT current_database()"))
            in_transaction = session.in_transaction()
        return {"database": name, "was_in_transaction": in_transaction}

    return router


async def test_sessions_reach_the_services_own_database(
    infrastructure: TestInfrastructure,
) -> None:
    app = create_service_app(settings=AccountsLikeSettings(), routers=[probe_router()])
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/which-database")
    assert response.status_code == 200
    assert response.json() == {
        "database": f"{infrastructure.database_prefix}accounts",
        "was_in_transaction": True,
    }


async def _backend_pid(database: Database) -> int:
    async with database.sessions() as session:
        pid = await session.scalar(text("SELECT pg_backend_pid()"))
    assert isinstance(pid, int)
    return pid


async def test_a_connection_dropped_while_idle_is_replaced_before_it_is_used(
    infrastructure: TestInfrastructure,
) -> None:
    database = Database(service_database_url("accounts"), pool_size=1, idle_before_ping_seconds=0)
    try:
        dropped = await _backend_pid(database)
        async with Database(service_database_url("accounts"), pool_size=1).sessions() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dropped})
        assert await _backend_pid(database) != dropped
    finally:
        await database.dispose()


async def test_a_busy_connection_is_reused_without_a_ping(
    infrastructure: TestInfrastructure, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings: list[int] = []
    ping = AsyncAdapt_asyncpg_connection.ping

    def counted_ping(connection: AsyncAdapt_asyncpg_connection) -> None:
        pings.append(1)
        ping(connection)

    monkeypatch.setattr(AsyncAdapt_asyncpg_connection, "ping", counted_ping)
    busy = Database(service_database_url("accounts"), pool_size=1)
    idle = Database(service_database_url("accounts"), pool_size=1, idle_before_ping_seconds=0)
    try:
        first = await _backend_pid(busy)
        assert await _backend_pid(busy) == first
        assert pings == []
        await _backend_pid(idle)
        await _backend_pid(idle)
        assert pings == [1]
    finally:
        await busy.dispose()
        await idle.dispose()
