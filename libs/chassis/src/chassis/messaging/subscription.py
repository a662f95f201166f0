"""What a service consumes: named subscriptions, each one queue with a handler per event type."""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.catalogue import model_for, producer_of
from contracts.envelope import Envelope

RESERVED_NAMES = frozenset({"events", "unrouted"})

Handler = Callable[[AsyncSession, Envelope[Any]], Awaitable[None]]
"""Applies one event's effect in the session's transaction; the consumer commits, then acks."""

BatchHandler = Callable[[AsyncSession, Sequence[Envelope[Any]]], Awaitable[None]]
"""Applies the effects of several events of one type at once (say, one multi-row insert)."""


class DeadLetter(Exception):  # noqa: N818 - raised to say what must happen to the message
    """Raised by a handler for a message that can never succeed: it goes to the DLQ at once."""


class Subscription:
    """One consumer of a service: its queue ``<service>.<name>``, bound to the types it handles."""

    def __init__(
        self, *, service: str, name: str, batch_linger_seconds: float | None = None
    ) -> None:
        if name in RESERVED_NAMES:
            raise ValueError(f"{service}.{name} is a queue of the producer's own topology")
        self.service = service
        self.name = name
        self.batch_linger_seconds = batch_linger_seconds
        """How long a batch waits for more messages once its first has come; None: the
        service's ``consumer_batch_linger_seconds``. 0 for one-off work where latency counts."""
        self._handlers: dict[str, Handler] = {}
        self._batch_handlers: dict[str, BatchHandler] = {}

    @property
    def queue(self) -> str:
        return f"{self.service}.{self.name}"

    @property
    def handlers(self) -> Mapping[str, Handler]:
        return self._handlers

    @property
    def batch_handlers(self) -> Mapping[str, BatchHandler]:
        return self._batch_handlers

    def handles(self, event_type: str) -> bool:
        return event_type in self._handlers or event_type in self._batch_handlers

    def add(self, event_type: str, handler: Handler) -> None:
        self._check_new(event_type)
        self._handlers[event_type] = handler

    def add_batch(self, event_type: str, handler: BatchHandler) -> None:
        """Events of this type that arrive together reach ``handler`` in one call."""
        self._check_new(event_type)
        self._batch_handlers[event_type] = handler

    def on_batch(self, *event_types: str) -> Callable[[BatchHandler], BatchHandler]:
        """Decorator form of :meth:`add_batch`."""

        def register(handler: BatchHandler) -> BatchHandler:
            for event_type in event_types:
                self.add_batch(event_type, handler)
            return handler

        return register

    def _check_new(self, event_type: str) -> None:
        model_for(event_type)  # an uncatalogued type fails here, at registration
        if self.handles(event_type):
            raise ValueError(f"{self.queue} already handles {event_type}")

    def on(self, *event_types: str) -> Callable[[Handler], Handler]:
        """Decorator form of :meth:`add`."""

        def register(handler: Handler) -> Handler:
            for event_type in event_types:
                self.add(event_type, handler)
            return handler

        return register

    def bindings(self) -> list[tuple[str, str]]:
        """(producer, event type) pairs this subscription's queue is bound to."""
        event_types = [*self._handlers, *self._batch_handlers]
        return sorted((str(producer_of(event_type)), event_type) for event_type in event_types)
