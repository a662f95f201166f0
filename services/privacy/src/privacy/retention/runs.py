"""Starting a run: one ``privacy.retention.due.v1`` for one policy, through the outbox."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.privacy import RetentionAction, RetentionCategory, RetentionDue
from contracts.vocabulary import Service
from privacy.audit.service import append_audit
from privacy.holds.service import held_clients, held_people
from privacy.requests.states import Actor
from privacy.retention.cutoffs import cutoff_for
from privacy.retention.models import RetentionPolicy, RetentionRun


async def start_run(
    session: AsyncSession,
    *,
    policy: RetentionPolicy,
    batch_id: UUID,
    dry_run: bool,
    now: datetime,
    started_by: UUID | None = None,
) -> RetentionRun | None:
    """Records the run and emits its event; None when the policy's client is under a legal
    hold (nothing of a held client is touched). The global policy leaves out clients with
    their own setting and held clients; every run leaves out held people."""
    clients_held = await held_clients(session)
    if policy.tenant_id is not None and policy.tenant_id in clients_held:
        return None
    excluded = sorted(clients_held)
    if policy.tenant_id is None:
        excluded = sorted(clients_held | await _clients_with_own_setting(session, policy))
    people = await held_people(session)
    run = RetentionRun(
        batch_id=batch_id,
        policy_id=policy.id,
        category=policy.category,
        tenant_id=policy.tenant_id,
        action=policy.action,
        period_days=policy.period_days,
        cutoff=cutoff_for(period_days=policy.period_days, now=now),
        dry_run=dry_run,
        excluded_tenant_ids=[str(tenant) for tenant in excluded],
        held_people=len(people),
        started_by=started_by,
        started_at=now,
    )
    session.add(run)
    await session.flush()
    due = RetentionDue(
        request_id=run.id,
        category=RetentionCategory(policy.category),
        action=RetentionAction(policy.action),
        cutoff=run.cutoff,
        tenant_id=policy.tenant_id,
        excluded_tenant_ids=excluded,
        excluded_subject_refs=people,
        dry_run=dry_run,
    )
    await publish(session, due, source=Service.PRIVACY, tenant_id=policy.tenant_id)
    await append_audit(
        session,
        action="retention.dry_run_started" if dry_run else "retention.run_started",
        actor=Actor.SYSTEM if started_by is None else Actor.PRIVACY_OFFICER,
        actor_id=started_by,
        at=now,
        request_id=run.id,
        details={
            "category": policy.category,
            "tenant_id": None if policy.tenant_id is None else str(policy.tenant_id),
            "action": policy.action,
            "cutoff": run.cutoff.isoformat(),
            "excluded_tenant_ids": run.excluded_tenant_ids,
            "held_people": run.held_people,
        },
    )
    return run


async def _clients_with_own_setting(session: AsyncSession, policy: RetentionPolicy) -> set[UUID]:
    found = await session.scalars(
        select(RetentionPolicy.tenant_id).where(
            RetentionPolicy.category == policy.category, RetentionPolicy.tenant_id.is_not(None)
        )
    )
    return {tenant for tenant in found if tenant is not None}
