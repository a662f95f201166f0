"""The sink service's processes and scratch database, driven from tests and benchmarks."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aio_pika
import asyncpg
import httpx

from chassis.database import plain_dsn
from chassis.settings import MessagingOptions


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class SinkProcess:
    kind: str
    popen: subprocess.Popen[bytes]
    probe_port: int
    log_path: Path

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise AssertionError(f"{self.kind} exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(self.url("/readyz"), timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"{self.kind} not ready:\n{self.log_path.read_text()[-3000:]}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.probe_port}{path}"

    def metric(self, name: str, **labels: str) -> float:
        """The sum of a metric's samples whose labels include ``labels``."""
        total = 0.0
        for line in httpx.get(self.url("/metrics"), timeout=5).text.splitlines():
            if not line.startswith(name + "{"):
                continue
            label_text, value = line[len(name) + 1 :].rsplit("} ", 1)
            if all(f'{key}="{wanted}"' in label_text for key, wanted in labels.items()):
                total += float(value)
        return total

    def stop(self, timeout: float = 30.0) -> int:
        if self.popen.poll() is None:
            self.popen.terminate()
        return self.popen.wait(timeout=timeout)

    def log(self) -> list[dict[str, Any]]:
        lines = self.log_path.read_text().splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]


_PENDING = "SELECT count(*) FROM outbox_message WHERE published_at IS NULL"


@dataclass
class Sink:
    """A scratch database and broker topology for the sink service, and its processes."""

    database_url: str
    rabbitmq_url: str
    folder: Path
    options: MessagingOptions
    processes: list[SinkProcess] = field(default_factory=list)

    def start(
        self, kind: str, *, rabbitmq_url: str | None = None, **environment: str
    ) -> SinkProcess:
        port = free_port()
        log_path = self.folder / f"{kind}-{len(self.processes)}.log"
        env = {
            **os.environ,
            "SINK_DATABASE_URL": self.database_url,
            "SINK_RABBITMQ_URL": rabbitmq_url or self.rabbitmq_url,
            "SINK_PROBE_PORT": str(port),
            "SINK_MESSAGING": self.options.model_dump_json(),
            **environment,
        }
        with log_path.open("wb") as log:
            popen = subprocess.Popen(
                [sys.executable, "-m", "chassis.testing.sink", kind],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        process = SinkProcess(kind, popen, port, log_path)
        self.processes.append(process)
        process.wait_ready()
        return process

    async def fetchval(self, query: str, *args: object) -> Any:
        connection = await asyncpg.connect(plain_dsn(self.database_url))
        try:
            return await connection.fetchval(query, *args)
        finally:
            await connection.close()

    async def effects(self) -> tuple[int, int]:
        """(effect rows, distinct messages among them)."""
        total = await self.fetchval("SELECT count(*) FROM sink_effect")
        distinct = await self.fetchval("SELECT count(DISTINCT message_id) FROM sink_effect")
        return int(total), int(distinct)

    async def wait_for_effects(self, count: int, *, within: float = 120.0) -> None:
        deadline = time.monotonic() + within
        while (await self.effects())[1] < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{await self.effects()} of {count} effects; "
                    f"{await self.fetchval(_PENDING)} unpublished; "
                    f"exits {[process.popen.poll() for process in self.processes]}"
                )
            await asyncio.sleep(0.2)

    async def queue_depth(self, queue: str) -> int:
        connection = await aio_pika.connect(self.rabbitmq_url)
        try:
            channel = await connection.channel()
            declared = await channel.declare_queue(queue, passive=True)
            depth: int = declared.declaration_result.message_count or 0
            return depth
        finally:
            await connection.close()
