from datetime import date, datetime
from typing import Any, Literal, Self
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from contracts.vocabulary import EmailAddress, Language
from privacy.requests.deadlines import (
    NEARLY_DUE_DAYS,
    days_left,
    due_on,
    effective_due_at,
)
from privacy.requests.models import (
    DataSubjectRequest,
    DenialReason,
    IntakeChannel,
    RequestTransition,
    RequestType,
    SubjectKind,
)
from privacy.requests.states import OPEN, RequestState, is_before_point_of_no_return


class RequestSummary(BaseModel):
    id: UUID
    reference: str
    request_type: RequestType
    subject_kind: SubjectKind
    tenant_id: UUID | None
    channel: IntakeChannel
    state: RequestState
    received_at: datetime
    due_at: datetime
    """As of now: while the clock is paused (unverified) it moves along with time."""
    due_on: date
    days_left: int | None
    """Negative when overdue; None once the request is closed (its clock has stopped)."""
    overdue: bool
    nearly_due: bool
    paused: bool
    """The clock is paused: the subject has not verified their identity yet."""
    extended_by_months: int
    denial_reason: DenialReason | None

    @classmethod
    def of(cls, request: DataSubjectRequest, *, now: datetime) -> Self:
        return cls(**_summary_values(request, now=now))


class TransitionView(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    from_state: RequestState
    to_state: RequestState
    actor: str
    actor_id: UUID | None
    note: str | None
    at: datetime


class RequestDetail(RequestSummary):
    email: str | None
    """None once forgotten (closed longer than the grace period)."""
    language: str
    submitted_by: UUID | None
    restrict: bool | None
    corrected_email: str | None
    corrected_name: str | None
    decided_by: UUID | None
    decided_at: datetime | None
    denial_note: str | None
    extension_reason: str | None
    starts_after: datetime | None
    """An approved erasure's cooling-off end."""
    before_point_of_no_return: bool
    """Still cancellable by staff and withdrawable by the subject."""
    failure_reason: str | None
    exception_note: str | None
    closed_at: datetime | None
    transitions: list[TransitionView]
    jobs: list[dict[str, Any]]
    """Each job; an accepted receipt's summary: rows_deleted, rows_anonymised, method, key_id,
    audit_seq, sha256 (the receipt's digest), signature (base64 Ed25519, as stored) and
    audit_hash (the hash of its ``receipt.accepted`` audit entry)."""

    @classmethod
    def of_parts(
        cls,
        request: DataSubjectRequest,
        *,
        transitions: list[RequestTransition],
        jobs: list[dict[str, object]],
        now: datetime,
    ) -> Self:
        state = RequestState(request.state)
        return cls(
            **_summary_values(request, now=now),
            email=request.email,
            language=request.language,
            submitted_by=request.submitted_by,
            restrict=request.restrict,
            corrected_email=request.corrected_email,
            corrected_name=request.corrected_name,
            decided_by=request.decided_by,
            decided_at=request.decided_at,
            denial_note=request.denial_note,
            extension_reason=request.extension_reason,
            starts_after=request.starts_after,
            before_point_of_no_return=is_before_point_of_no_return(state),
            failure_reason=request.failure_reason,
            exception_note=request.exception_note,
            closed_at=request.closed_at,
            transitions=[TransitionView.model_validate(move) for move in transitions],
            jobs=jobs,
        )


class RequestPage(BaseModel):
    items: list[RequestSummary]
    total: int
    page: int
    page_size: int


class DecisionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "deny"]
    denial_reason: DenialReason | None = None
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _reason_with_denial(self) -> Self:
        if self.decision == "deny" and self.denial_reason is None:
            raise ValueError("a denial needs a denial_reason")
        if self.decision == "approve" and self.denial_reason is not None:
            raise ValueError("an approval has no denial_reason")
        if self.denial_reason is DenialReason.OTHER and not (self.note and self.note.strip()):
            raise ValueError("a denial for another reason needs a note saying why")
        return self


class ExtensionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    months: int = Field(ge=1, le=2)
    reason: str = Field(min_length=1, max_length=2000, pattern=r"\S")


class CancellationBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(default=None, max_length=2000)


class NewRequestBody(BaseModel):
    """A request about one of a client's participants, entered by its admin."""

    model_config = ConfigDict(extra="forbid")

    email: EmailAddress
    request_type: RequestType
    language: Language = Language.ESTONIAN
    corrected_email: EmailAddress | None = None
    corrected_name: str | None = Field(default=None, min_length=1, max_length=200)
    restrict: bool | None = None

    @model_validator(mode="after")
    def _fields_of_its_type(self) -> Self:
        correcting = self.corrected_email is not None or self.corrected_name is not None
        if self.request_type is RequestType.RECTIFICATION and not correcting:
            raise ValueError("a rectification needs corrected_email or corrected_name")
        if self.request_type is not RequestType.RECTIFICATION and correcting:
            raise ValueError("corrected_email and corrected_name belong to a rectification")
        if self.request_type is RequestType.RESTRICTION and self.restrict is None:
            raise ValueError("a restriction needs restrict: true (on) or false (lift it)")
        if self.request_type is not RequestType.RESTRICTION and self.restrict is not None:
            raise ValueError("restrict belongs to a restriction")
        return self


class OfficerRequestBody(NewRequestBody):
    """A request a privacy officer received by other means (a letter, a call) and verified."""

    subject_kind: SubjectKind
    tenant_id: UUID | None = None
    """The client whose data it is about; None when the person matched no client."""
    received_at: AwareDatetime | None = None
    """When it was received, its identity verified: the legal clock's month runs from then
    (GDPR art. 12(3)); now when not given."""


def _summary_values(request: DataSubjectRequest, *, now: datetime) -> dict[str, Any]:
    state = RequestState(request.state)
    running = state in OPEN
    due_at = effective_due_at(request.due_at, paused_since=request.paused_since, now=now)
    left = days_left(due_at, now) if running else None
    overdue = running and due_at < now
    return {
        "id": request.id,
        "reference": request.reference,
        "request_type": request.request_type,
        "subject_kind": request.subject_kind,
        "tenant_id": request.tenant_id,
        "channel": request.channel,
        "state": state,
        "received_at": request.received_at,
        "due_at": due_at,
        "due_on": due_on(due_at),
        "days_left": left,
        "overdue": overdue,
        "nearly_due": not overdue and left is not None and left <= NEARLY_DUE_DAYS,
        "paused": request.paused_since is not None,
        "extended_by_months": request.extended_by_months,
        "denial_reason": request.denial_reason,
    }
