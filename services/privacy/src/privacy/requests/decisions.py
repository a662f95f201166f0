"""A request's decision (approve or deny) and its stops (staff cancel, subject withdraws)."""

from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.notifications import NoticeTemplate
from privacy.consent.effects import carry_out, is_consent_request
from privacy.holds.erasure import hold_blocking_erasure
from privacy.notices import notify_subject
from privacy.requests.errors import RequestInputError
from privacy.requests.models import DataSubjectRequest, DenialReason, RequestType
from privacy.requests.states import (
    Actor,
    RequestState,
    TransitionRefused,
    is_before_point_of_no_return,
)
from privacy.requests.transitions import move
from privacy.requests.wording import denial_in_words
from privacy.saga import service as saga
from privacy.saga.exceptions import LEGAL_CLAIMS, held_exception
from privacy.settings import Settings


async def approve(
    session: AsyncSession,
    *,
    settings: Settings,
    request: DataSubjectRequest,
    actor: Actor,
    now: datetime,
    actor_id: UUID | None = None,
    note: str | None = None,
) -> None:
    """Approved, then handed to the saga; an erasure waits out the cooling-off window first.
    An erasure under a legal hold is refused instead, the hold's reason on it (P14)."""
    if await refuse_if_held(
        session, settings=settings, request=request, actor=actor, now=now, actor_id=actor_id
    ):
        return
    await move(
        session,
        request=request,
        to=RequestState.APPROVED,
        actor=actor,
        now=now,
        actor_id=actor_id,
        note=note,
    )
    request.decided_by = actor_id
    request.decided_at = now
    if is_consent_request(request):
        await carry_out(session, request=request, now=now)
        return
    cooling_off = (
        timedelta(minutes=settings.requests.cooling_off_minutes)
        if request.request_type == RequestType.ERASURE
        else timedelta(0)
    )
    request.starts_after = now + cooling_off
    await saga.start_saga(session, request=request, settings=settings, now=now)


async def refuse_if_held(
    session: AsyncSession,
    *,
    settings: Settings,
    request: DataSubjectRequest,
    actor: Actor,
    now: datetime,
    actor_id: UUID | None = None,
) -> bool:
    """Denies an erasure whose client or person is under a legal hold, the hold's reason
    recorded on it (P14); whether it did. Checked at approval and again when the cooling-off
    window ends, since a hold may be placed in between."""
    hold = await hold_blocking_erasure(session, request=request, settings=settings)
    if hold is None:
        return False
    request.exception_note = held_exception(hold)
    await deny(
        session,
        settings=settings,
        request=request,
        actor=actor,
        now=now,
        reason=DenialReason.OTHER,
        note=LEGAL_CLAIMS,
        actor_id=actor_id,
    )
    return True


async def deny(
    session: AsyncSession,
    *,
    settings: Settings,
    request: DataSubjectRequest,
    actor: Actor,
    now: datetime,
    reason: DenialReason,
    note: str | None = None,
    actor_id: UUID | None = None,
) -> None:
    """Denied with a reason from the fixed list (``other`` needs a note); the subject is told
    why and that they may complain to the supervisory authority (Q17)."""
    note = note.strip() if note and note.strip() else None
    if reason is DenialReason.OTHER and note is None:
        raise RequestInputError("a denial for another reason needs a note saying why")
    await move(
        session,
        request=request,
        to=RequestState.DENIED,
        actor=actor,
        now=now,
        actor_id=actor_id,
        note=f"denial_reason={reason}",
    )
    request.decided_by = actor_id
    request.decided_at = now
    request.denial_reason = reason
    request.denial_note = note
    await notify_subject(
        session,
        request=request,
        template=NoticeTemplate.PRIVACY_REQUEST_DENIED,
        parameters={
            "reference": request.reference,
            "reason": denial_in_words(reason, language=request.language, note=note),
            "authority": settings.supervisory_authority,
            "contact": settings.data_protection_contact,
        },
    )


async def cancel(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    actor: Actor,
    now: datetime,
    actor_id: UUID | None = None,
    note: str | None = None,
) -> None:
    """Stopped by staff, only before the point of no return."""
    await _stop(
        session,
        request=request,
        to=RequestState.CANCELED,
        actor=actor,
        now=now,
        actor_id=actor_id,
        note=note,
    )


async def withdraw(session: AsyncSession, *, request: DataSubjectRequest, now: datetime) -> None:
    """Stopped by the subject, only before the point of no return."""
    await _stop(
        session,
        request=request,
        to=RequestState.WITHDRAWN,
        actor=Actor.SUBJECT,
        now=now,
        actor_id=None,
        note=None,
    )


async def _stop(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    to: RequestState,
    actor: Actor,
    now: datetime,
    actor_id: UUID | None,
    note: str | None,
) -> None:
    source = RequestState(request.state)
    if not is_before_point_of_no_return(source):
        raise TransitionRefused(source, to, actor)
    await move(session, request=request, to=to, actor=actor, now=now, actor_id=actor_id, note=note)


async def decide(
    session: AsyncSession,
    *,
    settings: Settings,
    request: DataSubjectRequest,
    approved: bool,
    actor: Actor,
    now: datetime,
    actor_id: UUID | None,
    denial_reason: DenialReason | None = None,
    note: str | None = None,
) -> None:
    """A decider's decision on a request awaiting it (Q11 decides who may call this)."""
    if approved:
        await approve(
            session,
            settings=settings,
            request=request,
            actor=actor,
            now=now,
            actor_id=actor_id,
            note=note,
        )
        return
    if denial_reason is None:
        raise RequestInputError("a denial needs its reason")
    await deny(
        session,
        settings=settings,
        request=request,
        actor=actor,
        now=now,
        reason=denial_reason,
        note=note,
        actor_id=actor_id,
    )
