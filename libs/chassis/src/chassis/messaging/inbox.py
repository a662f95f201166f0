"""The inbox: which messages each consumer has already handled, and whom they were about."""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.tables import erased_subject, inbox_message
from contracts.envelope import Envelope

_RECORD_NEW = text(
    """
    INSERT INTO inbox_message (consumer, message_id, tenant_id, subject_ref)
    SELECT :consumer, message.id, message.tenant_id,
        CASE WHEN erased.subject_ref IS NULL THEN message.subject_ref END
    FROM unnest(CAST(:ids AS uuid[]), CAST(:tenant_ids AS uuid[]), CAST(:subject_refs AS text[]))
        AS message (id, tenant_id, subject_ref)
    LEFT JOIN erased_subject AS erased
        ON erased.tenant_id = message.tenant_id AND erased.subject_ref = message.subject_ref
    ON CONFLICT DO NOTHING
    RETURNING message_id
    """
)


async def record_new(
    session: AsyncSession, *, consumer: str, envelopes: Sequence[Envelope[Any]]
) -> set[UUID]:
    """Records the messages as handled by ``consumer``; returns the ids not recorded before.

    A message about a person erased here is recorded without their ``subject_ref``.
    """
    inserted = await session.execute(
        _RECORD_NEW,
        {
            "consumer": consumer,
            "ids": [envelope.id for envelope in envelopes],
            "tenant_ids": [envelope.tenant_id for envelope in envelopes],
            "subject_refs": [envelope.subject_ref for envelope in envelopes],
        },
    )
    return set(inserted.scalars())


async def was_erased(session: AsyncSession, *, tenant_id: UUID, subject_ref: str) -> bool:
    found = await session.execute(
        select(erased_subject.c.subject_ref).where(
            erased_subject.c.tenant_id == tenant_id, erased_subject.c.subject_ref == subject_ref
        )
    )
    return found.first() is not None


async def remember_erasure(session: AsyncSession, *, tenant_id: UUID, subject_ref: str) -> None:
    """Marks the person erased here, so a late retry or replay about them is dropped."""
    await session.execute(
        insert(erased_subject)
        .values(tenant_id=tenant_id, subject_ref=subject_ref)
        .on_conflict_do_nothing()
    )


async def purge_handled(
    session: AsyncSession, *, inbox_older_than: timedelta, erasures_older_than: timedelta
) -> int:
    """Forgets inbox rows past any redelivery, and erasures past any dead letter's expiry."""
    inbox = await session.execute(
        delete(inbox_message).where(inbox_message.c.handled_at < func.now() - inbox_older_than)
    )
    erasures = await session.execute(
        delete(erased_subject).where(erased_subject.c.erased_at < func.now() - erasures_older_than)
    )
    return int(inbox.rowcount) + int(erasures.rowcount)  # type: ignore[attr-defined]
