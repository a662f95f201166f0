from datetime import datetime, timedelta
from typing import Final
from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import hold_audit_chain
from privacy.requests.decisions import refuse_if_held
from privacy.requests.models import DataSubjectRequest
from privacy.requests.states import Actor, RequestState
from privacy.saga.models import JobStatus, ServiceJob
from privacy.saga.progress import fail_job
from privacy.saga.service import resend, start_saga
from privacy.settings import Settings

BATCH: Final = 200
"""Rows one pass claims of each kind; the next pass, a second later, takes the rest."""
_RUNNING_REQUEST: Final = (RequestState.IN_PROGRESS, RequestState.COMPLETED)


async def run_due_jobs(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Starts cooled-off approved requests, fails jobs whose reply is overdue and re-sends
    those whose retry time has come; the number of jobs touched."""
    await hold_audit_chain(session)
    started = await _start_cooled_off(session, settings=settings, now=now)
    timed_out = await _fail_silent(session, settings=settings, now=now)
    resent = await _resend_due(session, settings=settings, now=now)
    return started + timed_out + resent


async def _start_cooled_off(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    requests = list(
        await session.scalars(
            select(DataSubjectRequest)
            .where(
                DataSubjectRequest.state == RequestState.APPROVED,
                or_(
                    DataSubjectRequest.starts_after.is_(None),
                    DataSubjectRequest.starts_after <= now,
                ),
            )
            .order_by(DataSubjectRequest.starts_after)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    )
    for request in requests:
        if await refuse_if_held(
            session, settings=settings, request=request, actor=Actor.SYSTEM, now=now
        ):
            continue
        await start_saga(session, request=request, settings=settings, now=now)
    return len(requests)


async def _fail_silent(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Running jobs with no reply within the timeout: failed, to be sent again later."""
    deadline = now - timedelta(seconds=settings.requests.job_reply_timeout_seconds)
    rows = (
        await session.execute(
            select(ServiceJob, DataSubjectRequest)
            .join(DataSubjectRequest, DataSubjectRequest.id == ServiceJob.request_id)
            .where(ServiceJob.status == JobStatus.RUNNING, ServiceJob.dispatched_at <= deadline)
            .order_by(ServiceJob.dispatched_at)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    ).all()
    for job, request in rows:
        error = f"no reply from {job.service}"
        await fail_job(session, request=request, job=job, error=error, settings=settings, now=now)
    return len(rows)


async def _resend_due(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Failed jobs whose retry time has come, of requests still running."""
    rows = (
        await session.execute(
            select(ServiceJob, DataSubjectRequest)
            .join(DataSubjectRequest, DataSubjectRequest.id == ServiceJob.request_id)
            .where(
                DataSubjectRequest.state.in_(_RUNNING_REQUEST),
                ServiceJob.status == JobStatus.FAILED,
                ServiceJob.next_attempt_at <= now,
            )
            .order_by(ServiceJob.next_attempt_at)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    ).all()
    due: dict[UUID, tuple[DataSubjectRequest, list[ServiceJob]]] = {}
    for job, request in rows:
        due.setdefault(request.id, (request, []))[1].append(job)
    for request, jobs in due.values():
        await resend(session, request=request, jobs=jobs, settings=settings, now=now)
    return len(rows)
