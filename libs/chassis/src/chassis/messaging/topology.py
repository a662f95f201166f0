"""Exchanges, queues and bindings, declared idempotently by the processes that use them.

Each producer has a topic exchange ``<service>.events`` whose alternate exchange feeds
``<service>.unrouted``. Each subscription has a quorum queue, TTL retry tiers that dead-letter
back to it through the default exchange, and a ``.dlq``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange

from chassis.messaging.subscription import Subscription
from chassis.settings import MessagingOptions


def events_exchange(service: str) -> str:
    return f"{service}.events"


def unrouted_name(service: str) -> str:
    """The alternate exchange of ``<service>.events`` and the queue behind it share this name."""
    return f"{service}.unrouted"


def dead_letter_queue(queue: str) -> str:
    return f"{queue}.dlq"


def delay_label(seconds: float) -> str:
    """``1s``, ``10s``, ``1m``, ``10m``, ``250ms``: part of a retry tier's queue name."""
    milliseconds = round(seconds * 1000)
    if milliseconds % 60_000 == 0:
        return f"{milliseconds // 60_000}m"
    if milliseconds % 1000 == 0:
        return f"{milliseconds // 1000}s"
    return f"{milliseconds}ms"


def retry_queue(queue: str, delay_seconds: float) -> str:
    return f"{queue}.retry.{delay_label(delay_seconds)}"


@dataclass(frozen=True)
class ExchangeSpec:
    name: str
    type: str
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class QueueSpec:
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class BindingSpec:
    exchange: str
    queue: str
    routing_key: str


@dataclass(frozen=True)
class Topology:
    exchanges: tuple[ExchangeSpec, ...] = ()
    queues: tuple[QueueSpec, ...] = ()
    bindings: tuple[BindingSpec, ...] = ()

    def __add__(self, other: "Topology") -> "Topology":
        return Topology(
            exchanges=_unique(self.exchanges + other.exchanges),
            queues=_unique(self.queues + other.queues),
            bindings=_unique(self.bindings + other.bindings),
        )

    def as_data(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "exchanges": [vars(spec) | {"durable": True} for spec in self.exchanges],
            "queues": [vars(spec) | {"durable": True} for spec in self.queues],
            "bindings": [vars(spec) for spec in self.bindings],
        }


_T = TypeVar("_T")


def _unique(items: Sequence[_T]) -> tuple[_T, ...]:
    seen: list[_T] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return tuple(seen)


def _quorum(**arguments: Any) -> dict[str, Any]:
    return {"x-queue-type": "quorum", **arguments}


def _dead_lettering_to(queue: str) -> dict[str, Any]:
    return {
        "x-dead-letter-exchange": "",
        "x-dead-letter-routing-key": queue,
        "x-dead-letter-strategy": "at-least-once",
        "x-overflow": "reject-publish",
    }


def producer_topology(service: str, options: MessagingOptions) -> Topology:
    unrouted = unrouted_name(service)
    return Topology(
        exchanges=(
            ExchangeSpec(unrouted, "fanout"),
            ExchangeSpec(events_exchange(service), "topic", {"alternate-exchange": unrouted}),
        ),
        queues=(
            QueueSpec(unrouted, _quorum(**{"x-message-ttl": _ms(options.dead_letter_ttl_seconds)})),
        ),
        bindings=(BindingSpec(unrouted, unrouted, ""),),
    )


def subscription_topology(subscription: Subscription, options: MessagingOptions) -> Topology:
    queue = subscription.queue
    producers = sorted({producer for producer, _ in subscription.bindings()})
    topology = Topology()
    for producer in producers:  # its exchanges, to bind to; its relay declares the rest
        topology += Topology(exchanges=producer_topology(producer, options).exchanges)
    tiers = tuple(
        QueueSpec(
            retry_queue(queue, delay),
            _quorum(**{"x-message-ttl": _ms(delay)}, **_dead_lettering_to(queue)),
        )
        for delay in options.retry_delays
    )
    return topology + Topology(
        queues=(
            QueueSpec(
                queue,
                _quorum(
                    **_dead_lettering_to(dead_letter_queue(queue)),
                    **{"x-delivery-limit": options.delivery_limit},
                ),
            ),
            *tiers,
            QueueSpec(
                dead_letter_queue(queue),
                _quorum(**{"x-message-ttl": _ms(options.dead_letter_ttl_seconds)}),
            ),
        ),
        bindings=tuple(
            BindingSpec(events_exchange(producer), queue, event_type)
            for producer, event_type in subscription.bindings()
        ),
    )


def full_topology(
    producers: Iterable[str], subscriptions: Iterable[Subscription], options: MessagingOptions
) -> Topology:
    topology = Topology()
    for producer in producers:
        topology += producer_topology(producer, options)
    for subscription in subscriptions:
        topology += subscription_topology(subscription, options)
    return topology


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


async def declare(channel: AbstractChannel, topology: Topology) -> dict[str, AbstractExchange]:
    """Declares everything (idempotent); returns the exchanges by name."""
    exchanges: dict[str, AbstractExchange] = {}
    for spec in topology.exchanges:
        exchanges[spec.name] = await channel.declare_exchange(
            spec.name, aio_pika.ExchangeType(spec.type), durable=True, arguments=spec.arguments
        )
    for queue_spec in topology.queues:
        await channel.declare_queue(queue_spec.name, durable=True, arguments=queue_spec.arguments)
    for binding in topology.bindings:
        queue = await channel.get_queue(binding.queue, ensure=False)
        await queue.bind(binding.exchange, routing_key=binding.routing_key)
    return exchanges
