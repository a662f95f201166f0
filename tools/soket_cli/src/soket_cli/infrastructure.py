"""Finding PostgreSQL and RabbitMQ, and starting the local ones when they are stopped."""

import asyncio
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import aio_pika
import asyncpg

from chassis.settings import SharedSettings


class InfrastructureMissingError(RuntimeError):
    """PostgreSQL or RabbitMQ cannot be reached, with what to do about it."""


@dataclass(frozen=True)
class Infrastructure:
    postgres_url: str
    rabbitmq_url: str


def _is_local(url: str) -> bool:
    return (urlsplit(url).hostname or "localhost") in {"localhost", "127.0.0.1", "::1"}


def _port_open(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    address = (parts.hostname or "127.0.0.1", parts.port or default_port)
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


def _wait_for_port(url: str, default_port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _port_open(url, default_port):
            return True
        time.sleep(0.5)
    return False


def _start_local_postgres() -> bool:
    clusters = sorted(Path("/etc/postgresql").glob("*/main"))
    if not clusters or not shutil.which("pg_ctlcluster"):
        return False
    version = clusters[-1].parent.name
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"]
    return subprocess.run(command, check=False, capture_output=True).returncode == 0


def _start_local_rabbitmq() -> bool:
    if not shutil.which("rabbitmq-server"):
        return False
    return subprocess.run(["rabbitmq-server", "-detached"], check=False).returncode == 0


async def _postgres_answers(url: str) -> None:
    connection = await asyncpg.connect(url, timeout=5)
    await connection.close()


async def _rabbitmq_answers(url: str) -> None:
    connection = await aio_pika.connect(url, timeout=5)
    await connection.close()


def _ensure(
    *, what: str, url: str, port: int, start: Callable[[], bool], wait: float, hint: str
) -> None:
    if _port_open(url, port):
        return
    if not _is_local(url):
        raise InfrastructureMissingError(f"{what} does not answer at {_safe(url)}. {hint}")
    print(f"  {what} is not running on this machine: starting it…", flush=True)
    if not start() or not _wait_for_port(url, port, wait):
        raise InfrastructureMissingError(
            f"{what} is not running at {_safe(url)} and could not be started. {hint}"
        )


def _safe(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or ''}{parts.path}"


def ensure_infrastructure() -> Infrastructure:
    """Both servers answering, started here if they are local and stopped."""
    shared = SharedSettings()
    _ensure(
        what="PostgreSQL",
        url=shared.postgres_url,
        port=5432,
        start=_start_local_postgres,
        wait=30,
        hint="Start it (pg_ctlcluster <version> main start) or set POSTGRES_URL.",
    )
    _ensure(
        what="RabbitMQ",
        url=shared.rabbitmq_url,
        port=5672,
        start=_start_local_rabbitmq,
        wait=90,
        hint="Start it (rabbitmq-server -detached) or set RABBITMQ_URL.",
    )
    try:
        asyncio.run(_postgres_answers(shared.postgres_url))
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        message = (
            f"PostgreSQL at {_safe(shared.postgres_url)} refuses the connection "
            f"({type(error).__name__}): check the user and password in POSTGRES_URL."
        )
        raise InfrastructureMissingError(message) from error
    _wait_for_rabbitmq(shared.rabbitmq_url, seconds=60)
    return Infrastructure(postgres_url=shared.postgres_url, rabbitmq_url=shared.rabbitmq_url)


def _wait_for_rabbitmq(url: str, *, seconds: float) -> None:
    """RabbitMQ opens its port before it accepts AMQP sessions: wait for a real one."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            asyncio.run(_rabbitmq_answers(url))
            return
        except (TimeoutError, OSError, aio_pika.exceptions.AMQPError) as error:
            if time.monotonic() > deadline:
                message = f"RabbitMQ at {_safe(url)} refuses sessions: {type(error).__name__}"
                raise InfrastructureMissingError(message) from error
            time.sleep(1)


def create_vhost(name: str, *, user: str) -> bool:
    """An isolated RabbitMQ vhost for ``user`` (``rabbitmqctl``; the management API is off)."""
    if not shutil.which("rabbitmqctl"):
        return False
    for command in (
        ["rabbitmqctl", "add_vhost", name],
        ["rabbitmqctl", "set_permissions", "-p", name, user, ".*", ".*", ".*"],
    ):
        subprocess.run(command, check=True, capture_output=True)
    return True


def delete_vhost(name: str) -> None:
    if shutil.which("rabbitmqctl"):
        subprocess.run(["rabbitmqctl", "delete_vhost", name], check=False, capture_output=True)
