"""A service's own outbox and inbox rows about a person or a client, for erasure and re-keying.

Replies to privacy not yet sent stay in the outbox: they finish earlier requests (an export,
an erasure's receipt) and are purged once sent, like every row.
"""

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import ColumnElement, Table, and_, delete, not_, update
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.tables import inbox_message, outbox_message


async def erase_subject_messages(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    subject_ref: str,
    handling: UUID,
    unsent_replies: Collection[str],
) -> dict[str, int]:
    """Deletes the outbox and inbox rows about the person; rows deleted per table.

    The inbox row of ``handling`` (the erasure request) stays, so a redelivery is still
    skipped, but no longer names the person. Unsent events of ``unsent_replies`` types stay.
    """
    await session.execute(
        update(inbox_message).where(inbox_message.c.message_id == handling).values(subject_ref=None)
    )
    return {
        outbox_message.name: await _delete(
            session,
            outbox_message,
            outbox_message.c.tenant_id == tenant_id,
            outbox_message.c.subject_ref == subject_ref,
            _not_unsent(unsent_replies),
        ),
        inbox_message.name: await _delete(
            session,
            inbox_message,
            inbox_message.c.tenant_id == tenant_id,
            inbox_message.c.subject_ref == subject_ref,
        ),
    }


async def erase_tenant_messages(
    session: AsyncSession, *, tenant_id: UUID, handling: UUID, unsent_replies: Collection[str]
) -> dict[str, int]:
    """Deletes the outbox and inbox rows of the client; rows deleted per table.

    The inbox row of ``handling`` stays, so a redelivery is still skipped, but loses its client.
    Unsent events of ``unsent_replies`` types stay.
    """
    await session.execute(
        update(inbox_message)
        .where(inbox_message.c.message_id == handling)
        .values(tenant_id=None, subject_ref=None)
    )
    return {
        outbox_message.name: await _delete(
            session,
            outbox_message,
            outbox_message.c.tenant_id == tenant_id,
            _not_unsent(unsent_replies),
        ),
        inbox_message.name: await _delete(
            session, inbox_message, inbox_message.c.tenant_id == tenant_id
        ),
    }


async def rekey_subject_messages(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
) -> dict[str, int]:
    """Files the person's outbox and inbox rows under ``new_subject_ref`` (so a later erasure
    finds them); rows updated per table. Bodies already written keep the old reference."""
    counts: dict[str, int] = {}
    for table in (outbox_message, inbox_message):
        result = await session.execute(
            update(table)
            .where(table.c.tenant_id == tenant_id, table.c.subject_ref == subject_ref)
            .values(subject_ref=new_subject_ref)
        )
        counts[table.name] = int(result.rowcount)  # type: ignore[attr-defined]
    return counts


def _not_unsent(event_types: Collection[str]) -> ColumnElement[bool]:
    return not_(
        and_(
            outbox_message.c.event_type.in_(event_types),
            outbox_message.c.published_at.is_(None),
        )
    )


async def _delete(session: AsyncSession, table: Table, *conditions: ColumnElement[bool]) -> int:
    result = await session.execute(delete(table).where(*conditions))
    return int(result.rowcount)  # type: ignore[attr-defined]
