"""What a service consumes: named subscriptions, each one queue with a handler per event type."""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.catalogue import model_for, producer_of
from contracts.envelope import Envelope

RESERVED_NAMES = frozenset({"events", "unrouted"})

Handler = Callable[[AsyncSession, Envelope[Any]], Awaitable[None]]
"""Applies one event's effect in the session's transaction; the consumer commits, then acks."""


class DeadLetter(Exception):  # noqa: N818 - raised to say what must happen to the message
    """Raised by a handler for a message that can never succeed: it goes to the DLQ at once."""


class Subscription:
    """One consumer of a service: its queue ``<service>.<name>``, bound to the types it handles."""

    def __init__(self, *, service: str, name: str) -> None:
        if name in RESERVED_NAMES:
            raise ValueError(f"{service}.{name} is a queue of the producer's own topology")
        self.service = service
        self.name = name
        self._handlers: dict[str, Handler] = {}

    @property
    def queue(self) -> str:
        return f"{self.service}.{self.name}"

    @property
    def handlers(self) -> Mapping[str, Handler]:
        return self._handlers

    def add(self, event_type: str, handler: Handler) -> None:
        model_for(event_type)  # an uncatalogued type fails here, at registration
        if event_type in self._handlers:
            raise ValueError(f"{self.queue} already handles {event_type}")
        self._handlers[event_type] = handler

    def on(self, *event_types: str) -> Callable[[Handler], Handler]:
        """Decorator form of :meth:`add`."""

        def register(handler: Handler) -> Handler:
            for event_type in event_types:
                self.add(event_type, handler)
            return handler

        return register

    def bindings(self) -> list[tuple[str, str]]:
        """(producer, event type) pairs this subscription's queue is bound to."""
        return sorted((str(producer_of(event_type)), event_type) for event_type in self._handlers)
