"""``./soket topology`` and ``./soket dlq list|replay`` against the test run's vhost."""

import asyncio
import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aio_pika
import pytest

from chassis.messaging.topology import declare, producer_topology
from chassis.settings import MessagingOptions
from contracts.events import privacy
from contracts.vocabulary import DataService
from soket_cli.__main__ import main
from soket_cli.layout import SERVICES
from soket_cli.pytest_infrastructure import TestInfrastructure

QUEUE = "clitest.things"
DLQ = "clitest.things.dlq"
BOUND = "clitest.accounts"
EVENT_TYPE = "accounts.user.created.v1"
BODY = b'{"secret": "must-not-be-shown"}'


def soket(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The CLI in this interpreter (``./soket`` would also sync the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "soket_cli", *arguments],
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


async def in_process(capsys: pytest.CaptureFixture[str], *arguments: str) -> Run:
    """The CLI's ``main`` in a thread (it runs its own event loop): quicker than a process."""
    code = await asyncio.to_thread(main, list(arguments))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def test_topology_prints_every_producers_exchange_with_its_alternate_as_json() -> None:
    result = soket("topology")

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    exchanges = {exchange["name"]: exchange for exchange in data["exchanges"]}
    queues = {queue["name"]: queue for queue in data["queues"]}
    bindings = [(binding["exchange"], binding["queue"]) for binding in data["bindings"]]
    for service in SERVICES:
        events = exchanges[f"{service}.events"]
        assert events["type"] == "topic"
        assert events["durable"] is True
        assert events["arguments"] == {"alternate-exchange": f"{service}.unrouted"}
        assert exchanges[f"{service}.unrouted"]["type"] == "fanout"
        assert queues[f"{service}.unrouted"]["arguments"]["x-queue-type"] == "quorum"
        assert (f"{service}.unrouted", f"{service}.unrouted") in bindings


def test_topology_shows_each_data_services_privacy_queue() -> None:
    data = json.loads(soket("topology").stdout)
    queues = {queue["name"] for queue in data["queues"]}
    bound = {(binding["queue"], binding["routing_key"]) for binding in data["bindings"]}
    for service in DataService:
        assert {f"{service}.privacy", f"{service}.privacy.dlq"} <= queues
        assert (f"{service}.privacy", privacy.SUBJECT_ERASURE_REQUESTED) in bound
    assert not any(queue.startswith("privacy.privacy") for queue in queues)


@pytest.fixture
async def channel(
    infrastructure: TestInfrastructure,
) -> AsyncIterator[aio_pika.abc.AbstractChannel]:
    """A confirming channel on the test vhost; the queues and exchanges used here go after."""
    connection = await aio_pika.connect(infrastructure.rabbitmq_url)
    try:
        opened = await connection.channel(publisher_confirms=True)
        await declare(opened, producer_topology("accounts", MessagingOptions()))
        # accounts' own tests of this run publish events nobody consumes into this vhost.
        await (await opened.get_queue("accounts.unrouted")).purge()
        for name in (QUEUE, DLQ, BOUND):
            await opened.declare_queue(name, durable=True, arguments={"x-queue-type": "quorum"})
        yield opened
        cleanup = await connection.channel()
        for name in (QUEUE, DLQ, BOUND, "accounts.unrouted"):
            await cleanup.queue_delete(name)
        for name in ("accounts.events", "accounts.unrouted"):
            await cleanup.exchange_delete(name)
    finally:
        await connection.close()


async def test_dlq_list_shows_headers_never_bodies_and_replay_moves_them_back(
    channel: aio_pika.abc.AbstractChannel,
    infrastructure: TestInfrastructure,
    capsys: pytest.CaptureFixture[str],
) -> None:
    headers = {"x-soket-attempt": 3, "x-soket-error": "RuntimeError: it broke"}
    dead = aio_pika.Message(BODY, headers=headers, message_id="m-1", type=EVENT_TYPE)
    await channel.default_exchange.publish(dead, routing_key=DLQ)
    waiting = aio_pika.Message(BODY, message_id="m-2", type=EVENT_TYPE)
    await channel.default_exchange.publish(waiting, routing_key="accounts.unrouted")

    for queue in (QUEUE, DLQ):
        listed = await in_process(capsys, "dlq", "list", queue)
        assert listed.returncode == 0, listed.stderr
        assert "m-1" in listed.stdout
        assert "RuntimeError: it broke" in listed.stdout
        assert "must-not-be-shown" not in listed.stdout
    everything = await in_process(capsys, "dlq", "list")
    assert everything.returncode == 0, everything.stderr
    assert "must-not-be-shown" not in everything.stdout
    assert "m-2" in everything.stdout  # accounts.unrouted: a queue of the services' topology
    if infrastructure.vhost is not None:  # rabbitmqctl answers: it lists queues beyond those
        assert "m-1" in everything.stdout
        # Other tests of the run leave dead letters in the same vhost: count only the form.
        assert re.search(r"\d+ dead letters in \d+ queues", everything.stdout)

    replayed = await in_process(capsys, "dlq", "replay", QUEUE)
    assert replayed.returncode == 0, replayed.stderr
    assert f"Replayed 1 message from {DLQ} to {QUEUE}." in replayed.stdout
    back = await (await channel.get_queue(QUEUE)).get(fail=False)
    assert back is not None
    assert back.body == BODY
    assert back.message_id == "m-1"
    assert (back.headers or {})["x-soket-attempt"] == 0
    assert (back.headers or {})["x-soket-replayed"]
    assert "x-soket-error" not in (back.headers or {})

    await (await channel.get_queue(BOUND)).bind("accounts.events", routing_key=EVENT_TYPE)
    delivered = await in_process(capsys, "dlq", "replay", "accounts.unrouted")
    assert delivered.returncode == 0, delivered.stderr
    assert "Replayed 1 message from accounts.unrouted to accounts.events." in delivered.stdout
    arrived = await (await channel.get_queue(BOUND)).get(fail=False)
    assert arrived is not None
    assert arrived.message_id == "m-2"


async def test_dlq_of_a_queue_that_does_not_exist_says_so(
    infrastructure: TestInfrastructure, capsys: pytest.CaptureFixture[str]
) -> None:
    for arguments in (("dlq", "list", "nobody.here"), ("dlq", "replay", "nobody.here")):
        result = await in_process(capsys, *arguments)
        assert result.returncode == 1
        assert "no queue nobody.here.dlq" in result.stderr


def test_dlq_list_with_nothing_dead_says_so_from_the_command_line(
    infrastructure: TestInfrastructure,
) -> None:
    result = soket("dlq", "list")

    assert result.returncode == 0, result.stderr
    assert "0 dead letters" in result.stdout
