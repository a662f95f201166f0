"""Events handed to analytics' handlers as its consumer hands them: inbox first, one
transaction per batch, batch handlers per type, redeliveries skipped."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from analytics.ingest.handlers import statistics
from chassis.database import Database
from chassis.messaging.inbox import record_new
from contracts.envelope import Envelope


async def deliver(database: Database, envelopes: Sequence[Envelope[Any]]) -> None:
    """One batch, as ``chassis.messaging.consumer.Consumer`` applies it."""
    async with database.sessions() as session, session.begin():
        new = await record_new(session, consumer=statistics.queue, envelopes=envelopes)
        together: dict[str, list[Envelope[Any]]] = defaultdict(list)
        seen: set[UUID] = set()
        for envelope in envelopes:
            if envelope.id not in new or envelope.id in seen:
                continue
            seen.add(envelope.id)
            if envelope.type in statistics.batch_handlers:
                together[envelope.type].append(envelope)
            else:
                await statistics.handlers[envelope.type](session, envelope)
        for event_type, batch in together.items():
            await statistics.batch_handlers[event_type](session, batch)


async def deliver_in_batches(
    database: Database, envelopes: Sequence[Envelope[Any]], sizes: Sequence[int]
) -> None:
    start = 0
    for size in sizes:
        if start >= len(envelopes):
            return
        await deliver(database, envelopes[start : start + size])
        start += size
    if start < len(envelopes):
        await deliver(database, envelopes[start:])
