"""A person's rows filed under another ``subject_ref`` when their email changes."""

from typing import Any
from uuid import UUID

from sqlalchemy import String, delete, literal, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

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
        rows[merged.__tablename__] = await _merge(
            session,
            merged,
            tenant_id=tenant_id,
            subject_ref=subject_ref,
            new_subject_ref=new_subject_ref,
        )
    return rows


async def _merge(
    session: AsyncSession,
    model: type[Unsubscription] | type[Restriction],
    *,
    tenant_id: UUID,
    subject_ref: str,
    new_subject_ref: str,
) -> int:
    """One row per (tenant, person): the old one is copied unless the new one exists, then
    deleted."""
    old = select(model.tenant_id, literal(new_subject_ref, String(56)), model.created_at).where(
        model.tenant_id == tenant_id, model.subject_ref == subject_ref
    )
    await session.execute(
        insert(model)
        .from_select(["tenant_id", "subject_ref", "created_at"], old)
        .on_conflict_do_nothing()
    )
    result = await session.execute(
        delete(model).where(model.tenant_id == tenant_id, model.subject_ref == subject_ref)
    )
    return _rows(result)


def _rows(result: Any) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(result.rowcount)
