"""The sink service's relay and worker as real OS processes, on a scratch database."""

import asyncio
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aio_pika
import aio_pika.abc
import pytest

from chassis.database import Database
from chassis.messaging.topology import declare, events_exchange, producer_topology
from chassis.migrations import create_database_if_missing, drop_database
from chassis.settings import MessagingOptions, async_database_url
from chassis.testing.processes import Sink, SinkProcess
from chassis.testing.sink import create_sink_schema, delete_sink_topology
from soket_cli.pytest_infrastructure import TestInfrastructure

FAST_RETRIES = MessagingOptions(retry_delays=(0.2, 0.4, 0.8))


@pytest.fixture
def sink_options() -> MessagingOptions:
    return FAST_RETRIES


@pytest.fixture
async def sink(
    infrastructure: TestInfrastructure, tmp_path: Path, sink_options: MessagingOptions
) -> AsyncIterator[Sink]:
    url = async_database_url(
        infrastructure.postgres_url, f"{infrastructure.database_prefix}sink_{secrets.token_hex(3)}"
    )
    await create_database_if_missing(url)
    await create_sink_schema(url)
    await delete_sink_topology(infrastructure.rabbitmq_url, sink_options)
    sink = Sink(url, infrastructure.rabbitmq_url, tmp_path, sink_options)
    try:
        yield sink
    finally:
        for process in sink.processes:
            if process.popen.poll() is None:
                process.popen.kill()
                process.popen.wait()
        await delete_sink_topology(infrastructure.rabbitmq_url, sink_options)
        await drop_database(url)


@pytest.fixture
async def sink_database(sink: Sink) -> AsyncIterator[Database]:
    database = Database(sink.database_url, pool_size=4)
    try:
        yield database
    finally:
        await database.dispose()


class BrokerTap:
    """A quorum queue of the test's own, bound to ``assessments.events`` with ``#``: it counts
    what reached the broker, where no inbox can hide a duplicate."""

    def __init__(self, rabbitmq_url: str, name: str) -> None:
        self.rabbitmq_url = rabbitmq_url
        self.name = name

    async def declare(self, options: MessagingOptions) -> None:
        connection = await aio_pika.connect(self.rabbitmq_url)
        try:
            channel = await connection.channel()
            await declare(channel, producer_topology("assessments", options))
            queue = await channel.declare_queue(
                self.name, durable=True, arguments={"x-queue-type": "quorum"}
            )
            await queue.bind(events_exchange("assessments"), routing_key="#")
        finally:
            await connection.close()

    async def drain(self) -> list[aio_pika.abc.AbstractIncomingMessage]:
        """Takes every message the queue holds now, acknowledging each."""
        taken: list[aio_pika.abc.AbstractIncomingMessage] = []
        connection = await aio_pika.connect(self.rabbitmq_url)
        try:
            channel = await connection.channel()
            queue = await channel.get_queue(self.name, ensure=False)
            while (message := await queue.get(no_ack=True, fail=False)) is not None:
                taken.append(message)
        finally:
            await connection.close()
        return taken

    async def delete(self) -> None:
        connection = await aio_pika.connect(self.rabbitmq_url)
        try:
            channel = await connection.channel()
            await channel.queue_delete(self.name)
        finally:
            await connection.close()


@pytest.fixture
async def broker_tap(sink: Sink) -> AsyncIterator[BrokerTap]:
    """Declared before the test starts any relay, so it sees every event the sink publishes."""
    tap = BrokerTap(sink.rabbitmq_url, f"test.tap.{secrets.token_hex(4)}")
    await tap.declare(sink.options)
    try:
        yield tap
    finally:
        await tap.delete()


@pytest.fixture
def start_process(sink: Sink) -> Callable[..., Awaitable[SinkProcess]]:
    """Starts a sink process off the event loop (the loop may be running a proxy it goes
    through). A worker counts as started once it consumes: its queues are bound by then, so
    nothing published afterwards goes to ``assessments.unrouted`` instead."""

    async def start(kind: str, **settings: str) -> SinkProcess:
        process = await asyncio.to_thread(sink.start, kind, **settings)
        deadline = time.monotonic() + 30
        while kind == "worker" and '"event": "consuming"' not in process.log_path.read_text():
            if time.monotonic() > deadline or process.popen.poll() is not None:
                raise AssertionError(f"worker not consuming:\n{process.log_path.read_text()}")
            await asyncio.sleep(0.05)
        return process

    return start
