"""The connection to RabbitMQ that worker and relay processes hold."""

import asyncio
import contextlib

import aio_pika
from aio_pika.abc import AbstractRobustConnection

from chassis.logs import get_logger

_log = get_logger("soket.broker")

RECONNECT_DELAYS = (0.5, 1.0, 2.0, 5.0)


class BrokerLink:
    """Holds one robust connection (it reconnects by itself) and says whether it is usable."""

    def __init__(self, url: str, *, name: str) -> None:
        self.url = url
        self.name = name
        self.connection: AbstractRobustConnection | None = None

    async def open(self) -> AbstractRobustConnection:
        self.connection = await aio_pika.connect_robust(
            self.url, client_properties={"connection_name": self.name}
        )
        return self.connection

    async def open_when_available(self, stop: asyncio.Event) -> AbstractRobustConnection | None:
        """Connects, waiting out a broker that is not there yet; ``None`` if stopped first."""
        attempt = 0
        while not stop.is_set():
            try:
                return await self.open()
            except (ConnectionError, OSError) as error:
                delay = RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)]
                _log.warning("broker unavailable", error_type=type(error).__name__, retry_in=delay)
                attempt += 1
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=delay)
        return None

    async def ping(self) -> None:
        if self.connection is None or self.connection.is_closed:
            raise ConnectionError("not connected to the broker")
        if not self.connection.connected.is_set():
            raise ConnectionError("reconnecting to the broker")

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()
