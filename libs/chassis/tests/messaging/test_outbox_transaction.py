"""An event is published if and only if the transaction that published it commits, and it
carries the correlation of the work that published it to the consumer."""

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from chassis import correlation
from chassis.database import Database
from chassis.messaging.outbox import publish
from chassis.testing.processes import Sink, SinkProcess
from chassis.testing.sink import FAILING_QUESTION, answer, publish_answers
from chassis.testing.waiting import eventually
from contracts.envelope import parse_envelope

if TYPE_CHECKING:
    from conftest import BrokerTap

ROLLED_BACK = range(0, 200)
COMMITTED_DURING = range(200, 250)
COMMITTED_AFTER = range(250, 300)
COMMITTED = [*COMMITTED_DURING, *COMMITTED_AFTER]

Start = Callable[..., Awaitable[SinkProcess]]
UNPUBLISHED = "SELECT count(*) FROM outbox_message WHERE published_at IS NULL"


async def test_a_rolled_back_transaction_publishes_nothing(
    sink: Sink, sink_database: Database, broker_tap: "BrokerTap", start_process: Start
) -> None:
    await asyncio.gather(start_process("relay"), start_process("worker"))

    async with sink_database.sessions() as doomed:
        await doomed.begin()
        await publish_answers(doomed, ROLLED_BACK)
        # While those rows sit uncommitted, the relay publishes what others commit.
        async with sink_database.sessions() as session, session.begin():
            await publish_answers(session, COMMITTED_DURING)
        await sink.wait_for_effects(len(COMMITTED_DURING), within=30)
        await doomed.rollback()

    async with sink_database.sessions() as session, session.begin():
        await publish_answers(session, COMMITTED_AFTER)
    await sink.wait_for_effects(len(COMMITTED), within=30)
    await eventually(lambda: sink.fetchval(UNPUBLISHED), lambda pending: pending == 0)

    assert await sink.effects() == (len(COMMITTED), len(COMMITTED))
    sequences = await sink.fetchval("SELECT array_agg(sequence ORDER BY sequence) FROM sink_effect")
    assert sequences == COMMITTED
    assert await sink.fetchval("SELECT count(*) FROM outbox_message") == len(COMMITTED)
    reached_broker = await broker_tap.drain()
    assert sorted(parse_envelope(m.body).data.time_to_answer_ms for m in reached_broker) == (
        COMMITTED
    )
    assert await sink.queue_depth("sink.effects") == 0
    assert await sink.queue_depth("sink.effects.dlq") == 0
    assert await sink.queue_depth("assessments.unrouted") == 0


async def test_an_event_carries_the_correlation_it_was_published_in_to_the_consumer(
    sink: Sink, sink_database: Database, broker_tap: "BrokerTap", start_process: Start
) -> None:
    _relay, worker = await asyncio.gather(start_process("relay"), start_process("worker"))
    correlation_id = f"test-{secrets.token_hex(8)}"
    trace_id = secrets.token_hex(16)
    traceparent = f"00-{trace_id}-{secrets.token_hex(8)}-01"

    async def publish_in_context() -> tuple[Any, Any]:
        # Its own task: the binding stays in this task's context, out of the other tests'.
        correlation.bind(correlation_id=correlation_id, traceparent=traceparent)
        async with sink_database.sessions() as session, session.begin():
            handled = await publish(session, answer(1))
            failing = await publish(session, answer(2, question_id=FAILING_QUESTION))
        return handled, failing

    handled, failing = await asyncio.create_task(publish_in_context())
    assert correlation.current_correlation_id() is None
    for envelope in (handled, failing):
        assert envelope.correlation_id == correlation_id
        assert envelope.traceparent == traceparent

    await sink.wait_for_effects(1, within=30)
    # The failing one goes through the retry tiers (0.2, 0.4, 0.8 s), then to the DLQ.
    await eventually(lambda: sink.queue_depth("sink.effects.dlq"), lambda depth: depth == 1)

    # As the broker carried them.
    carried = {m.message_id: parse_envelope(m.body) for m in await broker_tap.drain()}
    assert set(carried) == {str(handled.id), str(failing.id)}
    for envelope in carried.values():
        assert envelope.correlation_id == correlation_id
        assert envelope.traceparent == traceparent

    # The consumer recorded the one it handled in its inbox, with its effect.
    inbox = "SELECT count(*) FROM inbox_message WHERE consumer = $1 AND message_id = $2"
    assert await sink.fetchval(inbox, "sink.effects", UUID(str(handled.id))) == 1
    assert await sink.fetchval("SELECT message_id FROM sink_effect") == handled.id

    # The consumer's log lines about the failing one carry the correlation and the trace.
    about_failing = [
        line
        for line in worker.log()
        if line.get("event") in {"handler failed; retrying later", "message dead-lettered"}
    ]
    assert [line["event"] for line in about_failing] == [
        *["handler failed; retrying later"] * len(sink.options.retry_delays),
        "message dead-lettered",
    ]
    for line in about_failing:
        assert line["correlation_id"] == correlation_id
        assert line["traceparent"].split("-")[1] == trace_id
    assert about_failing[-1]["message_id"] == str(failing.id)
