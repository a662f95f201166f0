"""A TCP proxy whose connections a test can cut, the way a network failure would."""

import asyncio
import contextlib
import socket
import struct
from types import TracebackType
from typing import Self

_CHUNK = 64 * 1024
_RESET_ON_CLOSE = struct.pack("ii", 1, 0)


def _abort(writer: asyncio.StreamWriter) -> None:
    """Drops the connection at once; the peer sees a reset, not an orderly close."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET_ON_CLOSE)
    writer.transport.abort()


class _Link:
    """One client connection and, once it is open, its connection to the target."""

    def __init__(self, client: asyncio.StreamWriter) -> None:
        self.client = client
        self.upstream: asyncio.StreamWriter | None = None
        self.aborted = False

    def abort(self) -> None:
        self.aborted = True
        _abort(self.client)
        if self.upstream is not None:
            _abort(self.upstream)

    async def pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Copies one direction, passing on end-of-stream; any failure drops the whole link."""
        try:
            while data := await reader.read(_CHUNK):
                writer.write(data)
                await writer.drain()
            if writer.can_write_eof() and not writer.is_closing():
                writer.write_eof()
        except OSError:
            self.abort()


class TcpProxy:
    """Forwards TCP connections to a target until ``cut`` drops them all."""

    def __init__(
        self,
        target_host: str,
        target_port: int,
        listen_host: str = "127.0.0.1",
        listen_port: int = 0,
    ) -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.listen_host = listen_host
        self.listen_port = listen_port
        self.cuts = 0
        self._server: asyncio.Server | None = None
        self._links: set[_Link] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._cuts_under_way = 0
        self._accepting = False

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the proxy is not started")
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    @property
    def open_connections(self) -> int:
        """Client connections that currently reach the target."""
        return sum(1 for link in self._links if link.upstream is not None and not link.aborted)

    async def start(self) -> None:
        if self._server is not None:
            raise RuntimeError("the proxy is already started")
        self._accepting = True
        try:
            self._server = await asyncio.start_server(
                self._accept, self.listen_host, self.listen_port
            )
        except OSError:
            self._accepting = False
            raise

    async def stop(self) -> None:
        """Stops listening, drops every connection and waits for its tasks to end."""
        server, self._server = self._server, None
        if server is None:
            return
        self._accepting = False
        server.close()
        self._drop_all()
        while self._tasks:
            tasks = set(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.wait(tasks)
        await server.wait_closed()

    async def cut(self, seconds: float) -> None:
        """Drops every connection and refuses new ones for ``seconds``, then accepts again."""
        self.cuts += 1
        self._cuts_under_way += 1
        try:
            self._drop_all()
            await asyncio.sleep(seconds)
        finally:
            self._cuts_under_way -= 1

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    def _drop_all(self) -> None:
        for link in list(self._links):
            link.abort()

    def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self._accepting or self._cuts_under_way:
            _abort(writer)
            return
        task = asyncio.create_task(self._forward(_Link(writer), reader))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _forward(self, link: _Link, client_reader: asyncio.StreamReader) -> None:
        self._links.add(link)
        try:
            try:
                upstream_reader, link.upstream = await asyncio.open_connection(
                    self.target_host, self.target_port
                )
            except OSError:
                link.abort()
                return
            if link.aborted:
                link.abort()
                return
            await asyncio.gather(
                link.pipe(client_reader, link.upstream),
                link.pipe(upstream_reader, link.client),
            )
        finally:
            self._links.discard(link)
            link.client.close()
            if link.upstream is not None:
                link.upstream.close()
