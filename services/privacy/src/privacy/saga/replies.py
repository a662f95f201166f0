"""What a data service's reply does to its job, and then to the request."""

from datetime import datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.logs import get_logger
from contracts.events.privacy_replies import (
    RequestReply,
    RestrictionApplied,
    SubjectErased,
    SubjectExported,
    SubjectRectified,
)
from contracts.vocabulary import DataService
from privacy.audit.service import hold_audit_chain
from privacy.exports.service import store_export_part
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.saga.models import SETTLED, JobStatus, JobStep, ServiceJob
from privacy.saga.progress import advance, fail_job, finish_job, flag_failed
from privacy.saga.receipts import take_receipt
from privacy.saga.verification import DATA_LEFT, categories_left, data_left_error
from privacy.settings import Settings

_log = get_logger("privacy.saga")

_STEPS: Final[dict[type[RequestReply], tuple[JobStep, ...]]] = {
    SubjectErased: (JobStep.ERASE,),
    SubjectRectified: (JobStep.RECTIFY, JobStep.REKEY),
    RestrictionApplied: (JobStep.RESTRICT,),
}


async def apply_reply(
    session: AsyncSession, *, reply: RequestReply, settings: Settings, now: datetime
) -> None:
    """Settles the reply's job and moves the request on. A reply for an unknown request or
    job, or for a job already settled, changes nothing (replies may come twice)."""
    await hold_audit_chain(session)
    request = await session.scalar(
        select(DataSubjectRequest)
        .where(DataSubjectRequest.id == reply.request_id)
        .with_for_update()
    )
    if request is None:
        return
    job = await session.scalar(
        select(ServiceJob)
        .where(
            ServiceJob.request_id == request.id,
            ServiceJob.service == reply.service,
            ServiceJob.step.in_(_steps_for(reply, request)),
        )
        .with_for_update()
    )
    if job is None or JobStatus(job.status) in SETTLED:
        return
    if isinstance(reply, SubjectErased):
        error = await take_receipt(
            session, request=request, job=job, receipt=reply.receipt, now=now
        )
        if error is not None:
            await fail_job(
                session, request=request, job=job, error=error, settings=settings, now=now
            )
            return
        finish_job(job, now=now)
    elif isinstance(reply, SubjectExported) and job.step == JobStep.VERIFY:
        await _verify_part(session, request=request, job=job, reply=reply, now=now)
    elif isinstance(reply, SubjectExported):
        if await store_export_part(
            session,
            request_id=request.id,
            service=DataService(reply.service),
            part=reply.part,
            total_parts=reply.total_parts,
            categories=dict(reply.categories),
        ):
            finish_job(job, now=now)
    else:
        finish_job(job, now=now)
    await advance(session, request=request, settings=settings, now=now)


def _steps_for(reply: RequestReply, request: DataSubjectRequest) -> tuple[JobStep, ...]:
    if isinstance(reply, SubjectExported):
        erasure = request.request_type == RequestType.ERASURE
        return (JobStep.VERIFY,) if erasure else (JobStep.EXPORT,)
    return _STEPS.get(type(reply), ())


async def _verify_part(
    session: AsyncSession,
    *,
    request: DataSubjectRequest,
    job: ServiceJob,
    reply: SubjectExported,
    now: datetime,
) -> None:
    """An empty part counts toward the service's empty re-export; one holding anything fails
    the job and flags the request (verify after delete: not completed)."""
    left = categories_left(reply.categories)
    if left:
        job.status = JobStatus.FAILED
        job.error = data_left_error(job.error, left)
        job.next_attempt_at = None
        _log.warning(
            "re-export after erasure not empty",
            request_id=str(request.id),
            service=job.service,
            categories=left,
        )
        await flag_failed(
            session, request=request, reason=f"{job.service} verify: {job.error}", now=now
        )
        return
    if job.status == JobStatus.FAILED and (job.error or "").startswith(DATA_LEFT):
        return  # an empty later part does not clear what an earlier one found
    job.parts_received = sorted({*job.parts_received, reply.part})
    if len(job.parts_received) >= reply.total_parts:
        finish_job(job, now=now)
