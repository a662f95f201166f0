"""How a request moves as its jobs finish or fail: the next phase, completion, failure."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.logs import get_logger
from contracts.events.notifications import NoticeTemplate
from privacy.exports.service import finish_export
from privacy.notices import notify_subject
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.requests.states import Actor, RequestState
from privacy.requests.transitions import move
from privacy.saga.dispatch import add_jobs, dispatch
from privacy.saga.exceptions import erasure_exceptions
from privacy.saga.models import SETTLED, JobStatus, JobStep, ServiceJob
from privacy.saga.plan import plan_verification, subject_of
from privacy.settings import Settings

_log = get_logger("privacy.saga")

_RUNS = frozenset({RequestState.IN_PROGRESS, RequestState.COMPLETED})
"""States in which a request's jobs are sent, and failing ones sent again."""
_EXPORTS = frozenset({RequestType.EXPORT, RequestType.ACCESS})


async def jobs_of(
    session: AsyncSession, request_id: UUID, *, for_update: bool = False
) -> list[ServiceJob]:
    query = select(ServiceJob).where(ServiceJob.request_id == request_id)
    if for_update:
        query = query.with_for_update()
    return list(await session.scalars(query.order_by(ServiceJob.created_at, ServiceJob.service)))


def finish_job(job: ServiceJob, *, now: datetime) -> None:
    job.status = JobStatus.DONE
    job.finished_at = now
    job.next_attempt_at = None


async def fail_job(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    job: ServiceJob,
    error: str,
    settings: Settings,
    now: datetime,
) -> None:
    """Failed, sent again after its backoff; after the last one the request fails, for staff
    to retry."""
    backoff = settings.requests.job_backoff_seconds
    job.status = JobStatus.FAILED
    job.error = error
    job.finished_at = None
    retrying = job.attempts < len(backoff) and runs(request)
    job.next_attempt_at = (
        now + timedelta(seconds=backoff[max(job.attempts - 1, 0)]) if retrying else None
    )
    _log.warning(
        "saga job failed",
        request_id=str(request.id),
        service=job.service,
        step=job.step,
        attempts=job.attempts,
        error=error,
        retrying=retrying,
    )
    if not retrying:
        await flag_failed(
            session, request=request, reason=f"{job.service} {job.step}: {error}", now=now
        )


async def flag_failed(
    session: AsyncSession, *, request: DataSubjectRequest, reason: str, now: datetime
) -> None:
    """The request fails (retryable by staff), unless it already has."""
    if runs(request):
        request.failure_reason = reason
        await move(
            session,
            request=request,
            to=RequestState.FAILED,
            actor=Actor.SYSTEM,
            now=now,
            note=reason,
        )


async def advance(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> None:
    """Sends the queued jobs whose turn has come, and moves the request on once every job of
    its current phase is settled: an erasure to its verification and then to ``verified``; any
    other request to ``completed``, the subject told. A failed request whose jobs all answered
    late goes on where it stopped."""
    jobs = await jobs_of(session, request.id)
    verification = [job for job in jobs if job.step == JobStep.VERIFY]
    phase = verification or jobs
    pending = unsettled(phase)
    if not phase or any(job.status != JobStatus.QUEUED for job in pending):
        return
    if request.state == RequestState.FAILED:
        await _move(session, request, RequestState.IN_PROGRESS, now, "every job has answered")
    if pending:
        await _send_ready(session, request=request, jobs=phase, settings=settings, now=now)
    elif verification:
        await _verified(session, request=request, now=now)
    elif request.state == RequestState.IN_PROGRESS:
        await _first_phase_done(session, request=request, jobs=jobs, settings=settings, now=now)


async def _send_ready(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    jobs: Sequence[ServiceJob],
    settings: Settings,
    now: datetime,
) -> None:
    subject = subject_of(request, settings)
    ready = [job for job in unsettled(jobs) if not waits(job, jobs)]
    if subject is not None and runs(request):
        await dispatch(
            session, request=request, jobs=ready, subject=subject, settings=settings, now=now
        )


async def _first_phase_done(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    jobs: Sequence[ServiceJob],
    settings: Settings,
    now: datetime,
) -> None:
    request_type = RequestType(request.request_type)
    if request_type is RequestType.ERASURE:
        request.exception_note = erasure_exceptions(jobs)
        await _move(session, request, RequestState.COMPLETED, now)
        await _verify(session, request=request, settings=settings, now=now)
        return
    parameters = {"reference": request.reference}
    if request_type in _EXPORTS:
        parameters["link"] = await finish_export(
            session, request=request, settings=settings, now=now
        )
    await _move(session, request, RequestState.COMPLETED, now)
    await notify_subject(
        session,
        request=request,
        template=NoticeTemplate.PRIVACY_REQUEST_COMPLETED,
        parameters=parameters,
    )


async def _verify(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> None:
    subject = subject_of(request, settings)
    if subject is None:  # the erasure itself ran for this subject: not reached
        raise ValueError("an erasure without its subject")
    jobs = await add_jobs(session, request=request, planned=plan_verification(), now=now)
    await dispatch(session, request=request, jobs=jobs, subject=subject, settings=settings, now=now)


async def _verified(session: AsyncSession, *, request: DataSubjectRequest, now: datetime) -> None:
    if request.state == RequestState.IN_PROGRESS:
        await _move(session, request, RequestState.COMPLETED, now)
    if request.state != RequestState.COMPLETED:
        return
    await _move(session, request, RequestState.VERIFIED, now, "every service's re-export is empty")
    await notify_subject(
        session,
        request=request,
        template=NoticeTemplate.PRIVACY_REQUEST_COMPLETED,
        parameters={"reference": request.reference},
    )


async def _move(
    session: AsyncSession,
    request: DataSubjectRequest,
    to: RequestState,
    now: datetime,
    note: str | None = None,
) -> None:
    await move(session, request=request, to=to, actor=Actor.SYSTEM, now=now, note=note)
    if to in (RequestState.IN_PROGRESS, RequestState.COMPLETED, RequestState.VERIFIED):
        request.failure_reason = None


def runs(request: DataSubjectRequest) -> bool:
    """Whether the request's jobs are sent (and failed ones sent again) now."""
    return RequestState(request.state) in _RUNS


def unsettled(jobs: Sequence[ServiceJob]) -> list[ServiceJob]:
    return [job for job in jobs if JobStatus(job.status) not in SETTLED]


def waits(job: ServiceJob, jobs: Sequence[ServiceJob]) -> bool:
    """A re-key waits until every rectification is settled: analytics moves the person to
    the new ``subject_ref`` only once the services that hold the email use it too."""
    return job.step == JobStep.REKEY and any(
        other.step == JobStep.RECTIFY and JobStatus(other.status) not in SETTLED for other in jobs
    )
