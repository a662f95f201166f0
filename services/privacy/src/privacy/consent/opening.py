"""A signed-in client user's own withdrawal (Q2) or objection (Q3), opened as a request of the
requests machine: their sign-in proves who they are (Q14), so it is verified at once and routed
(a withdrawal completes in the same transaction; an objection waits for a privacy officer)."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.notifications import ConsentPurpose
from privacy.consent.models import ConsentRequest
from privacy.consent.service import Person
from privacy.database import new_id
from privacy.requests.deadlines import due_after_receipt
from privacy.requests.models import DataSubjectRequest, IntakeChannel, RequestType, SubjectKind
from privacy.requests.references import new_reference
from privacy.requests.routing import route_verified
from privacy.requests.states import Actor, RequestState
from privacy.requests.transitions import move
from privacy.settings import Settings


@dataclass(frozen=True)
class ConsentAsk:
    """What the person asks: a withdrawal or an objection, about one purpose or all (None)."""

    request_type: RequestType
    purpose: ConsentPurpose | None
    language: str
    statement: str | None = None
    policy_version: str | None = None
    wording: str | None = None


async def open_own_consent_request(
    session: AsyncSession,
    *,
    settings: Settings,
    person: Person,
    user_id: UUID,
    ask: ConsentAsk,
    now: datetime,
) -> DataSubjectRequest:
    """Opens, verifies and routes the request (the caller commits). Privacy holds no address
    for a client user, so the request carries none: the outcome is read in the app."""
    request = DataSubjectRequest(
        id=new_id(),
        reference=await _unused_reference(session),
        request_type=ask.request_type,
        subject_kind=SubjectKind.CLIENT_USER,
        tenant_id=person.tenant_id,
        subject_ref=person.subject_ref,
        email=None,
        language=ask.language,
        channel=IntakeChannel.CLIENT_USER,
        submitted_by=user_id,
        state=RequestState.RECEIVED,
        received_at=now,
        due_at=due_after_receipt(now),
        extended_by_months=0,
    )
    session.add(request)
    session.add(
        ConsentRequest(
            request_id=request.id,
            purpose=ask.purpose.value if ask.purpose else None,
            statement=ask.statement,
            policy_version=ask.policy_version,
            wording=ask.wording,
        )
    )
    await move(
        session,
        request=request,
        to=RequestState.IDENTITY_VERIFIED,
        actor=Actor.SYSTEM,
        now=now,
        note="signed in",
    )
    await route_verified(session, settings=settings, request=request, now=now)
    return request


async def _unused_reference(session: AsyncSession) -> str:
    while True:
        reference = new_reference()
        taken = await session.scalar(
            select(DataSubjectRequest.id).where(DataSubjectRequest.reference == reference)
        )
        if taken is None:
            return reference
