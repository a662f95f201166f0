"""Failures walk the retry tiers into the DLQ, which can be looked at and replayed."""

import asyncio
import time
from collections.abc import Callable

import aio_pika

from chassis.database import Database
from chassis.messaging.dead_letters import list_dead_letters
from chassis.messaging.replay import ReplayResult, replay
from chassis.testing.processes import Sink, SinkProcess
from chassis.testing.sink import (
    FAILING_QUESTION,
    SUBJECT_REF,
    TENANT_ID,
    publish_answers,
)
from contracts.events.assessments import ANSWER_SUBMITTED, QUESTION_PUBLISHED

QUEUE = "sink.effects"
DLQ = "sink.effects.dlq"
UNROUTED = "assessments.unrouted"
REFUSED = 4242
"""The sequence number of an answer whose effect the database refuses until told otherwise."""


async def until(check: Callable[[], bool], *, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def wait_for_depth(sink: Sink, queue: str, depth: int, *, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while (found := await sink.queue_depth(queue)) != depth:
        assert time.monotonic() < deadline, f"{queue} holds {found}, not {depth}"
        await asyncio.sleep(0.1)


def outcomes(worker: SinkProcess, outcome: str) -> float:
    return worker.metric("soket_consumer_messages_total", outcome=outcome)


async def start_worker(sink: Sink, *, with_relay: bool = False) -> SinkProcess:
    """A sink worker whose queue is bound (it logs "consuming" once it is); the relay too."""
    kinds = ["worker", "relay"] if with_relay else ["worker"]
    worker, *_ = await asyncio.gather(*(asyncio.to_thread(sink.start, kind) for kind in kinds))
    await until(lambda: any(line.get("event") == "consuming" for line in worker.log()))
    return worker


async def publish_raw(sink: Sink, body: bytes, event_type: str) -> None:
    """Straight to ``assessments.events``, as a relay would, but with any body."""
    connection = await aio_pika.connect(sink.rabbitmq_url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange("assessments.events", ensure=False)
        message = aio_pika.Message(body, message_id=f"raw-{event_type}", type=event_type)
        await exchange.publish(message, routing_key=event_type, mandatory=True)
    finally:
        await connection.close()


async def refuse_effect(sink: Sink, sequence: int) -> None:
    check = f"CHECK (sequence <> {sequence})"
    await sink.fetchval(f"ALTER TABLE sink_effect ADD CONSTRAINT refused {check}")


async def accept_effects(sink: Sink) -> None:
    await sink.fetchval("ALTER TABLE sink_effect DROP CONSTRAINT refused")


async def dead_letter_a_refused_answer(sink: Sink, database: Database) -> SinkProcess:
    await refuse_effect(sink, REFUSED)
    worker = await start_worker(sink, with_relay=True)
    async with database.sessions() as session, session.begin():
        await publish_answers(session, range(REFUSED, REFUSED + 1))
    await wait_for_depth(sink, DLQ, 1)
    return worker


async def test_a_failing_handler_walks_every_retry_tier_then_waits_in_the_dlq_with_its_reason(
    sink: Sink, sink_database: Database
) -> None:
    worker = await start_worker(sink, with_relay=True)
    async with sink_database.sessions() as session, session.begin():
        await publish_answers(session, range(1), question_id=FAILING_QUESTION)

    await wait_for_depth(sink, DLQ, 1)
    [letter] = await list_dead_letters(sink.rabbitmq_url, QUEUE)
    assert letter.queue == DLQ
    assert letter.event_type == ANSWER_SUBMITTED
    assert letter.attempts == len(sink.options.retry_delays) == 3
    assert letter.reason == "RuntimeError: this question always fails"
    assert not letter.replayed
    assert letter.size > 0
    age = letter.age_seconds()
    assert age is not None
    assert 0 <= age < 60
    await until(lambda: outcomes(worker, "dead_lettered") == 1)
    assert outcomes(worker, "retried") == 3
    assert await sink.effects() == (0, 0)
    for tier in ("200ms", "400ms", "800ms"):
        assert await sink.queue_depth(f"{QUEUE}.retry.{tier}") == 0


async def test_an_unreadable_message_goes_to_the_dlq_at_once_and_looking_leaves_it_there(
    sink: Sink,
) -> None:
    worker = await start_worker(sink)
    await publish_raw(sink, b'{"not": "an envelope"}', ANSWER_SUBMITTED)

    await wait_for_depth(sink, DLQ, 1)
    [letter] = await list_dead_letters(sink.rabbitmq_url, DLQ)
    assert letter.message_id == f"raw-{ANSWER_SUBMITTED}"
    assert letter.attempts == 0
    assert letter.reason is not None
    assert letter.reason.startswith("MalformedEnvelopeError: ")
    assert letter.age_seconds() is None  # no timestamp, no readable occurred_at
    await until(lambda: outcomes(worker, "dead_lettered") == 1)
    assert outcomes(worker, "retried") == 0

    # Each look is a delivery to a quorum queue; a DLQ has no delivery limit, so it stays.
    for _ in range(25):
        assert len(await list_dead_letters(sink.rabbitmq_url, DLQ)) == 1
    assert await sink.queue_depth(DLQ) == 1

    # Replayed, it fails again at once: replay moves only what waited, so it does not loop.
    assert await replay(sink.rabbitmq_url, QUEUE) == ReplayResult(DLQ, QUEUE, 1, 0)
    await until(lambda: outcomes(worker, "dead_lettered") == 2)
    [again] = await list_dead_letters(sink.rabbitmq_url, DLQ)
    assert again.replayed
    assert again.attempts == 0


async def test_replay_brings_a_dead_letter_back_once_the_cause_is_fixed(
    sink: Sink, sink_database: Database
) -> None:
    worker = await dead_letter_a_refused_answer(sink, sink_database)
    [letter] = await list_dead_letters(sink.rabbitmq_url, QUEUE)
    assert letter.attempts == 3
    assert letter.reason is not None
    assert letter.reason.startswith("IntegrityError: ")

    await accept_effects(sink)
    assert await replay(sink.rabbitmq_url, QUEUE) == ReplayResult(DLQ, QUEUE, 1, 0)

    await sink.wait_for_effects(1, within=30)
    await until(lambda: outcomes(worker, "handled") == 1)
    assert await sink.effects() == (1, 1)
    assert await sink.fetchval("SELECT sequence FROM sink_effect") == REFUSED
    assert await sink.queue_depth(DLQ) == 0
    assert await replay(sink.rabbitmq_url, QUEUE) == ReplayResult(DLQ, QUEUE, 0, 0)


async def test_a_replayed_dead_letter_about_a_person_erased_since_is_dropped(
    sink: Sink, sink_database: Database
) -> None:
    worker = await dead_letter_a_refused_answer(sink, sink_database)
    await accept_effects(sink)
    await sink.fetchval(
        "INSERT INTO erased_subject (tenant_id, subject_ref) VALUES ($1, $2)",
        TENANT_ID,
        SUBJECT_REF,
    )

    assert await replay(sink.rabbitmq_url, QUEUE) == ReplayResult(DLQ, QUEUE, 1, 0)

    await until(lambda: outcomes(worker, "dropped") == 1)
    assert await sink.effects() == (0, 0)
    assert await sink.queue_depth(DLQ) == 0


async def test_an_event_nobody_consumes_waits_in_unrouted_and_replay_delivers_it_once_bound(
    sink: Sink, sink_database: Database
) -> None:
    sink.start("relay")  # no worker yet: no queue is bound to the answers
    async with sink_database.sessions() as session, session.begin():
        await publish_answers(session, range(7, 8))
    await wait_for_depth(sink, UNROUTED, 1)
    await publish_raw(sink, b"{}", QUESTION_PUBLISHED)  # a type nobody will consume
    await wait_for_depth(sink, UNROUTED, 2)
    waiting = await list_dead_letters(sink.rabbitmq_url, UNROUTED)
    assert [letter.event_type for letter in waiting] == [ANSWER_SUBMITTED, QUESTION_PUBLISHED]
    assert waiting[0].reason is None
    assert waiting[0].occurred_at is not None  # the envelope's occurred_at

    worker = await start_worker(sink)
    assert await replay(sink.rabbitmq_url, UNROUTED) == ReplayResult(
        UNROUTED, "assessments.events", 2, 0
    )

    await sink.wait_for_effects(1, within=30)
    assert await sink.fetchval("SELECT sequence FROM sink_effect") == 7
    await until(lambda: outcomes(worker, "handled") == 1)
    [left] = await list_dead_letters(sink.rabbitmq_url, UNROUTED)
    assert left.event_type == QUESTION_PUBLISHED
    assert left.replayed
