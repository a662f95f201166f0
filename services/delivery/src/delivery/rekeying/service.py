"""A person's rows filed under another ``subject_ref`` when their email changes."""

from typing import Any
from uuid import UUID

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.rekeying import move_rows_to_reference
from delivery.messages.models import Message
from delivery.slack.models import SlackMember
from delivery.suppression.models import Restriction, Unsubscription


async def rekey_person(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
) -> dict[str, int]:
    """Moves the person's log and Slack member rows to ``new_subject_ref`` and merges their
    unsubscription and restriction into any already there; rows moved per table."""
    rows: dict[str, int] = {}
    for model in (Message, SlackMember):
        result = await session.execute(
            update(model)
            .where(model.tenant_id == tenant_id, model.subject_ref == subject_ref)
            .values(subject_ref=new_subject_ref)
        )
        rows[model.__tablename__] = _rows(result)
    for merged in (Unsubscription, Restriction):
        rows[merged.__tablename__] = await move_rows_to_reference(
            session,
            merged,
            tenant_id=tenant_id,
            subject_ref=subject_ref,
            new_subject_ref=new_subject_ref,
        )
    return rows


def _rows(result: Any) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(result.rowcount)
