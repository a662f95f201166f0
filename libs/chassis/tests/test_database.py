"""A request's session comes from the service's own database; the view owns the transaction."""

from typing import ClassVar

import httpx
from asgi_lifespan import LifespanManager
from fastapi import APIRouter
from sqlalchemy import text

from chassis.app import create_service_app
from chassis.database import SessionDep
from chassis.settings import ServiceSettings
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
