"""The network to the broker fails three times while events stream through the relay and the
worker: both notice, reconnect by themselves, and every event still takes effect exactly once."""

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit, urlunsplit

import aio_pika
import httpx

from chassis.database import Database
from chassis.testing.processes import Sink, SinkProcess
from chassis.testing.sink import publish_answers
from chassis.testing.tcp_proxy import TcpProxy
from chassis.testing.waiting import eventually

EVENTS = 3_000
CUTS = 3
CUT_SECONDS = 3.0
SHARE = EVENTS // (CUTS + 1)
"""Committed before the first cut, and once more as each cut starts: every cut is mid-stream."""
PER_TRANSACTION = 20
FLOWING = 100
PAUSE_SECONDS = 0.05
"""Between transactions, so a share takes a few seconds to commit."""
QUEUE = "sink.effects"
UNPUBLISHED = "SELECT count(*) FROM outbox_message WHERE published_at IS NULL"


class Producer:
    """Commits events in small transactions, up to what it is allowed so far."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.committed = 0
        self.allowed = SHARE
        self.budget = asyncio.Condition()

    async def allow(self, more: int) -> None:
        async with self.budget:
            self.allowed = min(self.allowed + more, EVENTS)
            self.budget.notify_all()

    async def run(self) -> None:
        while self.committed < EVENTS:
            async with self.budget:
                await self.budget.wait_for(lambda: self.committed < self.allowed)
            batch = range(self.committed, self.committed + PER_TRANSACTION)
            async with self.database.sessions() as session, session.begin():
                await publish_answers(session, batch)
            self.committed = batch.stop
            await asyncio.sleep(PAUSE_SECONDS)


async def test_every_event_takes_effect_once_across_three_broker_cuts(
    sink: Sink, sink_database: Database, start_process: Callable[..., Awaitable[SinkProcess]]
) -> None:
    broker = urlsplit(sink.rabbitmq_url)
    assert broker.hostname is not None
    async with TcpProxy(broker.hostname, broker.port or 5672) as proxy:
        credentials = broker.netloc.rpartition("@")[0]
        proxied = urlunsplit(broker._replace(netloc=f"{credentials}@127.0.0.1:{proxy.port}"))
        relay, worker = await asyncio.gather(
            start_process("relay", rabbitmq_url=proxied),
            start_process("worker", rabbitmq_url=proxied),
        )
        consumers = await consumer_count(sink, QUEUE)
        assert consumers > 0
        producer = Producer(sink_database)
        producing = asyncio.create_task(producer.run())
        async with httpx.AsyncClient(timeout=5) as probes:
            for _ in range(CUTS):
                # Before each cut, the stream flows through both processes again.
                await eventually(
                    lambda: ready(probes, relay, worker),
                    lambda up: up == [True, True],
                    what="relay and worker ready",
                )
                await eventually(
                    lambda: consumer_count(sink, QUEUE),
                    lambda count: count == consumers,
                    what=f"consumers of {QUEUE} (as many as before the cut)",
                )
                await flowing(sink, producer)
                cut = asyncio.create_task(proxy.cut(CUT_SECONDS))
                await producer.allow(SHARE if proxy.cuts < CUTS else EVENTS)
                # Both notice: their readiness probes fail while the broker is away.
                await eventually(
                    lambda: ready(probes, relay, worker),
                    lambda up: up == [False, False],
                    what="relay and worker unready during the cut",
                )
                await cut
            await producing
            await sink.wait_for_effects(EVENTS, within=90)
            await eventually(lambda: ready(probes, relay, worker), lambda up: up == [True, True])

        await eventually(lambda: sink.fetchval(UNPUBLISHED), lambda pending: pending == 0)
        await eventually(lambda: sink.queue_depth(QUEUE), lambda depth: depth == 0)
        assert await sink.effects() == (EVENTS, EVENTS)
        assert await sink.queue_depth(f"{QUEUE}.dlq") == 0
        assert await sink.queue_depth("assessments.unrouted") == 0

        # They recovered by themselves: the same processes, reconnected through the proxy,
        # having logged each lost connection.
        assert proxy.cuts == CUTS
        assert relay.popen.poll() is None
        assert worker.popen.poll() is None
        assert await consumer_count(sink, QUEUE) == consumers
        for process in (relay, worker):
            assert count_lost_connections(process) >= CUTS, process.log_path.read_text()[-3000:]
        relay_failures = await asyncio.to_thread(relay.metric, "soket_relay_failed_total")
        duplicates = await asyncio.to_thread(
            worker.metric, "soket_consumer_messages_total", outcome="duplicate"
        )
        print(f"relay publications failed {relay_failures}; duplicates skipped {duplicates}")


async def flowing(sink: Sink, producer: Producer) -> None:
    """Waits until a hundred more events than now have taken effect, allowing the producer
    a hundred more in case everything it was allowed has already been drained."""
    target = (await sink.effects())[1] + FLOWING
    await producer.allow(FLOWING)
    await eventually(sink.effects, lambda effects: effects[1] >= target, what="events flowing")


async def ready(probes: httpx.AsyncClient, *processes: SinkProcess) -> list[bool]:
    answers = await asyncio.gather(*(probes.get(process.url("/readyz")) for process in processes))
    return [answer.status_code == 200 for answer in answers]


async def consumer_count(sink: Sink, queue: str) -> int:
    """Consumers the broker has on ``queue``, asked directly, not through the proxy."""
    connection = await aio_pika.connect(sink.rabbitmq_url)
    try:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        return int(declared.declaration_result.consumer_count or 0)
    finally:
        await connection.close()


def count_lost_connections(process: SinkProcess) -> int:
    """aio-pika's warnings of a connection that broke under it ("reader exited abnormally")."""
    return sum(
        1
        for line in process.log()
        if line.get("logger") == "aiormq.connection" and line.get("level") == "warning"
    )
