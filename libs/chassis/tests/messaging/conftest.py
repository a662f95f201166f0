"""The sink service's relay and worker as real OS processes, on a scratch database."""

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import aio_pika
import pytest

from chassis.database import Database
from chassis.messaging.topology import full_topology
from chassis.migrations import create_database_if_missing, drop_database
from chassis.settings import MessagingOptions, async_database_url
from chassis.testing.processes import Sink
from chassis.testing.sink import SinkSettings, create_sink_schema, sink_subscription
from soket_cli.pytest_infrastructure import TestInfrastructure

FAST_RETRIES = MessagingOptions(retry_delays=(0.2, 0.4, 0.8))


async def delete_sink_topology(rabbitmq_url: str, options: MessagingOptions) -> None:
    topology = full_topology(["assessments"], [sink_subscription(SinkSettings())], options)
    connection = await aio_pika.connect(rabbitmq_url)
    try:
        channel = await connection.channel()
        for queue in topology.queues:
            await channel.queue_delete(queue.name)
        for exchange in topology.exchanges:
            await channel.exchange_delete(exchange.name)
    finally:
        await connection.close()


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
