"""Accounts' real worker and relay processes, through the broker: they expand privacy's group
notice and answer its export and erasure of a client user; afterwards a dump of accounts'
database holds neither the person's email nor their name."""

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import aio_pika
import httpx
import pytest
from sqlalchemy import select

from accounts.settings import Settings
from accounts.testing import logged_in, signed_up
from accounts.users.models import User
from chassis.database import Database, plain_dsn
from chassis.messaging.tables import outbox_message
from chassis.messaging.topology import declare, events_exchange, producer_topology
from chassis.privacy.receipts import verify_receipt
from chassis.testing.processes import SinkProcess, free_port
from chassis.testing.waiting import eventually
from contracts.base import EventData
from contracts.envelope import Envelope, parse_envelope
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import (
    ClientAdmins,
    PrivacyNotificationRequested,
    SubjectErasureRequested,
    SubjectExportRequested,
)
from contracts.events.privacy_replies import KeysPublished, SubjectErased, SubjectExported
from contracts.vocabulary import Service
from soket_cli.pytest_infrastructure import TestInfrastructure

MARKER_EMAIL = "marker.person.q7x@example.ee"
MARKER_NAME = "Markerina Qwyzzle"
TAP = "test.accounts-replies"


@pytest.fixture
def processes(infrastructure: TestInfrastructure, tmp_path: Path) -> Iterator[list[SinkProcess]]:
    """accounts' relay and worker, as ``./soket up`` runs them."""
    started: list[SinkProcess] = []

    def start(kind: str) -> None:
        port = free_port()
        log_path = tmp_path / f"{kind}.log"
        env = {**os.environ, "ACCOUNTS_PROBE_PORT": str(port)}
        with log_path.open("wb") as log:
            popen = subprocess.Popen(
                [sys.executable, "-m", f"accounts.{kind}"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        process = SinkProcess(kind, popen, port, log_path)
        started.append(process)

    start("relay")
    start("worker")
    try:
        for process in started:  # started together: each takes seconds to import and connect
            process.wait_ready(timeout=90)
        yield started
    finally:
        for process in started:
            process.stop()


@pytest.fixture
async def channel(infrastructure: TestInfrastructure) -> AsyncIterator[Any]:
    """A channel with privacy's exchange declared and a tap on accounts' privacy replies."""
    connection = await aio_pika.connect(infrastructure.rabbitmq_url)
    try:
        channel = await connection.channel()
        options = Settings().messaging
        await declare(channel, producer_topology("privacy", options))
        await declare(channel, producer_topology("accounts", options))
        queue = await channel.declare_queue(TAP, durable=True, arguments={"x-queue-type": "quorum"})
        for pattern in ("accounts.subject.#", "accounts.keys.#", "accounts.notification.#"):
            await queue.bind(events_exchange("accounts"), routing_key=pattern)
        yield channel
        await channel.queue_delete(TAP)
    finally:
        await connection.close()


async def ask(channel: Any, data: EventData) -> None:
    request = Envelope.wrap(data, source=Service.PRIVACY)
    exchange = await channel.get_exchange(events_exchange("privacy"))
    await exchange.publish(
        aio_pika.Message(request.to_json(), message_id=str(request.id), type=request.type),
        routing_key=request.type,
    )


async def reply_of(channel: Any, event_type: str, request_id: Any = None) -> Envelope[Any]:
    queue = await channel.get_queue(TAP)
    async with asyncio.timeout(60):
        while True:
            message = await queue.get(fail=False)
            if message is None:
                await asyncio.sleep(0.1)
                continue
            await message.ack()
            envelope = parse_envelope(message.body)
            if envelope.type == event_type and request_id in (
                None,
                getattr(envelope.data, "request_id", None),
                getattr(envelope.data, "notice_id", None),
            ):
                return envelope


def dump(database_url: str) -> str:
    return subprocess.run(
        ["pg_dump", "--data-only", "--dbname", plain_dsn(database_url)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


async def test_export_then_erasure_through_the_events_leaves_no_trace(
    api: httpx.AsyncClient,
    database: Database,
    settings: Settings,
    channel: Any,
    processes: list[SinkProcess],
) -> None:
    """P12, P15: the user's data comes back, then a receipt that verifies; nothing is left."""
    tenant_id, user_id = await signed_up(
        api, database, email=MARKER_EMAIL, organisation="Jälgede OÜ", name=MARKER_NAME
    )
    await logged_in(api, email=MARKER_EMAIL)
    await api.post("/auth/password-reset", json={"email": MARKER_EMAIL})
    await api.post("/auth/login", json={"email": MARKER_EMAIL, "password": "wrong password!"})
    async with database.sessions() as session:
        reference = await session.scalar(select(User.subject_ref).where(User.email == MARKER_EMAIL))
    assert reference is not None
    assert MARKER_EMAIL in dump(settings.database_url)

    keys = (await reply_of(channel, "accounts.keys.published.v1")).data
    assert isinstance(keys, KeysPublished)

    group_notice = PrivacyNotificationRequested(
        notice_id=uuid4(),
        tenant_id=tenant_id,
        template=NoticeTemplate.CLIENT_EXPORT_OFFERED,
        address=ClientAdmins(group="client_admins", tenant_id=tenant_id),
        language=None,
        parameters={"link": "https://example.ee/export", "expires_on": "2027-01-31"},
    )
    await ask(channel, group_notice)
    expected_id = uuid.uuid5(group_notice.notice_id, str(user_id))
    expanded = await reply_of(channel, "accounts.notification.requested.v1", expected_id)
    assert expanded.data.address == MARKER_EMAIL
    assert expanded.causation_id is not None

    export = SubjectExportRequested(request_id=uuid4(), tenant_id=tenant_id, subject_ref=reference)
    await ask(channel, export)
    exported = (await reply_of(channel, "accounts.subject.exported.v1", export.request_id)).data
    assert isinstance(exported, SubjectExported)
    [account] = exported.categories["account"]
    assert (account["email"], account["name"]) == (MARKER_EMAIL, MARKER_NAME)

    async def unsent_about_them() -> int:
        async with database.sessions() as session:
            rows = await session.scalars(
                select(outbox_message.c.id).where(
                    outbox_message.c.subject_ref == reference,
                    outbox_message.c.published_at.is_(None),
                )
            )
            return len(rows.all())

    await eventually(unsent_about_them, lambda count: count == 0, what="unsent events")

    erasure = SubjectErasureRequested(
        request_id=uuid4(), tenant_id=tenant_id, subject_ref=reference
    )
    await ask(channel, erasure)
    erased = (await reply_of(channel, "accounts.subject.erased.v1", erasure.request_id)).data
    assert isinstance(erased, SubjectErased)
    assert erased.receipt.key_id == keys.key_id
    assert verify_receipt(erased.receipt, keys.public_key)
    assert erased.receipt.rows_deleted["user_account"] == 1
    assert erased.receipt.rows_deleted["outbox_message"] >= 3

    everything = dump(settings.database_url)
    for marker in (MARKER_EMAIL, MARKER_EMAIL.upper(), MARKER_NAME, "Markerina", "Qwyzzle"):
        assert marker not in everything, marker
    assert "Jälgede OÜ" in everything  # the client itself stays: only the person went
