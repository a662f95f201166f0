"""The requests API: the privacy officer's dashboard and client admins' own participants'."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Depends, HTTPException, Query, status
from pydantic import AwareDatetime
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.auth.dependencies import ClientAdmin, PrivacyOfficer
from chassis.auth.principal import Principal
from chassis.database import SessionDep
from privacy.audit.service import append_audit
from privacy.audit.staff import audit_staff_action
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.requests import decisions
from privacy.requests.errors import RequestConflictError, RequestInputError
from privacy.requests.extension import extend
from privacy.requests.job_receipts import jobs_with_proofs
from privacy.requests.models import (
    DataSubjectRequest,
    IntakeChannel,
    RequestType,
    SubjectKind,
)
from privacy.requests.paging import PagingDep
from privacy.requests.queries import RequestFilter, Scope, find_request, request_page
from privacy.requests.queries import transitions_of as read_transitions
from privacy.requests.schemas import (
    CancellationBody,
    DecisionBody,
    ExtensionBody,
    NewRequestBody,
    OfficerRequestBody,
    RequestDetail,
    RequestPage,
    RequestSummary,
)
from privacy.requests.service import open_request
from privacy.requests.states import Actor, RequestState, TransitionRefused
from privacy.saga import service as saga
from privacy.settings import Settings

router = APIRouter(tags=["requests"])


MAX_DUE_WITHIN_DAYS = 366
DueWithinDays = Annotated[
    int | None,
    Query(
        ge=0,
        le=MAX_DUE_WITHIN_DAYS,
        description="Only the open requests not overdue with this many days left or fewer "
        "(calendar days, UTC; 0: due today)",
    ),
]
ReceivedSince = Annotated[
    AwareDatetime | None,
    Query(description="Only the requests received at or after this moment (with a time zone)"),
]


def _filters(
    state: RequestState | None = None,
    request_type: RequestType | None = None,
    tenant_id: UUID | None = None,
    overdue: Annotated[bool | None, Query(description="true: only the overdue")] = None,
    due_within_days: DueWithinDays = None,
    received_since: ReceivedSince = None,
) -> RequestFilter:
    return RequestFilter(
        state=state,
        request_type=request_type,
        tenant_id=tenant_id,
        overdue=overdue,
        due_within_days=due_within_days,
        received_since=received_since,
    )


def _client_filters(
    state: RequestState | None = None,
    request_type: RequestType | None = None,
    overdue: bool | None = None,
    due_within_days: DueWithinDays = None,
    received_since: ReceivedSince = None,
) -> RequestFilter:
    return RequestFilter(
        state=state,
        request_type=request_type,
        overdue=overdue,
        due_within_days=due_within_days,
        received_since=received_since,
    )


# Privacy officer


@router.get("/requests")
async def list_requests(
    officer: PrivacyOfficer,
    session: SessionDep,
    paging: PagingDep,
    filters: Annotated[RequestFilter, Depends(_filters)],
    now: Now,
) -> RequestPage:
    async with session.begin():
        rows, total = await request_page(
            session, scope=Scope.privacy_officer(), filters=filters, paging=paging, now=now
        )
    return RequestPage(
        items=[RequestSummary.of(row, now=now) for row in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


@router.post("/requests", status_code=status.HTTP_201_CREATED)
async def enter_request(
    body: OfficerRequestBody,
    officer: PrivacyOfficer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> RequestDetail:
    """A request received by other means, its identity checked by the officer."""
    received_at = body.received_at or now
    if received_at > now:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "received_at is in the future.")
    if body.subject_kind is SubjectKind.CLIENT_USER and body.tenant_id is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "A client user's request names their client."
        )
    async with _refusals(), session.begin():
        opened = await open_request(
            session,
            settings=settings,
            request_type=body.request_type,
            subject_kind=body.subject_kind,
            tenant_id=body.tenant_id,
            email=body.email,
            language=body.language,
            channel=IntakeChannel.PRIVACY_OFFICER,
            received_at=received_at,
            now=now,
            identity_verified=True,
            # The officer enters it verified as received (GDPR art. 12(3)): the month runs
            # from its receipt, not from when it was typed in.
            verified_at=received_at,
            submitted_by=officer.user_id,
            restrict=body.restrict,
            corrected_email=body.corrected_email,
            corrected_name=body.corrected_name,
        )
        return await _detail(session, opened, now=now)


@router.get("/requests/{request_id}")
async def get_request(
    request_id: UUID, officer: PrivacyOfficer, session: SessionDep, now: Now
) -> RequestDetail:
    async with session.begin():
        found = await _found(session, Scope.privacy_officer(), request_id)
        await _audit_viewed(session, officer, found, now)
        return await _detail(session, found, now=now)


@router.post("/requests/{request_id}/decision")
async def decide_request(
    request_id: UUID,
    body: DecisionBody,
    officer: PrivacyOfficer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> RequestDetail:
    async with _refusals(), session.begin():
        found = await _found(session, Scope.privacy_officer(), request_id, for_update=True)
        if found.subject_kind == SubjectKind.PARTICIPANT and found.tenant_id is not None:
            raise RequestConflictError(
                f"request {found.reference} is about a client's participant: "
                "that client's admins decide it (Q11)"
            )
        await _decide(session, settings, found, body, Actor.PRIVACY_OFFICER, officer.user_id, now)
        return await _detail(session, found, now=now)


@router.post("/requests/{request_id}/extension")
async def extend_request(
    request_id: UUID,
    body: ExtensionBody,
    officer: PrivacyOfficer,
    session: SessionDep,
    now: Now,
) -> RequestDetail:
    """GDPR art. 12(3): once, by one or two months, with the reason; the subject is told."""
    async with _refusals(), session.begin():
        found = await _found(session, Scope.privacy_officer(), request_id, for_update=True)
        await extend(
            session,
            request=found,
            months=body.months,
            reason=body.reason,
            actor=Actor.PRIVACY_OFFICER,
            actor_id=officer.user_id,
            now=now,
        )
        return await _detail(session, found, now=now)


@router.post("/requests/{request_id}/cancellation")
async def cancel_request(
    request_id: UUID,
    officer: PrivacyOfficer,
    session: SessionDep,
    now: Now,
    body: Annotated[CancellationBody | None, Body()] = None,
) -> RequestDetail:
    async with _refusals(), session.begin():
        found = await _found(session, Scope.privacy_officer(), request_id, for_update=True)
        await decisions.cancel(
            session,
            request=found,
            actor=Actor.PRIVACY_OFFICER,
            actor_id=officer.user_id,
            now=now,
            note=body.note if body else None,
        )
        return await _detail(session, found, now=now)


@router.post("/requests/{request_id}/retry")
async def retry_request(
    request_id: UUID,
    officer: PrivacyOfficer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> RequestDetail:
    """A failed request back in progress; only the jobs not done are sent again."""
    async with _refusals(), session.begin():
        found = await _found(session, Scope.privacy_officer(), request_id, for_update=True)
        if found.state != RequestState.FAILED:
            raise TransitionRefused(
                RequestState(found.state), RequestState.IN_PROGRESS, Actor.PRIVACY_OFFICER
            )
        await append_audit(
            session,
            action="request.retry_asked",
            actor=Actor.PRIVACY_OFFICER,
            actor_id=officer.user_id,
            request_id=found.id,
            at=now,
            details={"state": found.state},
        )
        await saga.retry_failed(session, request=found, settings=settings, now=now)
        return await _detail(session, found, now=now)


# Client admin: its own participants' requests only (another client's are 404)


@router.get("/client/requests")
async def list_client_requests(
    admin: ClientAdmin,
    session: SessionDep,
    paging: PagingDep,
    filters: Annotated[RequestFilter, Depends(_client_filters)],
    now: Now,
) -> RequestPage:
    async with session.begin():
        rows, total = await request_page(
            session, scope=_client_scope(admin.tenant_id), filters=filters, paging=paging, now=now
        )
    return RequestPage(
        items=[RequestSummary.of(row, now=now) for row in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


@router.post("/client/requests", status_code=status.HTTP_201_CREATED)
async def enter_client_request(
    body: NewRequestBody,
    admin: ClientAdmin,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> RequestDetail:
    """A request about one of the client's participants, approved by its admin at once."""
    async with _refusals(), session.begin():
        opened = await open_request(
            session,
            settings=settings,
            request_type=body.request_type,
            subject_kind=SubjectKind.PARTICIPANT,
            tenant_id=admin.tenant_id,
            email=body.email,
            language=body.language,
            channel=IntakeChannel.CLIENT_ADMIN,
            received_at=now,
            now=now,
            identity_verified=True,
            submitted_by=admin.user_id,
            restrict=body.restrict,
            corrected_email=body.corrected_email,
            corrected_name=body.corrected_name,
        )
        return await _detail(session, opened, now=now)


@router.get("/client/requests/{request_id}")
async def get_client_request(
    request_id: UUID, admin: ClientAdmin, session: SessionDep, now: Now
) -> RequestDetail:
    async with session.begin():
        found = await _found(session, _client_scope(admin.tenant_id), request_id)
        await _audit_viewed(session, admin, found, now)
        return await _detail(session, found, now=now)


@router.post("/client/requests/{request_id}/decision")
async def decide_client_request(
    request_id: UUID,
    body: DecisionBody,
    admin: ClientAdmin,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> RequestDetail:
    async with _refusals(), session.begin():
        scope = _client_scope(admin.tenant_id)
        found = await _found(session, scope, request_id, for_update=True)
        await _decide(session, settings, found, body, Actor.CLIENT_ADMIN, admin.user_id, now)
        return await _detail(session, found, now=now)


@router.post("/client/requests/{request_id}/cancellation")
async def cancel_client_request(
    request_id: UUID,
    admin: ClientAdmin,
    session: SessionDep,
    now: Now,
    body: Annotated[CancellationBody | None, Body()] = None,
) -> RequestDetail:
    async with _refusals(), session.begin():
        found = await _found(session, _client_scope(admin.tenant_id), request_id, for_update=True)
        await decisions.cancel(
            session,
            request=found,
            actor=Actor.CLIENT_ADMIN,
            actor_id=admin.user_id,
            now=now,
            note=body.note if body else None,
        )
        return await _detail(session, found, now=now)


def _client_scope(tenant_id: UUID | None) -> Scope:
    if tenant_id is None:  # ClientAdmin guarantees a tenant
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only a client's users can use this.")
    return Scope.client_admin(tenant_id)


async def _found(
    session: AsyncSession, scope: Scope, request_id: UUID, *, for_update: bool = False
) -> DataSubjectRequest:
    found = await find_request(session, scope=scope, request_id=request_id, for_update=for_update)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such request.")
    return found


async def _audit_viewed(
    session: AsyncSession, staff: Principal, request: DataSubjectRequest, now: datetime
) -> None:
    """The detail shows the subject's address: reading it is a staff action (Q15)."""
    await audit_staff_action(
        session,
        principal=staff,
        action="request.viewed",
        at=now,
        request_id=request.id,
        details={"state": request.state},
    )


async def _decide(
    session: AsyncSession,
    settings: Settings,
    request: DataSubjectRequest,
    body: DecisionBody,
    actor: Actor,
    actor_id: UUID,
    now: datetime,
) -> None:
    await decisions.decide(
        session,
        settings=settings,
        request=request,
        approved=body.decision == "approve",
        denial_reason=body.denial_reason,
        note=body.note,
        actor=actor,
        actor_id=actor_id,
        now=now,
    )


async def _detail(
    session: AsyncSession, request: DataSubjectRequest, *, now: datetime
) -> RequestDetail:
    await session.flush()
    return RequestDetail.of_parts(
        request,
        transitions=await read_transitions(session, request_id=request.id),
        jobs=await jobs_with_proofs(session, request_id=request.id),
        now=now,
    )


@asynccontextmanager
async def _refusals() -> AsyncIterator[None]:
    """A move the table refuses, or a request not in a state for it: 409; bad input: 422."""
    try:
        yield
    except (TransitionRefused, RequestConflictError) as refused:
        raise HTTPException(status.HTTP_409_CONFLICT, _sentence(str(refused))) from None
    except RequestInputError as invalid:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, _sentence(str(invalid))
        ) from None


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + "."
