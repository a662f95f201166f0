"""SIGTERM stops a worker cleanly: it finishes and acknowledges what it holds, then exits 0."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from urllib.parse import unquote, urlsplit

import pytest

from chassis.database import Database
from chassis.settings import MessagingOptions
from chassis.testing.processes import Sink, SinkProcess
from chassis.testing.sink import publish_answers
from chassis.testing.waiting import eventually

EVENTS = 600
PREFETCH = 25
"""Small, so the worker holds only part of the events and the next one has some left to do."""
HANDLER_DELAY_SECONDS = "0.1"
"""Slow enough that the worker holds a prefetch of unacknowledged messages when stopped."""
QUEUE = "sink.effects"
UNPUBLISHED = "SELECT count(*) FROM outbox_message WHERE published_at IS NULL"


@pytest.fixture
def sink_options() -> MessagingOptions:
    return MessagingOptions(retry_delays=(0.2, 0.4, 0.8), consumer_prefetch=PREFETCH)


async def test_sigterm_finishes_the_messages_held_and_loses_or_repeats_none(
    sink: Sink, sink_database: Database, start_process: Callable[..., Awaitable[SinkProcess]]
) -> None:
    _relay, slow_worker = await asyncio.gather(
        start_process("relay"),
        start_process("worker", SINK_HANDLER_DELAY_SECONDS=HANDLER_DELAY_SECONDS),
    )
    async with sink_database.sessions() as session, session.begin():
        await publish_answers(session, range(EVENTS))
    await eventually(lambda: sink.fetchval(UNPUBLISHED), lambda pending: pending == 0)
    await sink.wait_for_effects(1, within=30)
    held = await eventually(lambda: unacknowledged(sink, QUEUE), lambda held: held > 0)

    started = time.monotonic()
    slow_worker.popen.terminate()
    effects_at_stop = (await sink.effects())[1]
    exit_code = await asyncio.to_thread(slow_worker.popen.wait, 60)
    stopping_took = time.monotonic() - started
    assert exit_code == 0, slow_worker.log_path.read_text()[-3000:]
    assert stopping_took < 45

    # It committed more after SIGTERM, and acknowledged every effect it committed: each event
    # is now either done or back in the queue, never both, never neither.
    effects_after_stop = await sink.effects()
    assert effects_after_stop[0] == effects_after_stop[1] > effects_at_stop
    left = await eventually(
        lambda: sink.queue_depth(QUEUE), lambda ready: effects_after_stop[1] + ready >= EVENTS
    )
    assert effects_after_stop[1] + left == EVENTS
    assert left > 0

    log = slow_worker.log()
    events = [line["event"] for line in log]
    assert "stopped consuming" in events, events[-5:]
    assert events[-1] == "process stopped"
    assert not [line for line in log if line["level"] in {"warning", "error", "critical"}]
    finishing = [line for line in log if line["event"] == "finishing messages held"]
    assert all(line["messages"] > 0 for line in finishing)

    next_worker = await start_process("worker")
    await sink.wait_for_effects(EVENTS, within=60)
    await eventually(
        lambda: asyncio.to_thread(next_worker.metric, "soket_consumer_messages_total"),
        lambda finished: finished >= left,
    )

    assert await sink.effects() == (EVENTS, EVENTS)
    assert next_worker.metric("soket_consumer_messages_total", outcome="handled") == left
    assert next_worker.metric("soket_consumer_messages_total", outcome="duplicate") == 0
    assert await sink.queue_depth(f"{QUEUE}.dlq") == 0
    print(
        f"held {held} unacknowledged before SIGTERM; {effects_at_stop} effects at SIGTERM, "
        f"{effects_after_stop[1]} on exit {stopping_took:.1f} s later; {left} left; "
        f"{len(finishing)} 'finishing messages held' lines"
    )


async def unacknowledged(sink: Sink, queue: str) -> int:
    """What the broker says consumers hold of ``queue`` unacknowledged (its stats may lag)."""
    vhost = unquote(urlsplit(sink.rabbitmq_url).path[1:]) or "/"
    listing = await asyncio.create_subprocess_exec(
        "rabbitmqctl",
        "--quiet",
        "list_queues",
        "--vhost",
        vhost,
        "--no-table-headers",
        "name",
        "messages_unacknowledged",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await listing.communicate()
    assert listing.returncode == 0, err.decode()
    for line in out.decode().splitlines():
        name, _, count = line.rpartition("\t")
        if name == queue:
            return int(count)
    raise AssertionError(f"no queue {queue} in vhost {vhost}:\n{out.decode()}")
