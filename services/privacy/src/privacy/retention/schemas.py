from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.events.privacy import RetentionAction, RetentionCategory
from privacy.retention.categories import ALLOWED_ACTIONS, CLIENT_CONTROLLED
from privacy.retention.models import RetentionPolicy, RetentionRun


class PolicyFields(BaseModel):
    """A global policy as the privacy officer sets it."""

    model_config = ConfigDict(extra="forbid")

    period_days: int = Field(ge=0)
    action: RetentionAction
    rationale: str | None = Field(default=None, max_length=2000)
    activity_id: UUID | None = None
    """The register activity it implements; None keeps the one it has."""


class Policy(BaseModel):
    id: UUID
    category: RetentionCategory
    tenant_id: UUID | None
    period_days: int
    action: RetentionAction
    allowed_actions: list[RetentionAction]
    client_controlled: bool
    """Whether clients may set their own period and action for this category."""
    activity_id: UUID | None
    rationale: str | None
    last_run_at: datetime | None
    updated_by: UUID | None
    updated_at: datetime

    @classmethod
    def of(cls, policy: RetentionPolicy) -> "Policy":
        category = RetentionCategory(policy.category)
        return cls(
            id=policy.id,
            category=category,
            tenant_id=policy.tenant_id,
            period_days=policy.period_days,
            action=RetentionAction(policy.action),
            allowed_actions=sorted(ALLOWED_ACTIONS[category]),
            client_controlled=category in CLIENT_CONTROLLED,
            activity_id=policy.activity_id,
            rationale=policy.rationale,
            last_run_at=policy.last_run_at,
            updated_by=policy.updated_by,
            updated_at=policy.updated_at,
        )


class ClientSettingFields(BaseModel):
    """A client's own retention for a category it controls."""

    model_config = ConfigDict(extra="forbid")

    period_days: int = Field(ge=1)
    action: RetentionAction


class ClientSetting(BaseModel):
    category: RetentionCategory
    period_days: int
    action: RetentionAction
    allowed_actions: list[RetentionAction]
    own: bool
    """True: the client's own setting; False: Soket's default applies."""
    default_period_days: int
    default_action: RetentionAction


class Run(BaseModel):
    id: UUID
    batch_id: UUID
    policy_id: UUID | None
    category: RetentionCategory
    tenant_id: UUID | None
    action: RetentionAction
    period_days: int
    cutoff: datetime
    dry_run: bool
    excluded_tenant_ids: list[UUID]
    held_people: int
    started_by: UUID | None
    started_at: datetime
    completed_at: datetime | None

    @classmethod
    def of(cls, run: RetentionRun) -> "Run":
        return cls(
            id=run.id,
            batch_id=run.batch_id,
            policy_id=run.policy_id,
            category=RetentionCategory(run.category),
            tenant_id=run.tenant_id,
            action=RetentionAction(run.action),
            period_days=run.period_days,
            cutoff=run.cutoff,
            dry_run=run.dry_run,
            excluded_tenant_ids=[UUID(tenant) for tenant in run.excluded_tenant_ids],
            held_people=run.held_people,
            started_by=run.started_by,
            started_at=run.started_at,
            completed_at=run.completed_at,
        )


class RunPage(BaseModel):
    items: list[Run]
    total: int
    page: int
    page_size: int


class ServiceResult(BaseModel):
    service: str
    rows_affected: dict[str, int]
    receipt: dict[str, Any] | None
    """The signed receipt as the service sent it; None on a dry run or when rejected."""
    receipt_sha256: str | None
    receipt_verified: bool
    receipt_error: str | None
    audit_seq: int | None
    received_at: datetime


class RunDetail(Run):
    results: list[ServiceResult]
    waiting_for: list[str]
    """Data services that have not answered yet."""


class DryRunFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: RetentionCategory | None = None
    """Only this category's policies; None: every policy."""


class DryRunPolicy(BaseModel):
    """What one policy would touch: rows per service and table, once every service answered."""

    run_id: UUID
    policy_id: UUID | None
    category: RetentionCategory
    tenant_id: UUID | None
    action: RetentionAction
    cutoff: datetime
    rows: dict[str, dict[str, int]]
    total: int
    waiting_for: list[str]


class DryRunReport(BaseModel):
    batch_id: UUID
    started_at: datetime
    complete: bool
    policies: list[DryRunPolicy]
