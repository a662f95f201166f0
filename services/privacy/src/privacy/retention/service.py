"""Global retention policies (the privacy officer's) and clients' own settings (their
admins'); every change is audited (Q8, Q15)."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import RetentionAction, RetentionCategory
from privacy.audit.service import append_audit, hold_audit_chain
from privacy.register.models import RegisterActivity
from privacy.requests.states import Actor
from privacy.retention.categories import ALLOWED_ACTIONS, CLIENT_CONTROLLED
from privacy.retention.errors import RetentionInputError, RetentionNotFoundError
from privacy.retention.models import RetentionPolicy
from privacy.retention.options import RetentionOptions
from privacy.retention.schemas import ClientSetting, ClientSettingFields, PolicyFields


async def global_policies(session: AsyncSession) -> Sequence[RetentionPolicy]:
    found = await session.scalars(
        select(RetentionPolicy)
        .where(RetentionPolicy.tenant_id.is_(None))
        .order_by(RetentionPolicy.category)
    )
    return found.all()


async def global_policy(
    session: AsyncSession, *, category: RetentionCategory, for_update: bool = False
) -> RetentionPolicy:
    query = select(RetentionPolicy).where(
        RetentionPolicy.tenant_id.is_(None), RetentionPolicy.category == category
    )
    found = await session.scalar(query.with_for_update() if for_update else query)
    if found is None:
        raise RetentionNotFoundError(f"no retention policy for {category}")
    return found


async def update_policy(
    session: AsyncSession,
    *,
    category: RetentionCategory,
    fields: PolicyFields,
    options: RetentionOptions,
    officer_id: UUID,
    now: datetime,
) -> RetentionPolicy:
    _check(category, fields.period_days, fields.action, options)
    if (
        fields.activity_id is not None
        and await session.get(RegisterActivity, fields.activity_id) is None
    ):
        raise RetentionInputError(f"no register activity {fields.activity_id}")
    await hold_audit_chain(session)
    policy = await global_policy(session, category=category, for_update=True)
    before = _state(policy)
    policy.period_days = fields.period_days
    policy.action = fields.action
    policy.rationale = fields.rationale.strip() if fields.rationale else policy.rationale
    if fields.activity_id is not None:
        policy.activity_id = fields.activity_id
    policy.updated_by = officer_id
    policy.updated_at = now
    await append_audit(
        session,
        action="retention.policy_changed",
        actor=Actor.PRIVACY_OFFICER,
        actor_id=officer_id,
        at=now,
        details={"category": category, "before": before, "after": _state(policy)},
    )
    return policy


async def client_settings(session: AsyncSession, *, tenant_id: UUID) -> list[ClientSetting]:
    """Every category the client controls: its own setting, or Soket's default."""
    own = {
        policy.category: policy
        for policy in await session.scalars(
            select(RetentionPolicy).where(RetentionPolicy.tenant_id == tenant_id)
        )
    }
    settings = []
    for default in await global_policies(session):
        category = RetentionCategory(default.category)
        if category not in CLIENT_CONTROLLED:
            continue
        applied = own.get(category, default)
        settings.append(
            ClientSetting(
                category=category,
                period_days=applied.period_days,
                action=RetentionAction(applied.action),
                allowed_actions=sorted(ALLOWED_ACTIONS[category]),
                own=category in own,
                default_period_days=default.period_days,
                default_action=RetentionAction(default.action),
            )
        )
    return settings


async def set_client_setting(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    category: RetentionCategory,
    fields: ClientSettingFields,
    options: RetentionOptions,
    admin_id: UUID,
    now: datetime,
) -> None:
    if category not in CLIENT_CONTROLLED:
        raise RetentionInputError(
            f"{category} follows Soket's policy; a client sets only "
            + ", ".join(sorted(CLIENT_CONTROLLED))
        )
    _check(category, fields.period_days, fields.action, options)
    await hold_audit_chain(session)
    default = await global_policy(session, category=category)
    policy = await _client_policy(session, tenant_id=tenant_id, category=category)
    before = None if policy is None else _state(policy)
    if policy is None:
        policy = RetentionPolicy(
            category=category,
            tenant_id=tenant_id,
            activity_id=default.activity_id,
            rationale="The client's own setting.",
        )
        session.add(policy)
    policy.period_days = fields.period_days
    policy.action = fields.action
    policy.updated_by = admin_id
    policy.updated_at = now
    await session.flush()
    await _audit_client_change(
        session,
        tenant_id=tenant_id,
        category=category,
        before=before,
        after=_state(policy),
        admin_id=admin_id,
        now=now,
    )


async def clear_client_setting(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    category: RetentionCategory,
    admin_id: UUID,
    now: datetime,
) -> None:
    """Back to Soket's default for this category."""
    await hold_audit_chain(session)
    policy = await _client_policy(session, tenant_id=tenant_id, category=category)
    if policy is None:
        raise RetentionNotFoundError(f"the client has no own setting for {category}")
    before = _state(policy)
    await session.delete(policy)
    await session.flush()
    await _audit_client_change(
        session,
        tenant_id=tenant_id,
        category=category,
        before=before,
        after=None,
        admin_id=admin_id,
        now=now,
    )


async def _client_policy(
    session: AsyncSession, *, tenant_id: UUID, category: RetentionCategory
) -> RetentionPolicy | None:
    return await session.scalar(
        select(RetentionPolicy)
        .where(RetentionPolicy.tenant_id == tenant_id, RetentionPolicy.category == category)
        .with_for_update()
    )


async def _audit_client_change(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    category: RetentionCategory,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
    admin_id: UUID,
    now: datetime,
) -> None:
    await append_audit(
        session,
        action="retention.client_setting_changed",
        actor=Actor.CLIENT_ADMIN,
        actor_id=admin_id,
        at=now,
        details={
            "tenant_id": str(tenant_id),
            "category": category,
            "before": before,
            "after": after,
        },
    )


def _check(
    category: RetentionCategory,
    period_days: int,
    action: RetentionAction,
    options: RetentionOptions,
) -> None:
    if action not in ALLOWED_ACTIONS[category]:
        allowed = " or ".join(sorted(ALLOWED_ACTIONS[category]))
        raise RetentionInputError(f"{category} past its retention allows only: {allowed}")
    if period_days > options.max_period_days:
        raise RetentionInputError(f"a retention period is at most {options.max_period_days} days")


def _state(policy: RetentionPolicy) -> dict[str, object]:
    return {"period_days": policy.period_days, "action": policy.action}
