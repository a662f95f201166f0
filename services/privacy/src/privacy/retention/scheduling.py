from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.ids import uuid7
from privacy.audit.service import hold_audit_chain
from privacy.retention.models import RetentionPolicy
from privacy.retention.runs import start_run
from privacy.settings import Settings


async def start_due_runs(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Starts the retention runs that are due; how many it started.

    A policy is due once per ``run_interval_seconds`` (a day): the global one for every client
    but those with their own setting or under a hold, each client's own for that client.
    Policies are claimed ``FOR UPDATE SKIP LOCKED``: two schedulers never start the same run.
    """
    interval = timedelta(seconds=settings.retention.run_interval_seconds)
    is_due = or_(
        RetentionPolicy.last_run_at.is_(None), RetentionPolicy.last_run_at <= now - interval
    )
    if await session.scalar(select(RetentionPolicy.id).where(is_due).limit(1)) is None:
        return 0
    await hold_audit_chain(session)  # runs append audit entries, and lock their policies
    due = await session.scalars(
        select(RetentionPolicy)
        .where(is_due)
        .order_by(RetentionPolicy.category, RetentionPolicy.tenant_id.nulls_first())
        .with_for_update(skip_locked=True)
    )
    batch_id = uuid7()
    started = 0
    for policy in due.all():
        policy.last_run_at = now
        if await start_run(session, policy=policy, batch_id=batch_id, dry_run=False, now=now):
            started += 1
    return started
