"""An HTTP request's correlation id and trace travel into the events it publishes."""

from typing import ClassVar
from uuid import UUID, uuid4

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter
from sqlalchemy import select

from chassis.app import create_service_app
from chassis.database import SessionDep
from chassis.messaging.outbox import publish
from chassis.messaging.tables import outbox_message
from chassis.settings import ServiceSettings
from contracts.envelope import parse_envelope
from contracts.events.accounts import ClientSettingsChanged
from contracts.vocabulary import Language

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


class AccountsLikeSettings(ServiceSettings):
    service_name: ClassVar[str] = "accounts"


def settings_router() -> APIRouter:
    router = APIRouter()

    @router.post("/settings/{tenant_id}")
    async def change_settings(tenant_id: UUID, session: SessionDep) -> dict[str, str]:
        async with session.begin():
            changed = ClientSettingsChanged(
                tenant_id=tenant_id, time_zone="Europe/Tallinn", language=Language.ESTONIAN
            )
            envelope = await publish(session, changed)
            body = (
                await session.execute(
                    select(outbox_message.c.body).where(outbox_message.c.id == envelope.id)
                )
            ).scalar_one()
        return {"body": body.decode()}

    return router


@pytest.mark.usefixtures("infrastructure")
async def test_the_request_correlation_and_trace_reach_the_envelope() -> None:
    app = create_service_app(settings=AccountsLikeSettings(), routers=[settings_router()])
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.post(
                f"/settings/{uuid4()}",
                headers={
                    "x-correlation-id": "support-ticket-1234",
                    "traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01",
                },
            )
    assert response.status_code == 200
    envelope = parse_envelope(response.json()["body"])
    assert envelope.correlation_id == "support-ticket-1234"
    assert envelope.traceparent is not None
    assert envelope.traceparent.split("-")[1] == TRACE_ID
    assert envelope.causation_id is None
