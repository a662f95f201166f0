"""A sender that dies between the provider call and the commit leaves the message *unknown*,
visible in the log and never resent blindly (point 4 of issue 6); SMTP keeps the same
guarantees (point 2)."""

import asyncio
from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from uuid import uuid4

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler
from structlog.testing import capture_logs

from chassis.database import Database
from chassis.testing.processes import free_port
from chassis.testing.waiting import eventually
from contracts.vocabulary import Channel
from delivery.email.channel import EmailChannel
from delivery.email.composer import EmailComposer
from delivery.email.rendering import EmailRenderer
from delivery.email.smtp import SmtpTransport
from delivery.keys import DeliveryKeys
from delivery.sending.claims import claim_due, mark_stale_unknown
from delivery.settings import Settings, SmtpSettings
from delivery.testing.broker import publish_envelopes
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import dispatch, email_channel, messages_of_tenant, unique_address


async def test_a_crash_between_the_call_and_the_commit_leaves_the_message_unknown(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str
) -> None:
    tenant_id, address = uuid4(), unique_address("crash")
    async with running_delivery(settings, database, channels=None):  # queue only, no sender
        await publish_envelopes(
            settings.rabbitmq_url,
            [dispatch(keys, tenant_id=tenant_id, email=address)],
            settings.messaging,
        )

        async def queued() -> list[str]:
            return [row.state for row in await messages_of_tenant(database, tenant_id)]

        await eventually(queued, lambda found: found == ["queued"], what="queued")

    channel = email_channel(settings, keys)
    await channel.start()
    async with database.sessions() as session, session.begin():
        claimed = await claim_due(session, channel=Channel.EMAIL, limit=10_000)
    [mine] = [message for message in claimed if message.tenant_id == tenant_id]
    others = [message for message in claimed if message.tenant_id != tenant_id]
    assert not others  # nothing else was waiting
    await channel.send(mine)  # the provider takes it … and the sender dies before settling
    [row] = await messages_of_tenant(database, tenant_id)
    assert row.state == "sending"

    with capture_logs() as logs:
        async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
            async with database.sessions() as session, session.begin():
                stale = await mark_stale_unknown(session, older_than=timedelta(0))
            await asyncio.sleep(0.5)  # the live sender had its chance to (wrongly) resend
    assert mine.id in stale
    [row] = await messages_of_tenant(database, tenant_id)
    assert (row.state, row.failure) == ("unknown", "interrupted_while_sending")
    assert [s.to for s in sent_emails(moto_url)].count([address]) == 1
    assert not any(address in str(entry) for entry in logs)


async def test_smtp_transport_sends_the_same_messages(
    settings: Settings, database: Database, keys: DeliveryKeys
) -> None:
    handler = _Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        transport = SmtpTransport(
            SmtpSettings(host="127.0.0.1", port=port, max_send_rate=100),
            from_address=settings.ses.from_address,
        )
        channel = EmailChannel(
            transport=transport,
            composer=EmailComposer(
                renderer=EmailRenderer(),
                from_address=settings.ses.from_address,
                public_base_url=settings.public_base_url,
                unsubscribe_key=keys.unsubscribe_key,
            ),
            throttle_pause_seconds=0.01,
        )
        tenant_id, address = uuid4(), unique_address("smtp")
        async with running_delivery(settings, database, channels=[channel]):
            await publish_envelopes(
                settings.rabbitmq_url,
                [dispatch(keys, tenant_id=tenant_id, email=address)],
                settings.messaging,
            )

            async def sent() -> list[str]:
                return [row.state for row in await messages_of_tenant(database, tenant_id)]

            await eventually(sent, lambda found: found == ["sent"], what="sent by SMTP")
    finally:
        controller.stop()
    [received] = handler.received
    assert received["To"] == address
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [row] = await messages_of_tenant(database, tenant_id)
    assert row.provider_message_id
    assert row.provider_message_id in received["Message-ID"]


class _Collector(MessageHandler):
    def __init__(self) -> None:
        super().__init__(message_class=None)
        self.received: list = []

    def handle_message(self, message) -> None:  # type: ignore[no-untyped-def]
        self.received.append(message_from_bytes(message.as_bytes(), policy=default))
