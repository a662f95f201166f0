"""The privacy wiring in a running service: privacy asks, the worker erases, signs and replies."""

import asyncio
import base64
import secrets
from uuid import uuid4

import aio_pika

from chassis.database import Database
from chassis.privacy.receipts import verify_receipt
from chassis.testing.processes import Sink
from chassis.testing.sink import FAILING_QUESTION, SUBJECT_REF, TENANT_ID, publish_answers
from contracts.envelope import Envelope, parse_envelope
from contracts.events.privacy import SubjectErasureRequested
from contracts.events.privacy_replies import KeysPublished, SubjectErased
from contracts.vocabulary import Service

TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
SOMEONE_ELSE = "B" * 52


async def unrouted_replies(rabbitmq_url: str, *, wanted: int) -> list[Envelope[object]]:
    """Replies nobody consumes yet wait in ``assessments.unrouted``: read them from there."""
    envelopes: list[Envelope[object]] = []
    connection = await aio_pika.connect(rabbitmq_url)
    try:
        channel = await connection.channel()
        queue = await channel.get_queue("assessments.unrouted")
        async with asyncio.timeout(60):
            while len(envelopes) < wanted:
                message = await queue.get(fail=False)
                if message is None:
                    await asyncio.sleep(0.1)
                    continue
                await message.ack()
                envelopes.append(parse_envelope(message.body))
    finally:
        await connection.close()
    return envelopes


async def test_an_erasure_removes_the_person_everywhere_and_its_receipt_verifies(
    sink: Sink, sink_database: Database
) -> None:
    signing_key = base64.b64encode(secrets.token_bytes(32)).decode()
    sink.start("relay")
    sink.start("worker", SINK_RECEIPT_SIGNING_KEY=signing_key)
    async with sink_database.sessions() as session, session.begin():
        await publish_answers(session, range(3))
        for someone in (SUBJECT_REF, SOMEONE_ELSE):  # dead letters, about each of them
            await publish_answers(
                session, range(9, 10), question_id=FAILING_QUESTION, subject_ref=someone
            )
    await sink.wait_for_effects(3)
    for _ in range(300):  # the failing answers walk the retry tiers into the DLQ
        if await sink.queue_depth("sink.effects.dlq") == 2:
            break
        await asyncio.sleep(0.1)

    request = Envelope.wrap(
        SubjectErasureRequested(request_id=uuid4(), tenant_id=TENANT_ID, subject_ref=SUBJECT_REF),
        source=Service.PRIVACY,
        correlation_id="privacy-request-7",
        traceparent=f"00-{TRACE_ID}-00f067aa0ba902b7-01",
    )
    connection = await aio_pika.connect(sink.rabbitmq_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange("privacy.events")
        await exchange.publish(
            aio_pika.Message(request.to_json(), message_id=str(request.id), type=request.type),
            routing_key=request.type,
        )

    replies = {
        envelope.type: envelope for envelope in await unrouted_replies(sink.rabbitmq_url, wanted=2)
    }
    keys = replies["assessments.keys.published.v1"].data
    erased = replies["assessments.subject.erased.v1"]
    assert isinstance(keys, KeysPublished)
    assert isinstance(erased.data, SubjectErased)
    receipt = erased.data.receipt
    assert erased.causation_id == request.id
    assert erased.correlation_id == "privacy-request-7"
    assert erased.traceparent is not None
    assert erased.traceparent.split("-")[1] == TRACE_ID
    assert receipt.request_id == request.data.request_id
    assert receipt.rows_deleted["sink_effect"] == 3
    assert receipt.rows_deleted["dead_letters"] == 1
    assert await sink.queue_depth("sink.effects.dlq") == 1  # someone else's stays
    assert receipt.key_id == keys.key_id
    assert verify_receipt(receipt, keys.public_key)
    tampered = receipt.model_copy(
        update={"rows_deleted": {**receipt.rows_deleted, "sink_effect": 2}}
    )
    assert not verify_receipt(tampered, keys.public_key)
    assert await sink.effects() == (0, 0)
    assert await sink.fetchval("SELECT count(*) FROM erased_subject") == 1
