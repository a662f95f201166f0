"""The consent ledger and the objection and withdrawal it takes (Q2, Q3, Q16): a client user's
own consents, a privacy officer's view of a person's history, objections weighed, and mailings
sent on consent."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.auth.dependencies import ClientViewer, PrivacyOfficer
from chassis.auth.principal import Principal
from chassis.database import SessionDep
from chassis.messaging.outbox import publish
from contracts.events.notifications import ConsentPurpose, NoticeTemplate
from contracts.events.privacy import AllClientRepresentatives, PrivacyNotificationRequested
from contracts.ids import uuid7
from privacy.audit.service import append_audit
from privacy.clock import Now
from privacy.consent import service
from privacy.consent.models import ConsentAction, ConsentChannel, ConsentRequest
from privacy.consent.opening import ConsentAsk, open_own_consent_request
from privacy.consent.schemas import (
    ConsentEntryView,
    ConsentHistory,
    ConsentState,
    ConsentStates,
    GrantBody,
    MailingBody,
    MailingQueued,
    ObjectionBody,
    OpenedRequest,
    OwnConsentRequest,
    OwnConsentRequests,
    WeighedObjection,
    WeighingBody,
    WithdrawalBody,
)
from privacy.consent.schemas import Person as PersonView
from privacy.consent.service import Person, Proof
from privacy.dependencies import SettingsDep
from privacy.requests import decisions
from privacy.requests.errors import RequestConflictError, RequestInputError
from privacy.requests.models import DataSubjectRequest, DenialReason, RequestType, SubjectKind
from privacy.requests.paging import PagingDep
from privacy.requests.queries import Scope, find_request
from privacy.requests.states import Actor, TransitionRefused
from privacy.requests.wording import denial_in_words
from privacy.settings import Settings

router = APIRouter(tags=["consent"])

_UNKNOWN_USER = "Your account is not known to the privacy service yet; try again in a moment."


# The client user's own consents


@router.get("/me/consents")
async def my_consents(principal: ClientViewer, session: SessionDep) -> ConsentStates:
    async with session.begin():
        person = await _person_of(session, principal)
        return await _states(session, person)


@router.post("/me/consents/objections", status_code=status.HTTP_201_CREATED)
async def object_to_processing(
    body: ObjectionBody,
    principal: ClientViewer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> OpenedRequest:
    """Q3: an ``objection`` request; a privacy officer weighs it."""
    ask = ConsentAsk(
        request_type=RequestType.OBJECTION,
        purpose=body.purpose,
        language=body.language.value,
        statement=body.statement.strip(),
    )
    return await _open(session, settings, principal, ask, now)


@router.post("/me/consents/{purpose}", status_code=status.HTTP_201_CREATED)
async def grant_consent(
    purpose: ConsentPurpose,
    body: GrantBody,
    principal: ClientViewer,
    session: SessionDep,
    now: Now,
) -> ConsentState:
    """Q16: recorded with its proof (when, how, which policy version, the text shown)."""
    async with session.begin():
        person = await _person_of(session, principal)
        entry = await service.record(
            session,
            person=person,
            purpose=purpose,
            action=ConsentAction.GRANT,
            proof=Proof(
                channel=ConsentChannel(body.channel),
                policy_version=body.policy_version,
                wording=body.wording.strip(),
                actor_id=principal.user_id,
            ),
            now=now,
        )
        return ConsentState.of(purpose, entry)


@router.post("/me/consents/{purpose}/withdrawal", status_code=status.HTTP_201_CREATED)
async def withdraw_consent(
    purpose: ConsentPurpose,
    principal: ClientViewer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
    body: WithdrawalBody | None = None,
) -> OpenedRequest:
    """Q2: a ``consent_withdrawal`` request that completes at once, in this transaction."""
    body = body or WithdrawalBody()
    ask = ConsentAsk(
        request_type=RequestType.CONSENT_WITHDRAWAL,
        purpose=purpose,
        language=body.language.value,
        policy_version=body.policy_version,
        wording=body.wording,
    )
    return await _open(session, settings, principal, ask, now)


@router.get("/me/consents/history")
async def my_consent_history(
    principal: ClientViewer, session: SessionDep, paging: PagingDep
) -> ConsentHistory:
    async with session.begin():
        person = await _person_of(session, principal)
        return await _history(session, person, paging.page, paging.page_size)


@router.get("/me/consents/requests")
async def my_consent_requests(
    principal: ClientViewer, session: SessionDep, paging: PagingDep
) -> OwnConsentRequests:
    """The user's withdrawals and objections: how each ended, a rejection's grounds (Q3)."""
    assert principal.tenant_id is not None  # ClientViewer guarantees it
    async with session.begin():
        rows, total = await service.own_consent_requests(
            session,
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            offset=paging.offset,
            limit=paging.page_size,
        )
    return OwnConsentRequests(
        items=[_own_request(request, detail) for request, detail in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


# The privacy officer


@router.get("/consents")
async def consent_history(
    officer: PrivacyOfficer,
    session: SessionDep,
    paging: PagingDep,
    now: Now,
    tenant_id: Annotated[UUID | None, Query()] = None,
    subject_ref: Annotated[str | None, Query(min_length=52, max_length=56)] = None,
    user_id: Annotated[UUID | None, Query(description="a client user, instead of the two")] = None,
) -> ConsentHistory:
    """A person's consent history with its proof, newest first; each view is audited (Q15)."""
    async with session.begin():
        person = await _named_person(session, tenant_id, subject_ref, user_id)
        history = await _history(session, person, paging.page, paging.page_size)
        await append_audit(
            session,
            action="consent.history_viewed",
            actor=Actor.PRIVACY_OFFICER,
            actor_id=officer.user_id,
            at=now,
            details={
                "tenant_id": str(person.tenant_id),
                "subject_ref": person.subject_ref,
                "page": paging.page,
            },
        )
    return history


@router.post("/consents/objections/{request_id}/weighing")
async def weigh_objection(
    request_id: UUID,
    body: WeighingBody,
    officer: PrivacyOfficer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> WeighedObjection:
    """Q3: upheld, the purpose stops for the person at once (ledger and delivery); rejected,
    the person is told the compelling legitimate grounds and that they may complain (Q17)."""
    try:
        async with session.begin():
            found = await find_request(
                session, scope=Scope.privacy_officer(), request_id=request_id, for_update=True
            )
            objection = _an_objection_for_officers(found)
            await decisions.decide(
                session,
                settings=settings,
                request=objection,
                approved=body.upheld,
                actor=Actor.PRIVACY_OFFICER,
                actor_id=officer.user_id,
                now=now,
                denial_reason=None if body.upheld else DenialReason.OTHER,
                note=_grounds_note(body.grounds) if not body.upheld else body.grounds,
            )
            return WeighedObjection(
                request_id=objection.id, reference=objection.reference, state=objection.state
            )
    except (TransitionRefused, RequestConflictError) as refused:
        raise HTTPException(status.HTTP_409_CONFLICT, str(refused)) from None
    except RequestInputError as invalid:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(invalid)) from None


@router.post("/consents/purposes/{purpose}/mailings", status_code=status.HTTP_202_ACCEPTED)
async def send_mailing(
    purpose: ConsentPurpose,
    body: MailingBody,
    officer: PrivacyOfficer,
    session: SessionDep,
    now: Now,
) -> MailingQueued:
    """To every client representative; accounts expands the group and delivery sends each
    email only to those whose grant for the purpose stands (Q2)."""
    notice_id = uuid7()
    async with session.begin():
        await publish(
            session,
            PrivacyNotificationRequested(
                notice_id=notice_id,
                tenant_id=None,
                template=NoticeTemplate.PRODUCT_NEWS,
                address=AllClientRepresentatives(group="all_client_representatives"),
                language=None,
                parameters={"headline": body.headline.strip(), "link": str(body.link)},
                purpose=purpose,
            ),
        )
        await append_audit(
            session,
            action="consent.mailing_sent",
            actor=Actor.PRIVACY_OFFICER,
            actor_id=officer.user_id,
            at=now,
            details={"purpose": purpose.value, "notice_id": str(notice_id)},
        )
    return MailingQueued(notice_id=notice_id, purpose=purpose)


async def _open(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    ask: ConsentAsk,
    now: datetime,
) -> OpenedRequest:
    async with session.begin():
        person = await _person_of(session, principal)
        request = await open_own_consent_request(
            session,
            settings=settings,
            person=person,
            user_id=principal.user_id,
            ask=ask,
            now=now,
        )
        states = await _states(session, person)
        return OpenedRequest(
            request_id=request.id,
            reference=request.reference,
            request_type=request.request_type,
            state=request.state,
            consents=states.items,
        )


async def _person_of(session: AsyncSession, principal: Principal) -> Person:
    known = await service.client_user(session, user_id=principal.user_id)
    if known is None or known.tenant_id != principal.tenant_id:
        raise HTTPException(status.HTTP_409_CONFLICT, _UNKNOWN_USER)
    return Person(tenant_id=known.tenant_id, subject_ref=known.subject_ref)


async def _named_person(
    session: AsyncSession, tenant_id: UUID | None, subject_ref: str | None, user_id: UUID | None
) -> Person:
    if user_id is not None:
        if tenant_id is not None or subject_ref is not None:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                "Name the person by user_id, or by tenant_id and subject_ref: not both.",
            )
        known = await service.client_user(session, user_id=user_id)
        if known is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No such client user.")
        return Person(tenant_id=known.tenant_id, subject_ref=known.subject_ref)
    if tenant_id is None or subject_ref is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "Name the person by user_id, or by tenant_id and subject_ref.",
        )
    return Person(tenant_id=tenant_id, subject_ref=subject_ref)


async def _states(session: AsyncSession, person: Person) -> ConsentStates:
    entries = await service.current_entries(session, person=person)
    return ConsentStates(
        items=[ConsentState.of(purpose, entries.get(purpose.value)) for purpose in ConsentPurpose]
    )


async def _history(
    session: AsyncSession, person: Person, page: int, page_size: int
) -> ConsentHistory:
    rows, total = await service.history_page(
        session, person=person, offset=(page - 1) * page_size, limit=page_size
    )
    return ConsentHistory(
        person=PersonView(tenant_id=person.tenant_id, subject_ref=person.subject_ref),
        current=(await _states(session, person)).items,
        items=[ConsentEntryView.model_validate(row) for row in rows],
        total=total,
        page=page,
        page_size=page_size,
    )


def _an_objection_for_officers(found: DataSubjectRequest | None) -> DataSubjectRequest:
    if found is None or found.request_type != RequestType.OBJECTION:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such objection.")
    if found.subject_kind == SubjectKind.PARTICIPANT and found.tenant_id is not None:
        raise RequestConflictError(
            f"objection {found.reference} is about a client's participant: "
            "that client's admins weigh it (Q11)"
        )
    return found


def _own_request(request: DataSubjectRequest, detail: ConsentRequest | None) -> OwnConsentRequest:
    reason = (
        denial_in_words(
            DenialReason(request.denial_reason),
            language=request.language,
            note=request.denial_note,
        )
        if request.denial_reason
        else None
    )
    return OwnConsentRequest(
        request_id=request.id,
        reference=request.reference,
        request_type=request.request_type,
        purpose=detail.purpose if detail else None,
        state=request.state,
        received_at=request.received_at,
        decided_at=request.decided_at,
        reason=reason,
    )


def _grounds_note(grounds: str | None) -> str:
    return (
        "compelling legitimate grounds for the processing override the objection "
        f"(GDPR art. 21(1)): {(grounds or '').strip()}"
    )
