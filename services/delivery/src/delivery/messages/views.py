"""The delivery log per assessment and participant, and send-time estimates."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from chassis.auth.dependencies import ClientViewer
from chassis.database import SessionDep
from contracts.vocabulary import SubjectRef
from delivery.dependencies import SettingsDep
from delivery.messages import service
from delivery.messages.estimates import estimate
from delivery.messages.schemas import Estimate, EstimateChannel, LogEntry, LogPage

router = APIRouter(tags=["delivery log"])


@router.get("/messages")
async def delivery_log(
    principal: ClientViewer,
    session: SessionDep,
    assessment_id: UUID | None = None,
    subject_ref: Annotated[SubjectRef | None, Query()] = None,
    after: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> LogPage:
    """The client's messages, oldest first; filter by assessment and by participant."""
    assert principal.tenant_id is not None
    async with session.begin():
        rows = await service.messages_of(
            session,
            tenant_id=principal.tenant_id,
            assessment_id=assessment_id,
            subject_ref=subject_ref,
            after=after,
            limit=limit + 1,
        )
    entries = [LogEntry.model_validate(row, from_attributes=True) for row in rows[:limit]]
    return LogPage(entries=entries, next_after=entries[-1].id if len(rows) > limit else None)


@router.get("/estimates")
async def send_time_estimate(
    _principal: ClientViewer,
    settings: SettingsDep,
    channel: EstimateChannel,
    recipients: Annotated[int, Query(ge=0, le=10_000_000)],
) -> Estimate:
    """How long sending to ``recipients`` people takes under the configured limits."""
    return estimate(settings=settings, channel=channel, recipients=recipients)
