"""Two relays on one outbox publish every event once, counted at the broker, where no inbox can
hide a duplicate."""

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import httpx

from chassis.database import Database
from chassis.testing.processes import Sink, SinkProcess
from chassis.testing.sink import publish_answers
from chassis.testing.waiting import eventually

if TYPE_CHECKING:
    from conftest import BrokerTap

EVENTS = 3_000
PER_TRANSACTION = 5
UNPUBLISHED = "SELECT count(*) FROM outbox_message WHERE published_at IS NULL"
PUBLISHED = "soket_relay_published_total"


async def test_two_relays_publish_each_event_exactly_once(
    sink: Sink,
    sink_database: Database,
    broker_tap: "BrokerTap",
    start_process: Callable[..., Awaitable[SinkProcess]],
) -> None:
    relays = [await start_process("relay") for _ in range(2)]

    for start in range(0, EVENTS, PER_TRANSACTION):
        async with sink_database.sessions() as session, session.begin():
            await publish_answers(session, range(start, start + PER_TRANSACTION))

    await eventually(lambda: sink.fetchval(UNPUBLISHED), lambda pending: pending == 0)
    # Each relay counts what it published once its transaction has committed.
    published = await eventually(
        lambda: asyncio.gather(*(asyncio.to_thread(r.metric, PUBLISHED) for r in relays)),
        lambda counts: sum(counts) >= EVENTS,
    )
    reached = await broker_tap.drain()

    message_ids = Counter(message.message_id for message in reached)
    assert len(reached) == len(message_ids) == EVENTS, message_ids.most_common(3)
    assert sum(published) == EVENTS
    assert all(count > 0 for count in published), published
    assert await sink.fetchval("SELECT count(*) FROM outbox_message") == EVENTS
    assert await sink.queue_depth("assessments.unrouted") == 0
    assert await broker_tap.drain() == []
    async with httpx.AsyncClient() as client:
        exposed = (await client.get(relays[0].url("/metrics"))).text
    for gauge in ("soket_outbox_pending", "soket_outbox_oldest_pending_age_seconds"):
        assert f'{gauge}{{service="assessments"}}' in exposed
