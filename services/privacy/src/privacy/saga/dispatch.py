"""Creating a request's jobs and sending them to the data services through the outbox.

The jobs of one step sent together share one event that names their services: every data
service receives it, and only those named act on it.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.vocabulary import DataService
from privacy.requests.models import DataSubjectRequest
from privacy.saga.models import JobStatus, JobStep, ServiceJob
from privacy.saga.plan import PlannedJob, Subject, job_event
from privacy.settings import Settings


async def add_jobs(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    planned: Sequence[PlannedJob],
    now: datetime,
) -> list[ServiceJob]:
    """The planned jobs as rows: queued, or skipped with their reason."""
    jobs = [
        ServiceJob(
            request_id=request.id,
            service=plan.service,
            step=plan.step,
            status=JobStatus.QUEUED if plan.skip_reason is None else JobStatus.SKIPPED,
            skipped_reason=plan.skip_reason,
            finished_at=None if plan.skip_reason is None else now,
            attempts=0,
            parts_received=[],
        )
        for plan in planned
    ]
    session.add_all(jobs)
    await session.flush()
    return jobs


async def dispatch(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    jobs: Sequence[ServiceJob],
    subject: Subject,
    settings: Settings,
    now: datetime,
) -> None:
    """Publishes one event per step of ``jobs``, naming their services (committed with the
    caller's transaction); the jobs are running, each sent once more."""
    steps = list(dict.fromkeys(JobStep(job.step) for job in jobs))
    for step in steps:
        services = [DataService(job.service) for job in jobs if job.step == step]
        await publish(
            session,
            job_event(request, step, subject, settings, services=services),
            tenant_id=subject.tenant_id,
            subject_ref=subject.subject_ref,
        )
    for job in jobs:
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.dispatched_at = now
        job.next_attempt_at = None
        job.parts_received = []
