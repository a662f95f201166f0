"""The public form and status page (Q14), and a client user's own requests."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse

from chassis.database import SessionDep
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.intake.answers import answer_error, wrong_code
from privacy.intake.download_links import export_download_link
from privacy.intake.errors import IntakeError, IntakeGoneError
from privacy.intake.own_views import router as own_router
from privacy.intake.schemas import (
    IntakeAccepted,
    IntakeStateOut,
    IntakeStatus,
    PublicRequestStatus,
    PublicVerification,
    RequestForm,
    StatusToken,
    StatusTokenIn,
    WithdrawalOut,
)
from privacy.intake.service import (
    IntakeState,
    intake_state,
    public_intake,
    requests_of,
    submit_public_request,
    verify_public_request,
    withdraw_public_request,
)
from privacy.intake.verification import CodeCheck
from privacy.requests.deadlines import days_left, due_on

router = APIRouter()
router.include_router(own_router)


@router.post(
    "/public/requests", status_code=status.HTTP_202_ACCEPTED, response_model=IntakeAccepted
)
async def submit(
    form: RequestForm, session: SessionDep, settings: SettingsDep, now: Now
) -> IntakeAccepted:
    try:
        async with session.begin():
            new = await submit_public_request(session, settings=settings, form=form, now=now)
    except IntakeError as error:
        raise answer_error(error) from None
    return IntakeAccepted(intake_id=new.intake.id, status_token=new.status_token)


@router.post(
    "/public/requests/{intake_id}/verification",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=IntakeStateOut,
    responses={400: {"description": "Wrong code; attempts left"}, 410: {"description": "Dead"}},
)
async def verify(
    intake_id: UUID, body: PublicVerification, session: SessionDep, now: Now
) -> IntakeStateOut | JSONResponse:
    try:
        async with session.begin():
            outcome = await verify_public_request(
                session,
                intake_id=intake_id,
                status_token=body.status_token,
                code=body.code,
                now=now,
            )
    except IntakeError as error:
        raise answer_error(error) from None
    if outcome.check is CodeCheck.WRONG:
        return wrong_code(outcome)
    if outcome.check is CodeCheck.GONE:
        raise answer_error(IntakeGoneError())
    return IntakeStateOut(state=IntakeState.DISCOVERING)


@router.get("/public/requests/{intake_id}", response_model=IntakeStatus)
async def read_status(
    intake_id: UUID,
    status_token: Annotated[StatusToken, Query()],
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> IntakeStatus:
    try:
        async with session.begin():
            intake = await public_intake(session, intake_id=intake_id, status_token=status_token)
            requests = await requests_of(session, intake_id=intake.id)
            items = [
                PublicRequestStatus(
                    reference=request.reference,
                    request_type=request.request_type,
                    state=request.state,
                    due_on=due_on(request.due_at),
                    days_left=days_left(request.due_at, now),
                    download_link=await export_download_link(
                        session, settings=settings, request=request, now=now
                    ),
                )
                for request in requests
            ]
    except IntakeError as error:
        raise answer_error(error) from None
    return IntakeStatus(state=intake_state(intake, now=now), requests=items)


@router.post("/public/requests/{intake_id}/withdrawal", response_model=WithdrawalOut)
async def withdraw(
    intake_id: UUID, body: StatusTokenIn, session: SessionDep, now: Now
) -> WithdrawalOut:
    try:
        async with session.begin():
            withdrawal = await withdraw_public_request(
                session, intake_id=intake_id, status_token=body.status_token, now=now
            )
    except IntakeError as error:
        raise answer_error(error) from None
    return WithdrawalOut(
        state=withdrawal.state,
        withdrawn=withdrawal.withdrawn,
        past_point_of_no_return=withdrawal.past_point_of_no_return,
    )
