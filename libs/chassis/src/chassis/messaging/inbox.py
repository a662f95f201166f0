"""The inbox: which messages each consumer has already handled, and whom they were about."""

from datetime import timedelta
from uuid import UUID

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.tables import erased_subject, inbox_message


async def record_once(
    session: AsyncSession,
    *,
    consumer: str,
    message_id: UUID,
    tenant_id: UUID | None,
    subject_ref: str | None,
) -> bool:
    """Records the message as handled by ``consumer``; False if it already was."""
    inserted = await session.execute(
        insert(inbox_message)
        .values(
            consumer=consumer, message_id=message_id, tenant_id=tenant_id, subject_ref=subject_ref
        )
        .on_conflict_do_nothing()
        .returning(inbox_message.c.message_id)
    )
    return inserted.first() is not None


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
