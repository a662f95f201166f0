"""A client user's request about their own data (point 3c): opened at once, awaiting the
emailed code that proves the address is theirs (Q14)."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import hold_audit_chain
from privacy.database import new_id
from privacy.intake.errors import AlreadyVerifiedError, IntakeGoneError, IntakeNotFoundError
from privacy.intake.models import Intake, IntakeKind
from privacy.intake.schemas import RequestForm
from privacy.intake.throttle import count_submission
from privacy.intake.verification import CodeCheck, CodeOutcome, check_code, email_code, set_new_code
from privacy.requests.models import DataSubjectRequest, IntakeChannel, SubjectKind
from privacy.requests.service import confirm_identity, open_request
from privacy.requests.states import RequestState
from privacy.settings import Settings


async def open_own_request(
    session: AsyncSession,
    *,
    settings: Settings,
    tenant_id: UUID,
    user_id: UUID,
    form: RequestForm,
    now: datetime,
) -> DataSubjectRequest:
    await count_submission(session, settings=settings, email=form.email, now=now)
    request = await open_request(
        session,
        settings=settings,
        request_type=form.request_type,
        subject_kind=SubjectKind.CLIENT_USER,
        tenant_id=tenant_id,
        email=form.email,
        language=form.language,
        channel=IntakeChannel.CLIENT_USER,
        received_at=now,
        now=now,
        identity_verified=False,
        submitted_by=user_id,
        restrict=form.restrict,
        corrected_email=form.corrected_email,
        corrected_name=form.corrected_name,
    )
    intake = Intake(
        id=new_id(),
        kind=IntakeKind.SELF_SERVICE,
        email=None,
        request_type=form.request_type,
        language=form.language,
        received_at=now,
        request_id=request.id,
        tenant_id=tenant_id,
        submitted_by=user_id,
    )
    code = set_new_code(intake, settings=settings, now=now)
    session.add(intake)
    await email_code(
        session, email=form.email, language=form.language, code=code, tenant_id=tenant_id
    )
    return request


async def verify_own_request(
    session: AsyncSession,
    *,
    settings: Settings,
    tenant_id: UUID,
    user_id: UUID,
    request_id: UUID,
    code: str,
    now: datetime,
) -> tuple[DataSubjectRequest, CodeOutcome]:
    request = await own_request(
        session, tenant_id=tenant_id, user_id=user_id, request_id=request_id, lock=True
    )
    if request.state != RequestState.AWAITING_VERIFICATION:
        raise AlreadyVerifiedError
    intake = await session.scalar(
        select(Intake)
        .where(Intake.request_id == request.id, Intake.kind == IntakeKind.SELF_SERVICE)
        .with_for_update()
    )
    if intake is None:
        raise IntakeGoneError
    outcome = check_code(intake, code=code, now=now)
    if outcome.check is CodeCheck.ACCEPTED:
        await confirm_identity(session, settings=settings, request=request, now=now)
        await session.execute(delete(Intake).where(Intake.id == intake.id))
    return request, outcome


async def own_request(
    session: AsyncSession, *, tenant_id: UUID, user_id: UUID, request_id: UUID, lock: bool = False
) -> DataSubjectRequest:
    """One of the user's own requests; ``IntakeNotFoundError`` for anyone else's."""
    query = select(DataSubjectRequest).where(
        DataSubjectRequest.id == request_id, *_own(tenant_id=tenant_id, user_id=user_id)
    )
    if lock:
        await hold_audit_chain(session)
    request = await session.scalar(query.with_for_update() if lock else query)
    if request is None:
        raise IntakeNotFoundError
    return request


async def own_requests(
    session: AsyncSession, *, tenant_id: UUID, user_id: UUID, page: int, page_size: int
) -> tuple[list[DataSubjectRequest], int]:
    """The user's own requests, newest first, one page, and how many there are."""
    own = _own(tenant_id=tenant_id, user_id=user_id)
    total = await session.scalar(select(func.count()).select_from(DataSubjectRequest).where(*own))
    found = await session.scalars(
        select(DataSubjectRequest)
        .where(*own)
        .order_by(DataSubjectRequest.received_at.desc(), DataSubjectRequest.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    return list(found), int(total or 0)


def _own(*, tenant_id: UUID, user_id: UUID) -> tuple[ColumnElement[bool], ...]:
    return (
        DataSubjectRequest.tenant_id == tenant_id,
        DataSubjectRequest.submitted_by == user_id,
        DataSubjectRequest.channel == IntakeChannel.CLIENT_USER,
    )
