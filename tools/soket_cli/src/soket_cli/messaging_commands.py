"""``./soket topology`` and ``./soket dlq list|replay``: the broker as the services declare it."""

import argparse
import asyncio
import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import aio_pika

from chassis.messaging.dead_letters import (
    DeadLetterSummary,
    UnknownQueueError,
    dead_letter_queues,
    list_dead_letters,
    source_queue,
)
from chassis.messaging.replay import replay
from chassis.messaging.subscription import Subscription
from chassis.messaging.topology import (
    Topology,
    declare,
    producer_topology,
    subscription_topology,
)
from chassis.privacy.participant import PrivacyParticipant
from chassis.privacy.subscription import privacy_bindings
from chassis.settings import ServiceSettings, SharedSettings
from contracts.vocabulary import DataService
from soket_cli.layout import SERVICES

REASON_WIDTH = 60
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
_T = TypeVar("_T")


def add_parsers(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    sub.add_parser("topology", help="every exchange, queue and binding, as JSON")
    dlq = sub.add_parser("dlq", help="dead letters: list them, replay them")
    action = dlq.add_subparsers(dest="dlq_command", required=True)
    listing = action.add_parser("list", help="dead letters of one queue, or of every queue")
    listing.add_argument("queue", nargs="?", help="e.g. accounts.profiles or assessments.unrouted")
    listing.add_argument("--limit", type=int, default=50, help="messages shown per queue")
    again = action.add_parser("replay", help="move a queue's dead letters back to it")
    again.add_argument("queue", help="e.g. accounts.profiles or assessments.unrouted")
    again.add_argument("--limit", type=int, default=None, help="at most this many")


def run(arguments: argparse.Namespace) -> int:
    if arguments.command == "topology":
        return topology()
    if arguments.dlq_command == "list":
        return dlq_list(arguments.queue, limit=arguments.limit)
    return dlq_replay(arguments.queue, limit=arguments.limit)


def service_topology() -> Topology:
    """Each service's exchange, and the queues of the subscriptions its worker declares."""
    topology = Topology()
    for service in SERVICES:
        options = _settings(service).messaging
        topology += producer_topology(service, options)
        for subscription in _subscriptions(service):
            topology += subscription_topology(subscription, options)
    return topology


def declare_broker_topology() -> bool:
    """Declares every exchange, queue and binding before any process starts, so an event
    published at start-up (a receipt key) reaches a consumer that has not started yet.
    False, having said why, when the broker does not answer (workers declare theirs anyway)."""

    async def declare_all() -> bool:
        connection = await aio_pika.connect(SharedSettings().rabbitmq_url, timeout=10)
        async with connection, connection.channel() as channel:
            await declare(channel, service_topology())
        return True

    return _against_the_broker(declare_all()) is True


def topology() -> int:
    found = service_topology()
    clashes = _clashes(found)
    if clashes:
        print(f"Declared twice with different arguments: {', '.join(clashes)}", file=sys.stderr)
        return 1
    print(json.dumps(found.as_data(), indent=2))
    return 0


def dlq_list(queue: str | None, *, limit: int) -> int:
    gathered = _against_the_broker(
        _gather_dead_letters(SharedSettings().rabbitmq_url, queue, limit)
    )
    if gathered is None:
        return 1
    depths, letters = gathered
    if letters:
        _print_table(letters)
    total = _count(sum(depths.values()), "dead letter")
    print(f"{total} in {_count(len(depths), 'queue')}; {len(letters)} shown.")
    return 0


def dlq_replay(queue: str, *, limit: int | None) -> int:
    result = _against_the_broker(replay(SharedSettings().rabbitmq_url, queue, limit=limit))
    if result is None:
        return 1
    moved = _count(result.replayed, "message")
    print(f"Replayed {moved} from {result.source} to {result.target}.")
    if result.failed:
        print(f"{result.failed} were not confirmed and stay in {result.source}.", file=sys.stderr)
        return 1
    return 0


async def _gather_dead_letters(
    url: str, queue: str | None, limit: int
) -> tuple[dict[str, int], list[DeadLetterSummary]]:
    if queue is not None:
        names = [source_queue(queue)]
        depths = await dead_letter_queues(url, names)
        if not depths:
            raise UnknownQueueError(f"no queue {names[0]}")
    else:
        known = [spec.name for spec in service_topology().queues]
        depths = await dead_letter_queues(url, [*known, *_queues_on_broker(url)])
    letters: list[DeadLetterSummary] = []
    for name, depth in depths.items():
        if depth:
            letters += await list_dead_letters(url, name, limit=limit)
    return depths, letters


def _queues_on_broker(url: str) -> list[str]:
    """Every queue's name from ``rabbitmqctl`` when the broker is local and it works, else none.

    The services' topology names the queues of this checkout's subscriptions; the broker may
    also hold queues of other versions or tools, which only it can list (the management API
    is off).
    """
    parts = urlsplit(url)
    if (parts.hostname or "localhost") not in _LOCAL_HOSTS or not shutil.which("rabbitmqctl"):
        return []
    vhost = unquote(parts.path[1:]) or "/"
    command = ["rabbitmqctl", "list_queues", "-p", vhost, "--quiet", "--no-table-headers", "name"]
    try:
        listed = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if listed.returncode != 0:
        return []
    return [line.strip() for line in listed.stdout.splitlines() if line.strip()]


def _against_the_broker(work: Coroutine[Any, Any, _T]) -> _T | None:
    """What ``work`` returns, or None once it has said why it could not be done."""
    try:
        return asyncio.run(work)
    except UnknownQueueError as error:
        print(f"{error}.", file=sys.stderr)
    except (OSError, aio_pika.exceptions.AMQPError) as error:
        print(f"RabbitMQ does not answer: {type(error).__name__}", file=sys.stderr)
    return None


def _print_table(letters: list[DeadLetterSummary]) -> None:
    now = datetime.now(UTC)
    rows = [("QUEUE", "MESSAGE ID", "TYPE", "ATTEMPTS", "REASON", "AGE")]
    rows += [
        (
            letter.queue,
            letter.message_id or "-",
            letter.event_type or "-",
            str(letter.attempts),
            _shorten(letter.reason or "-"),
            _age(letter.age_seconds(now)),
        )
        for letter in letters
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _shorten(text: str) -> str:
    return text if len(text) <= REASON_WIDTH else text[: REASON_WIDTH - 1] + "…"


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return f"{max(int(seconds), 0)}s"


def _settings(service: str) -> ServiceSettings:
    settings = importlib.import_module(f"{service}.settings").Settings()
    assert isinstance(settings, ServiceSettings)
    return settings


def _subscriptions(service: str) -> list[Subscription]:
    """What ``<service>.worker.subscriptions()`` declares, and the queue of its
    ``privacy_participant()`` (imported by name: the CLI depends on no service)."""
    worker = importlib.import_module(f"{service}.worker")
    declared = worker.subscriptions()
    assert isinstance(declared, list)
    assert all(isinstance(item, Subscription) for item in declared)
    if hasattr(worker, "privacy_participant"):
        participant = worker.privacy_participant()
        assert isinstance(participant, PrivacyParticipant)
        declared.append(privacy_bindings(service=DataService(service), participant=participant))
    return declared


def _clashes(topology: Topology) -> list[str]:
    """Names declared twice with different arguments: the broker would refuse the second."""
    names = [f"exchange {spec.name}" for spec in topology.exchanges]
    names += [f"queue {spec.name}" for spec in topology.queues]
    return sorted({name for name in names if names.count(name) > 1})
