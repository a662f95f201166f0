"""The public form (Q14): an intake, its emailed code, its status and its withdrawal."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import hold_audit_chain
from privacy.database import new_id
from privacy.intake.codes import new_status_token, token_hash, token_matches
from privacy.intake.discovery import ask_discovery, forget_subject, open_stale_discoveries
from privacy.intake.errors import AlreadyVerifiedError, IntakeGoneError, IntakeNotFoundError
from privacy.intake.models import Intake, IntakeKind
from privacy.intake.schemas import RequestForm
from privacy.intake.throttle import count_submission, forget_old_submissions
from privacy.intake.verification import CodeCheck, CodeOutcome, check_code, email_code, set_new_code
from privacy.requests.decisions import withdraw
from privacy.requests.models import DataSubjectRequest
from privacy.requests.states import OPEN, RequestState, is_before_point_of_no_return
from privacy.settings import Settings


class IntakeState(StrEnum):
    AWAITING_CODE = "awaiting_code"
    DISCOVERING = "discovering"
    OPENED = "opened"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


@dataclass(frozen=True)
class NewIntake:
    intake: Intake
    status_token: str
    """Returned once, never stored in clear."""


@dataclass(frozen=True)
class Withdrawal:
    state: IntakeState
    withdrawn: list[str]
    past_point_of_no_return: list[str]


async def submit_public_request(
    session: AsyncSession, *, settings: Settings, form: RequestForm, now: datetime
) -> NewIntake:
    """Takes the form in (throttled per address) and emails a code to the address; nothing
    says whether the address is known anywhere."""
    await count_submission(session, settings=settings, email=form.email, now=now)
    intake = Intake(
        id=new_id(),
        kind=IntakeKind.PUBLIC_FORM,
        email=form.email,
        request_type=form.request_type,
        language=form.language,
        restrict=form.restrict,
        corrected_email=form.corrected_email,
        corrected_name=form.corrected_name,
        received_at=now,
    )
    code = set_new_code(intake, settings=settings, now=now)
    status_token = new_status_token()
    intake.status_token_hash = token_hash(status_token)
    session.add(intake)
    await email_code(session, email=form.email, language=form.language, code=code, tenant_id=None)
    return NewIntake(intake=intake, status_token=status_token)


async def verify_public_request(
    session: AsyncSession, *, intake_id: UUID, status_token: str, code: str, now: datetime
) -> CodeOutcome:
    """The right code verifies the address and starts discovery; a wrong one spends an
    attempt; a dead code kills the intake, whose address is forgotten at once."""
    intake = await public_intake(session, intake_id=intake_id, status_token=status_token, lock=True)
    if intake.verified_at is not None:
        raise AlreadyVerifiedError
    if intake.withdrawn_at is not None or intake.email is None:
        raise IntakeGoneError
    outcome = check_code(intake, code=code, now=now)
    if outcome.check is CodeCheck.GONE:
        forget_subject(intake)
    elif outcome.check is CodeCheck.ACCEPTED:
        intake.verified_at = now
        await ask_discovery(session, intake=intake)
    return outcome


async def public_intake(
    session: AsyncSession, *, intake_id: UUID, status_token: str, lock: bool = False
) -> Intake:
    """The public intake the status token opens; ``IntakeNotFoundError`` otherwise."""
    query = select(Intake).where(Intake.id == intake_id, Intake.kind == IntakeKind.PUBLIC_FORM)
    if lock:
        await hold_audit_chain(session)
    intake = await session.scalar(query.with_for_update() if lock else query)
    if intake is None or not token_matches(status_token, intake.status_token_hash):
        raise IntakeNotFoundError
    return intake


def intake_state(intake: Intake, *, now: datetime) -> IntakeState:
    if intake.opened_at is not None:
        return IntakeState.OPENED
    if intake.withdrawn_at is not None:
        return IntakeState.WITHDRAWN
    if intake.verified_at is not None:
        return IntakeState.DISCOVERING
    if intake.code_hash is None or now >= intake.code_expires_at:
        return IntakeState.EXPIRED
    return IntakeState.AWAITING_CODE


async def requests_of(session: AsyncSession, *, intake_id: UUID) -> list[DataSubjectRequest]:
    found = await session.scalars(
        select(DataSubjectRequest)
        .where(DataSubjectRequest.intake_id == intake_id)
        .order_by(DataSubjectRequest.reference)
    )
    return list(found)


async def withdraw_public_request(
    session: AsyncSession, *, intake_id: UUID, status_token: str, now: datetime
) -> Withdrawal:
    """Withdraws every open request of the intake still before its point of no return; an
    intake not opened yet is withdrawn whole (its address forgotten, later replies ignored)."""
    intake = await public_intake(session, intake_id=intake_id, status_token=status_token, lock=True)
    if intake.opened_at is None:
        if intake.withdrawn_at is None:
            intake.withdrawn_at = now
            intake.code_hash = None
            forget_subject(intake)
        return Withdrawal(state=IntakeState.WITHDRAWN, withdrawn=[], past_point_of_no_return=[])
    withdrawn: list[str] = []
    kept: list[str] = []
    requests = await session.scalars(
        select(DataSubjectRequest)
        .where(DataSubjectRequest.intake_id == intake.id)
        .order_by(DataSubjectRequest.reference)
        .with_for_update()
    )
    for request in requests.all():
        state = RequestState(request.state)
        if state not in OPEN:
            continue
        if is_before_point_of_no_return(state):
            await withdraw(session, request=request, now=now)
            withdrawn.append(request.reference)
        else:
            kept.append(request.reference)
    return Withdrawal(state=IntakeState.OPENED, withdrawn=withdrawn, past_point_of_no_return=kept)


async def close_stale_intakes(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Opens the requests of verified intakes whose discovery replies stopped coming, and
    forgets expired unverified intakes; how many intakes."""
    opened = await open_stale_discoveries(session, settings=settings, now=now)
    expired = await session.execute(
        delete(Intake).where(
            Intake.verified_at.is_(None),
            or_(Intake.code_expires_at <= now, Intake.code_hash.is_(None)),
        )
    )
    await forget_old_submissions(session, now=now)
    return opened + int(expired.rowcount)  # type: ignore[attr-defined]
