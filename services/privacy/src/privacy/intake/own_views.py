"""A client user's requests about their own data (any client role; never another user's)."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse

from chassis.auth.dependencies import ClientViewer
from chassis.database import SessionDep
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.intake.answers import answer_error, wrong_code
from privacy.intake.errors import IntakeError, IntakeGoneError
from privacy.intake.schemas import (
    CodeIn,
    OwnRequest,
    OwnRequestCreated,
    OwnRequestPage,
    RequestForm,
)
from privacy.intake.self_service import (
    open_own_request,
    own_request,
    own_requests,
    verify_own_request,
)
from privacy.intake.verification import CodeCheck
from privacy.requests.deadlines import days_left, due_on
from privacy.requests.models import DataSubjectRequest

router = APIRouter(prefix="/me/requests")

MAX_PAGE_SIZE = 100


def _summary(request: DataSubjectRequest, *, now: datetime) -> OwnRequest:
    return OwnRequest(
        id=request.id,
        reference=request.reference,
        request_type=request.request_type,
        state=request.state,
        received_at=request.received_at,
        due_on=due_on(request.due_at),
        days_left=days_left(request.due_at, now),
    )


@router.post("", status_code=status.HTTP_201_CREATED, response_model=OwnRequestCreated)
async def open_own(
    form: RequestForm, principal: ClientViewer, session: SessionDep, settings: SettingsDep, now: Now
) -> OwnRequestCreated:
    assert principal.tenant_id is not None  # ClientViewer guarantees it
    try:
        async with session.begin():
            request = await open_own_request(
                session,
                settings=settings,
                tenant_id=principal.tenant_id,
                user_id=principal.user_id,
                form=form,
                now=now,
            )
    except IntakeError as error:
        raise answer_error(error) from None
    return OwnRequestCreated(id=request.id, reference=request.reference, state=request.state)


@router.post(
    "/{request_id}/verification",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=OwnRequestCreated,
    responses={400: {"description": "Wrong code; attempts left"}, 410: {"description": "Dead"}},
)
async def verify_own(
    request_id: UUID,
    body: CodeIn,
    principal: ClientViewer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> OwnRequestCreated | JSONResponse:
    assert principal.tenant_id is not None
    try:
        async with session.begin():
            request, outcome = await verify_own_request(
                session,
                settings=settings,
                tenant_id=principal.tenant_id,
                user_id=principal.user_id,
                request_id=request_id,
                code=body.code,
                now=now,
            )
    except IntakeError as error:
        raise answer_error(error) from None
    if outcome.check is CodeCheck.WRONG:
        return wrong_code(outcome)
    if outcome.check is CodeCheck.GONE:
        raise answer_error(IntakeGoneError())
    return OwnRequestCreated(id=request.id, reference=request.reference, state=request.state)


@router.get("", response_model=OwnRequestPage)
async def list_own(
    principal: ClientViewer,
    session: SessionDep,
    now: Now,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> OwnRequestPage:
    assert principal.tenant_id is not None
    async with session.begin():
        requests, total = await own_requests(
            session,
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            page=page,
            page_size=page_size,
        )
    return OwnRequestPage(
        items=[_summary(request, now=now) for request in requests],
        total=total,
        page=page,
        page_size=page_size,
    )


@router.get("/{request_id}", response_model=OwnRequest)
async def read_own(
    request_id: UUID, principal: ClientViewer, session: SessionDep, now: Now
) -> OwnRequest:
    assert principal.tenant_id is not None
    try:
        async with session.begin():
            request = await own_request(
                session,
                tenant_id=principal.tenant_id,
                user_id=principal.user_id,
                request_id=request_id,
            )
    except IntakeError as error:
        raise answer_error(error) from None
    return _summary(request, now=now)
