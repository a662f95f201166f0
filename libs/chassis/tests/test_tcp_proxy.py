"""The TCP proxy forwards both ways, and a cut drops connections the way a network failure does."""

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Callable
from urllib.parse import urlsplit, urlunsplit

import aio_pika
import pytest
from aio_pika.abc import AbstractRobustConnection

from chassis.testing.tcp_proxy import TcpProxy

RABBITMQ_URL = os.environ.get("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/")


class EchoServer:
    """Sends back whatever it receives; counts the connections it holds open."""

    def __init__(self) -> None:
        self.open_connections = 0
        self.server: asyncio.Server | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        port: int = self.server.sockets[0].getsockname()[1]
        return port

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.open_connections += 1
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            self.open_connections -= 1
            writer.close()


@pytest.fixture
async def echo() -> AsyncIterator[EchoServer]:
    echo = EchoServer()
    echo.server = await asyncio.start_server(echo.handle, "127.0.0.1", 0)
    async with echo.server:
        yield echo


@pytest.fixture
async def proxy(echo: EchoServer) -> AsyncIterator[TcpProxy]:
    async with TcpProxy("127.0.0.1", echo.port) as proxy:
        yield proxy


async def connect(proxy: TcpProxy) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", proxy.port)


async def echoed(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, payload: bytes
) -> bytes:
    writer.write(payload)
    await writer.drain()
    return await asyncio.wait_for(reader.readexactly(len(payload)), timeout=5)


async def is_dropped(reader: asyncio.StreamReader) -> bool:
    try:
        return await asyncio.wait_for(reader.read(1), timeout=1) == b""
    except ConnectionResetError:
        return True


async def wait_until(check: Callable[[], bool]) -> None:
    for _ in range(200):
        if check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the condition did not hold within 2 s")


async def test_bytes_travel_both_ways(proxy: TcpProxy, echo: EchoServer) -> None:
    reader, writer = await connect(proxy)
    payload = secrets.token_bytes(1024 * 1024)
    assert await echoed(reader, writer, b"hello") == b"hello"
    assert await echoed(reader, writer, payload) == payload
    assert proxy.open_connections == 1
    writer.close()
    await wait_until(lambda: proxy.open_connections == 0 and echo.open_connections == 0)


async def test_a_cut_drops_connections_and_refuses_new_ones_until_it_ends(
    proxy: TcpProxy, echo: EchoServer
) -> None:
    established, established_writer = await connect(proxy)
    assert await echoed(established, established_writer, b"before") == b"before"

    cut = asyncio.create_task(proxy.cut(0.5))
    assert await is_dropped(established)
    await wait_until(lambda: echo.open_connections == 0)
    assert proxy.open_connections == 0

    during, during_writer = await connect(proxy)
    assert await is_dropped(during)
    assert not cut.done()

    await cut
    after, after_writer = await connect(proxy)
    assert await echoed(after, after_writer, b"after") == b"after"
    assert proxy.cuts == 1
    for writer in (established_writer, during_writer, after_writer):
        writer.close()


async def test_stopping_drops_connections_and_leaves_no_tasks(echo: EchoServer) -> None:
    tasks_before = asyncio.all_tasks()
    proxy = TcpProxy("127.0.0.1", echo.port)
    await proxy.start()
    port = proxy.port
    reader, writer = await connect(proxy)
    assert await echoed(reader, writer, b"ping") == b"ping"

    await proxy.stop()

    assert await is_dropped(reader)
    assert asyncio.all_tasks() == tasks_before
    with pytest.raises(ConnectionRefusedError):
        await asyncio.open_connection("127.0.0.1", port)
    writer.close()


def through(proxy: TcpProxy, url: str) -> str:
    """The same broker URL on the default vhost, reached through the proxy."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@127.0.0.1:{proxy.port}" if credentials else f"127.0.0.1:{proxy.port}"
    return urlunsplit(parts._replace(netloc=netloc, path="/"))


@pytest.fixture
async def broker_proxy() -> AsyncIterator[TcpProxy]:
    parts = urlsplit(RABBITMQ_URL)
    async with TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5672) as proxy:
        yield proxy


@pytest.fixture
async def queue_name(broker_proxy: TcpProxy) -> AsyncIterator[str]:
    name = f"soket.test.tcp-proxy.{secrets.token_hex(4)}"
    yield name
    direct_url = urlunsplit(urlsplit(RABBITMQ_URL)._replace(path="/"))
    async with await aio_pika.connect(direct_url) as connection:
        channel = await connection.channel()
        await channel.queue_delete(name)


async def test_a_robust_connection_comes_back_after_a_cut(
    broker_proxy: TcpProxy, queue_name: str
) -> None:
    reconnected = asyncio.Event()
    connection: AbstractRobustConnection = await aio_pika.connect_robust(
        through(broker_proxy, RABBITMQ_URL), reconnect_interval=0.3
    )
    connection.reconnect_callbacks.add(lambda _connection: reconnected.set())
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(queue_name)
        await channel.default_exchange.publish(aio_pika.Message(b"before"), queue_name)

        await broker_proxy.cut(2)
        assert not reconnected.is_set()
        await asyncio.wait_for(reconnected.wait(), timeout=5)

        await channel.default_exchange.publish(aio_pika.Message(b"after"), queue_name)
        bodies = [(await queue.get(no_ack=True, timeout=5)).body for _ in range(2)]
    assert bodies == [b"before", b"after"]
    assert broker_proxy.cuts == 1
