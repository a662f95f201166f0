"""Events committed with their rows reach a consumer in another process, each effect once."""

import asyncio

from chassis.database import Database
from chassis.testing.processes import Sink
from chassis.testing.sink import CRASHING_QUESTION, ORDINARY_QUESTION, publish_answers

EVENTS = 5_000
BATCH = 100
CRASH_AT = EVENTS // 2


async def test_5000_events_take_effect_exactly_once_even_when_the_worker_dies_before_acking(
    sink: Sink, sink_database: Database
) -> None:
    sink.start("relay")
    first_worker = sink.start("worker")
    for start in range(0, EVENTS, BATCH):
        async with sink_database.sessions() as session, session.begin():
            for sequence in range(start, start + BATCH):
                crashing = sequence == CRASH_AT
                question = CRASHING_QUESTION if crashing else ORDINARY_QUESTION
                await publish_answers(session, range(sequence, sequence + 1), question_id=question)

    # The crashing event commits its effect, then kills the worker before it acks.
    assert await asyncio.to_thread(first_worker.popen.wait, 120) == -9
    second_worker = sink.start("worker")
    await sink.wait_for_effects(EVENTS)
    await asyncio.sleep(0.5)  # time for anything still in flight to show as a duplicate

    assert await sink.effects() == (EVENTS, EVENTS)
    assert second_worker.metric("soket_consumer_messages_total", outcome="duplicate") >= 1
    assert await sink.queue_depth("sink.effects.dlq") == 0
