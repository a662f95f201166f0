"""Publishing an event: a row in the service's outbox, committed with the caller's changes."""

from datetime import timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.correlation import current_causation_id, current_correlation_id, current_traceparent
from chassis.messaging.tables import outbox_message
from contracts.base import EventData
from contracts.envelope import Envelope
from contracts.vocabulary import Service


def new_envelope(
    data: EventData,
    *,
    source: Service | None = None,
    tenant_id: UUID | None = None,
    subject_ref: str | None = None,
) -> Envelope[Any]:
    """``data`` in an envelope that carries the correlation of the work in progress."""
    return Envelope.wrap(
        data,
        source=source,
        tenant_id=tenant_id,
        subject_ref=subject_ref,
        correlation_id=current_correlation_id(),
        causation_id=current_causation_id(),
        traceparent=current_traceparent(),
    )


async def publish(
    session: AsyncSession,
    data: EventData,
    *,
    source: Service | None = None,
    tenant_id: UUID | None = None,
    subject_ref: str | None = None,
) -> Envelope[Any]:
    """Adds the event to the outbox in the session's transaction; the relay sends it once
    that transaction commits, and never if it rolls back."""
    envelope = new_envelope(data, source=source, tenant_id=tenant_id, subject_ref=subject_ref)
    await add_to_outbox(session, envelope)
    return envelope


async def add_to_outbox(session: AsyncSession, *envelopes: Envelope[Any]) -> None:
    if not envelopes:
        return
    await session.execute(
        insert(outbox_message),
        [
            {
                "id": envelope.id,
                "event_type": envelope.type,
                "tenant_id": envelope.tenant_id,
                "subject_ref": envelope.subject_ref,
                "body": envelope.to_json(),
            }
            for envelope in envelopes
        ],
    )


async def purge_published(session: AsyncSession, *, older_than: timedelta) -> int:
    """Deletes rows published more than ``older_than`` ago; returns how many."""
    result = await session.execute(
        delete(outbox_message).where(
            outbox_message.c.published_at.is_not(None),
            outbox_message.c.published_at < func.now() - older_than,
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def pending_backlog(session: AsyncSession) -> tuple[int, float]:
    """(rows waiting to be published, age in seconds of the oldest of them)."""
    row = (
        await session.execute(
            select(
                func.count(),
                func.coalesce(
                    func.extract("epoch", func.now() - func.min(outbox_message.c.created_at)), 0
                ),
            ).where(outbox_message.c.published_at.is_(None))
        )
    ).one()
    return int(row[0]), float(row[1])
