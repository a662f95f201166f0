"""The privacy officer's home page: what needs them, per area, as counts and a few references.

Every ``link`` is a path of the privacy API (behind the gateway: ``/api/privacy<link>``) that
lists or shows the items counted. No section carries personal data: only ids, references,
states and dates.
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.events.privacy import RetentionAction, RetentionCategory
from privacy.offboarding.models import OffboardingState
from privacy.requests.models import RequestType
from privacy.requests.states import RequestState


class UrgentRequest(BaseModel):
    id: UUID
    reference: str
    request_type: RequestType
    state: RequestState
    due_at: datetime
    """As of now: a clock paused until verification moves along with time."""
    due_on: date
    days_left: int
    """Calendar days to the due day (UTC); negative once overdue."""
    overdue: bool
    officer_decides: bool
    """The privacy officer decides it (a client user's request, or one with no client);
    a client's participants' requests are decided by that client's admins (Q11)."""
    link: str


class RequestsSection(BaseModel):
    open: int
    """Requests whose legal clock runs (or is paused while unverified)."""
    open_by_state: dict[RequestState, int]
    """Every open state, zero included."""
    open_by_type: dict[RequestType, int]
    """Every request type, zero included."""
    due_within_days: int = Field(description="The horizon of ``due_soon``, in days.")
    due_soon: int
    """Open, not overdue, due within ``due_within_days`` calendar days."""
    overdue: int
    awaiting_decision: int
    awaiting_officer_decision: int
    """Of those awaiting a decision, the ones the privacy officer decides."""
    most_urgent: list[UrgentRequest]
    """The open requests due first (the overdue at the top), at most five."""
    link: str
    overdue_link: str
    due_soon_link: str
    awaiting_decision_link: str


class OpenBreach(BaseModel):
    id: UUID
    reference: str
    discovered_at: datetime
    deadline: datetime
    """When the supervisory authority must be notified by (GDPR art. 33(1))."""
    hours_left: float
    """Negative once overdue."""
    overdue: bool
    link: str


class BreachesSection(BaseModel):
    open: int
    """Breaches not yet notified to the supervisory authority."""
    overdue: int
    """Of those, the ones past the deadline."""
    deadline_hours: int
    most_urgent: list[OpenBreach]
    """The open breaches nearest their deadline (the overdue first), at most five."""
    link: str


class LastRun(BaseModel):
    run_id: UUID
    started_at: datetime
    completed_at: datetime | None
    """When the last data service answered; None while some have not."""
    rows_affected: int
    """Rows deleted or anonymised, every service and table together."""
    services_answered: int
    services_expected: int
    receipts_verified: int
    receipts_rejected: int
    all_receipts_verified: bool
    """Every data service answered with a receipt that verified."""
    link: str


class RetentionPolicyStatus(BaseModel):
    policy_id: UUID
    category: RetentionCategory
    period_days: int
    action: RetentionAction
    last_run: LastRun | None
    """Its latest real run (dry runs aside); None before the first."""
    next_due_at: datetime
    """When the scheduler starts its next run (now, when it is due already)."""


class LastDryRun(BaseModel):
    batch_id: UUID
    started_at: datetime
    policies: int
    complete: bool
    """Every data service answered for every policy."""
    rows_predicted: int
    """Rows the policies would touch, from the answers so far."""
    link: str


class RetentionSection(BaseModel):
    policies: list[RetentionPolicyStatus]
    """Soket's global policy per category."""
    client_settings: int
    """Clients' own settings, run beside the global policies."""
    runs_due: int
    """Policies (global and clients') due to run now; more than a few means the scheduler
    is not running."""
    last_dry_run: LastDryRun | None
    link: str
    runs_link: str


class NewestHold(BaseModel):
    id: UUID
    tenant_id: UUID
    scope: Literal["client", "person"]
    placed_at: datetime
    link: str


class HoldsSection(BaseModel):
    active: int
    on_clients: int
    on_people: int
    newest: NewestHold | None
    link: str


class ConsentSection(BaseModel):
    since: datetime
    """The start of the window the figures count (30 days ago)."""
    withdrawals: int
    """Consent withdrawals received since ``since``."""
    objections: int
    """Objections received since ``since``."""
    objections_waiting: int
    """Objections awaiting a decision, however old."""
    withdrawals_link: str
    objections_waiting_link: str


class NextErasure(BaseModel):
    id: UUID
    reference: str
    tenant_id: UUID
    state: OffboardingState
    erase_on: datetime
    link: str


class OffboardingsSection(BaseModel):
    pending: int
    """Offboardings not yet erased."""
    by_state: dict[OffboardingState, int]
    """Every state, zero included."""
    next_erasure: NextErasure | None
    """The pending offboarding whose agreed erasure date comes first (exporting or offered)."""
    certificates_issued: int
    link: str


class PolicyVersionFigures(BaseModel):
    id: UUID
    label: str
    effective_on: date
    effective_at: datetime
    acceptances: int
    link: str


class PoliciesSection(BaseModel):
    current: PolicyVersionFigures | None
    """None before the first version takes effect."""
    upcoming: list[PolicyVersionFigures]
    """Published, not withdrawn, not yet in effect: soonest first, at most five."""
    link: str


class AuditBreak(BaseModel):
    seq: int
    problem: Literal["content", "link", "missing"]


class AuditSection(BaseModel):
    latest_seq: int | None
    """None while the log is empty."""
    latest_at: datetime | None
    checked_from_seq: int | None
    """The tail from this seq to ``latest_seq`` was checked on this call; the whole chain is
    checked by ``full_check_link`` (and ``./soket privacy verify-audit``)."""
    tail_intact: bool
    first_break: AuditBreak | None
    """The first broken link found in the tail."""
    append_only: bool
    """The database trigger that refuses changes to the log is in place and enabled."""
    link: str
    full_check_link: str


class LatestBackup(BaseModel):
    name: str
    taken_at: datetime
    expires_at: datetime


class BackupsSection(BaseModel):
    kept: int
    """Backups on record and not deleted."""
    latest: LatestBackup | None
    link: str


class Dashboard(BaseModel):
    generated_at: datetime
    requests: RequestsSection
    breaches: BreachesSection
    retention: RetentionSection
    holds: HoldsSection
    consent: ConsentSection
    offboardings: OffboardingsSection
    policies: PoliciesSection
    audit: AuditSection
    backups: BackupsSection
