"""The one extension of a request's legal clock (GDPR art. 12(3), Q6)."""

from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.notifications import NoticeTemplate
from privacy.audit.service import append_audit
from privacy.notices import notify_subject
from privacy.requests.deadlines import add_months, due_on
from privacy.requests.errors import RequestConflictError, RequestInputError
from privacy.requests.models import DataSubjectRequest
from privacy.requests.states import OPEN, Actor, RequestState

MAX_EXTENSION_MONTHS = 2


async def extend(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    months: int,
    reason: str,
    actor: Actor,
    now: datetime,
    actor_id: UUID | None = None,
) -> None:
    """Moves the due date ``months`` (1 or 2) later, once per request, with a recorded reason;
    the subject is told the new date and why."""
    reason = reason.strip()
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise RequestInputError(f"an extension is 1 to {MAX_EXTENSION_MONTHS} months")
    if not reason:
        raise RequestInputError("an extension needs its reason")
    if RequestState(request.state) not in OPEN:
        raise RequestConflictError(f"request {request.reference} is closed: its clock has stopped")
    if request.paused_since is not None:
        raise RequestConflictError(
            f"request {request.reference} awaits verification: its clock is paused"
        )
    if request.extended_by_months:
        raise RequestConflictError(
            f"request {request.reference} was already extended once "
            f"(by {request.extended_by_months} months): GDPR art. 12(3) allows one extension"
        )
    request.due_at = add_months(request.due_at, months)
    request.extended_by_months = months
    request.extension_reason = reason
    await append_audit(
        session,
        action="request.extended",
        actor=actor,
        actor_id=actor_id,
        request_id=request.id,
        at=now,
        details={"months": months, "due_on": due_on(request.due_at).isoformat()},
    )
    await notify_subject(
        session,
        request=request,
        template=NoticeTemplate.PRIVACY_REQUEST_EXTENDED,
        parameters={
            "reference": request.reference,
            "due_on": due_on(request.due_at).isoformat(),
            "reason": reason,
        },
    )
