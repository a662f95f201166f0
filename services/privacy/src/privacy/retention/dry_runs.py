"""A dry run: the same events as the real runs, counting only (P17)."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import RetentionCategory
from contracts.ids import uuid7
from privacy.audit.service import hold_audit_chain
from privacy.retention.models import RetentionPolicy
from privacy.retention.runs import start_run


async def start_dry_run(
    session: AsyncSession,
    *,
    category: RetentionCategory | None,
    officer_id: UUID,
    now: datetime,
) -> UUID:
    """Every policy (of the category), global and clients' own, asked to count: the batch id
    that reads the prediction back."""
    await hold_audit_chain(session)
    query = select(RetentionPolicy).order_by(
        RetentionPolicy.category, RetentionPolicy.tenant_id.nulls_first()
    )
    if category is not None:
        query = query.where(RetentionPolicy.category == category)
    batch_id = uuid7()
    for policy in (await session.scalars(query)).all():
        await start_run(
            session, policy=policy, batch_id=batch_id, dry_run=True, now=now, started_by=officer_id
        )
    return batch_id
