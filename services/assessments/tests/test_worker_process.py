"""The worker as its own process: it consumes accounts' and delivery's events from the broker
and announces its receipt key for the privacy contract."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import aio_pika
import httpx
import pytest
from assessments_support import Tenant, make_participant, outbox_events
from sqlalchemy import select

from assessments.client_settings.models import ClientSettings
from assessments.participants.models import Participant
from assessments.settings import Settings
from chassis.database import Database
from chassis.messaging.topology import events_exchange
from chassis.testing.processes import free_port
from chassis.testing.waiting import eventually
from contracts.envelope import Envelope
from contracts.events.accounts import ClientSettingsChanged
from contracts.events.delivery import SlackMember, SlackMembersImported


@pytest.fixture
def worker(settings: Settings, tmp_path: Path) -> Iterator[int]:
    port = free_port()
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "assessments.worker"],
            env={**os.environ, "ASSESSMENTS_PROBE_PORT": str(port)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield port
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0, log.read_text()[-3000:]


async def publish(rabbitmq_url: str, envelope: Envelope[object]) -> None:
    connection = await aio_pika.connect(rabbitmq_url)
    try:
        channel = await connection.channel()
        exchange = await channel.get_exchange(events_exchange(envelope.source))
        await exchange.publish(
            aio_pika.Message(
                envelope.to_json(),
                message_id=str(envelope.id),
                type=envelope.type,
                content_type="application/json",
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            ),
            routing_key=envelope.type,
        )
    finally:
        await connection.close()


async def test_the_worker_consumes_from_the_broker(
    worker: int,
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
) -> None:
    async def ready() -> int:
        async with httpx.AsyncClient() as probe:
            try:
                return (await probe.get(f"http://127.0.0.1:{worker}/readyz")).status_code
            except httpx.HTTPError:
                return 0

    await eventually(ready, lambda status: status == 200, within=60, what="worker readyz")
    keys = await outbox_events(database, "assessments.keys.published.v1")
    assert keys, "the worker announces its receipt key"

    mari = await make_participant(client, tenant, email=f"mari.{uuid.uuid4().hex[:6]}@example.ee")
    await publish(
        settings.rabbitmq_url,
        Envelope.wrap(
            ClientSettingsChanged(tenant_id=tenant.id, time_zone="Europe/Riga", language="en")
        ),
    )
    await publish(
        settings.rabbitmq_url,
        Envelope.wrap(
            SlackMembersImported(
                tenant_id=tenant.id,
                team_id="T0WORKER",
                members=[SlackMember(user_id="U0MARI", email=mari["email"])],
            )
        ),
    )

    async def state() -> tuple[str | None, str | None]:
        async with database.sessions() as session:
            zone = await session.scalar(
                select(ClientSettings.time_zone).where(ClientSettings.tenant_id == tenant.id)
            )
            slack = await session.scalar(
                select(Participant.slack_user_id).where(Participant.id == uuid.UUID(mari["id"]))
            )
        return zone, slack

    await eventually(
        state, lambda found: found == ("Europe/Riga", "U0MARI"), within=30, what="consumed"
    )
