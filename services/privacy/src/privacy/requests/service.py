from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import normalise_email, subject_ref
from contracts.events.notifications import NoticeTemplate
from privacy.database import new_id
from privacy.notices import notify_subject
from privacy.requests.deadlines import due_after_receipt, due_on
from privacy.requests.errors import RequestConflictError
from privacy.requests.models import DataSubjectRequest, IntakeChannel, RequestType, SubjectKind
from privacy.requests.references import new_reference
from privacy.requests.routing import route_verified
from privacy.requests.states import Actor, RequestState
from privacy.requests.transitions import move
from privacy.settings import Settings


async def open_request(
    session: AsyncSession,
    *,
    settings: Settings,
    request_type: RequestType,
    subject_kind: SubjectKind,
    tenant_id: UUID | None,
    email: str,
    language: str,
    channel: IntakeChannel,
    received_at: datetime,
    now: datetime,
    identity_verified: bool,
    submitted_by: UUID | None = None,
    intake_id: UUID | None = None,
    restrict: bool | None = None,
    corrected_email: str | None = None,
    corrected_name: str | None = None,
    verified_at: datetime | None = None,
) -> DataSubjectRequest:
    """Opens a request received at ``received_at`` (the legal clock's start; the time from
    then until the identity was verified counts as paused: until ``verified_at``, by default
    ``now``, when it was verified only now). Verified: routed to its deciders at once (or
    approved, when the submitter decides); else awaiting verification. The subject is told it
    was received. The caller commits."""
    normalised = normalise_email(email)
    unverified_so_far = max((verified_at or now) - received_at, timedelta(0))
    request = DataSubjectRequest(
        id=new_id(),
        reference=await _unused_reference(session),
        request_type=request_type,
        subject_kind=subject_kind,
        tenant_id=tenant_id,
        subject_ref=(
            subject_ref(subject_ref_key(settings), tenant_id=tenant_id, email=normalised)
            if tenant_id is not None
            else None
        ),
        email=normalised,
        language=language,
        channel=channel,
        submitted_by=submitted_by,
        intake_id=intake_id,
        restrict=restrict,
        corrected_email=normalise_email(corrected_email) if corrected_email else None,
        corrected_name=corrected_name.strip() if corrected_name else None,
        state=RequestState.RECEIVED,
        received_at=received_at,
        due_at=due_after_receipt(received_at) + unverified_so_far,
        extended_by_months=0,
    )
    session.add(request)
    if not identity_verified:
        await move(
            session,
            request=request,
            to=RequestState.AWAITING_VERIFICATION,
            actor=Actor.SYSTEM,
            now=now,
        )
        return request
    await move(
        session, request=request, to=RequestState.IDENTITY_VERIFIED, actor=Actor.SYSTEM, now=now
    )
    await _tell_received(session, request=request)
    await route_verified(session, settings=settings, request=request, now=now)
    return request


async def confirm_identity(
    session: AsyncSession, *, settings: Settings, request: DataSubjectRequest, now: datetime
) -> None:
    """An awaiting request whose subject proved their address: verified, then routed."""
    if request.state != RequestState.AWAITING_VERIFICATION:
        raise RequestConflictError(f"request {request.reference} is not awaiting verification")
    await move(
        session, request=request, to=RequestState.IDENTITY_VERIFIED, actor=Actor.SUBJECT, now=now
    )
    await _tell_received(session, request=request)
    await route_verified(session, settings=settings, request=request, now=now)


async def _tell_received(session: AsyncSession, *, request: DataSubjectRequest) -> None:
    """Once verified, so the due day the subject reads no longer moves (unless extended)."""
    await notify_subject(
        session,
        request=request,
        template=NoticeTemplate.PRIVACY_REQUEST_RECEIVED,
        parameters={"reference": request.reference, "due_on": due_on(request.due_at).isoformat()},
    )


async def _unused_reference(session: AsyncSession) -> str:
    while True:
        reference = new_reference()
        taken = await session.scalar(
            select(DataSubjectRequest.id).where(DataSubjectRequest.reference == reference)
        )
        if taken is None:
            return reference
