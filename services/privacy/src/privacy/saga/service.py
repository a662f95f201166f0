from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.receipt import Receipt
from privacy.requests.models import DataSubjectRequest
from privacy.requests.states import Actor, RequestState
from privacy.requests.transitions import move
from privacy.saga.dispatch import add_jobs, dispatch
from privacy.saga.models import JobStatus, JobStep, ServiceJob
from privacy.saga.plan import Subject, plan_jobs, subject_of
from privacy.saga.progress import advance, finish_job, flag_failed, jobs_of, unsettled, waits
from privacy.saga.receipts import take_receipt
from privacy.saga.status import job_summary
from privacy.settings import Settings

_NO_SUBJECT = "the request names no client or person for the data services to act on"


async def start_saga(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> None:
    """Starts an approved request's jobs, one per data service (not before ``starts_after``:
    the scheduler starts it then). The caller commits."""
    if request.state != RequestState.APPROVED:
        return
    if request.starts_after is not None and request.starts_after > now:
        return
    await move(session, request=request, to=RequestState.IN_PROGRESS, actor=Actor.SYSTEM, now=now)
    subject = _subject(request, settings)
    if subject is None:
        await flag_failed(session, request=request, reason=_NO_SUBJECT, now=now)
        return
    if not await jobs_of(session, request.id):
        await add_jobs(session, request=request, planned=plan_jobs(request), now=now)
    await advance(session, request=request, settings=settings, now=now)


async def retry_failed(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> None:
    """A failed request back in progress: only its jobs not done are sent again."""
    await move(
        session,
        request=request,
        to=RequestState.IN_PROGRESS,
        actor=Actor.PRIVACY_OFFICER,
        now=now,
        note="retried by staff",
    )
    request.failure_reason = None
    if _subject(request, settings) is None:
        await flag_failed(session, request=request, reason=_NO_SUBJECT, now=now)
        return
    jobs = await jobs_of(session, request.id, for_update=True)
    for job in unsettled(jobs):
        job.status = JobStatus.QUEUED
        job.attempts = 0
        job.next_attempt_at = None
    ready = [job for job in unsettled(jobs) if not waits(job, jobs)]
    await resend(session, request=request, jobs=ready, settings=settings, now=now)
    await advance(session, request=request, settings=settings, now=now)


async def resend(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    jobs: Sequence[ServiceJob],
    settings: Settings,
    now: datetime,
) -> None:
    """Sends jobs again. An erasure whose receipt was rejected first offers that receipt once
    more (its service's key may have come since): accepted, the service need not erase again."""
    to_send: list[ServiceJob] = []
    accepted = False
    for job in jobs:
        if job.step == JobStep.ERASE and job.receipt is not None and job.audit_seq is None:
            receipt = Receipt.model_validate(job.receipt)
            error = await take_receipt(session, request=request, job=job, receipt=receipt, now=now)
            if error is None:
                finish_job(job, now=now)
                accepted = True
                continue
        to_send.append(job)
    subject = _subject(request, settings)
    if to_send and subject is not None:
        await dispatch(
            session, request=request, jobs=to_send, subject=subject, settings=settings, now=now
        )
    if accepted:
        await advance(session, request=request, settings=settings, now=now)


async def jobs_for(session: AsyncSession, *, request_id: UUID) -> list[dict[str, object]]:
    """The request's jobs as JSON values for the API: service, step, status, attempts,
    next retry time, last error, receipt summary."""
    return [job_summary(job) for job in await jobs_of(session, request_id)]


def _subject(request: DataSubjectRequest, settings: Settings) -> Subject | None:
    """The request's subject, its ``subject_ref`` kept on the request (the proofs check it)."""
    subject = subject_of(request, settings)
    if subject is not None:
        request.subject_ref = subject.subject_ref
    return subject
