"""Dispatches become emails in moto's SES, once each, with the unsubscribe headers (points
1, 3, 4 and 14 of issue 6)."""

import email.policy
from email import message_from_string
from uuid import uuid4

from sqlalchemy import select

from chassis.database import Database
from chassis.messaging.tables import outbox_message
from chassis.testing.waiting import eventually
from contracts.events.delivery import MESSAGE_SENT
from delivery.keys import DeliveryKeys
from delivery.settings import Settings
from delivery.testing.broker import publish_envelopes
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import dispatch, email_channel, messages_of_tenant, states, unique_address

RECIPIENTS = 1000


async def test_a_thousand_dispatches_are_a_thousand_emails_sent_once_each(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str
) -> None:
    tenant_id = uuid4()
    addresses = [unique_address(f"p{number}") for number in range(RECIPIENTS)]
    envelopes = [dispatch(keys, tenant_id=tenant_id, email=address) for address in addresses]
    channels = [email_channel(settings, keys)]
    async with running_delivery(settings, database, channels=channels):
        await publish_envelopes(settings.rabbitmq_url, envelopes, settings.messaging)

        async def sent_count() -> dict[str, int]:
            return states(await messages_of_tenant(database, tenant_id))

        await eventually(
            sent_count,
            lambda found: found.get("sent") == RECIPIENTS,
            within=120,
            what="messages sent",
        )
        # The same events again (a redelivery, a replay): nothing more is sent.
        await publish_envelopes(settings.rabbitmq_url, envelopes, settings.messaging)
        # And the same dispatches under new envelope ids (assessments publishing twice).
        again = [type(e).wrap(e.data) for e in envelopes[:50]]
        await publish_envelopes(settings.rabbitmq_url, again, settings.messaging)
        await eventually(
            lambda: _queue_drained(settings),
            lambda drained: drained,
            what="redelivered events handled",
        )

    mine = [sent for sent in sent_emails(moto_url) if sent.to[0] in set(addresses)]
    assert sorted(sent.to[0] for sent in mine) == sorted(addresses)  # each once, none twice
    for sent in mine[:50]:
        message = message_from_string(sent.raw, policy=email.policy.default)
        unsubscribe = str(message["List-Unsubscribe"])
        assert unsubscribe.startswith("<https://soket.test/unsubscribe/")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Message-ID"].endswith("@soket.ee>")
        assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
        assert "Which password is strongest?" in sent.text
    logged = await messages_of_tenant(database, tenant_id)
    assert states(logged) == {"sent": RECIPIENTS}
    assert all(row.content is None and row.provider_message_id for row in logged)
    async with database.sessions() as session:
        published = await session.scalar(
            select(outbox_message.c.id)
            .where(
                outbox_message.c.event_type == MESSAGE_SENT,
                outbox_message.c.tenant_id == tenant_id,
            )
            .limit(1)
        )
    assert published is not None


async def _queue_drained(settings: Settings) -> bool:
    import aio_pika

    connection = await aio_pika.connect(settings.rabbitmq_url)
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue("delivery.dispatches", passive=True)
        return queue.declaration_result.message_count == 0
    finally:
        await connection.close()
