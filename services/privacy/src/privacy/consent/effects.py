"""What an approved consent request does: a withdrawal (Q2) or an upheld objection (Q3) is
written to the ledger and told to delivery at once, in the transaction that approved it; the
request then completes. No data service job is involved."""

from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.notifications import ConsentPurpose, NoticeTemplate
from privacy.consent.models import ConsentAction, ConsentChannel, ConsentRequest
from privacy.consent.service import Person, Proof, current_entries, record
from privacy.notices import notify_subject
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.requests.states import Actor, RequestState
from privacy.requests.transitions import move

CONSENT_REQUEST_TYPES: Final = frozenset({RequestType.CONSENT_WITHDRAWAL, RequestType.OBJECTION})


def is_consent_request(request: DataSubjectRequest) -> bool:
    return request.request_type in CONSENT_REQUEST_TYPES


async def carry_out(session: AsyncSession, *, request: DataSubjectRequest, now: datetime) -> None:
    """An approved withdrawal or upheld objection: in progress, recorded, completed, told."""
    if request.tenant_id is None or request.subject_ref is None:
        raise ValueError(f"request {request.reference} names no person to record consent for")
    await move(session, request=request, to=RequestState.IN_PROGRESS, actor=Actor.SYSTEM, now=now)
    person = Person(tenant_id=request.tenant_id, subject_ref=request.subject_ref)
    detail = await session.get(ConsentRequest, request.id)
    action = (
        ConsentAction.OBJECTION
        if request.request_type == RequestType.OBJECTION
        else ConsentAction.WITHDRAWAL
    )
    purposes = await _purposes(session, person=person, detail=detail, action=action)
    proof = Proof(
        channel=ConsentChannel.REQUEST,
        policy_version=detail.policy_version if detail else None,
        wording=detail.wording if detail else None,
        request_id=request.id,
        actor_id=request.decided_by if action is ConsentAction.OBJECTION else request.submitted_by,
    )
    for purpose in purposes:
        await record(session, person=person, purpose=purpose, action=action, proof=proof, now=now)
    stopped = ", ".join(purpose.value for purpose in purposes) or "nothing was granted"
    await move(
        session,
        request=request,
        to=RequestState.COMPLETED,
        actor=Actor.SYSTEM,
        now=now,
        note=f"{action}: {stopped}",
    )
    await notify_subject(
        session,
        request=request,
        template=NoticeTemplate.PRIVACY_REQUEST_COMPLETED,
        parameters={"reference": request.reference},
    )


async def _purposes(
    session: AsyncSession,
    *,
    person: Person,
    detail: ConsentRequest | None,
    action: ConsentAction,
) -> list[ConsentPurpose]:
    """The purpose the request names; else, for an objection every purpose, for a withdrawal
    every purpose the person has granted."""
    if detail is not None and detail.purpose is not None:
        return [ConsentPurpose(detail.purpose)]
    if action is ConsentAction.OBJECTION:
        return list(ConsentPurpose)
    states = await current_entries(session, person=person)
    return [
        ConsentPurpose(purpose)
        for purpose, entry in sorted(states.items())
        if entry.granted and purpose in set(ConsentPurpose)
    ]
