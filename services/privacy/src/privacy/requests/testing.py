"""What the requests tests share: stored requests in any state, the notices in the outbox,
and a stand-in for the saga that records what it was asked."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.testing.outbox import outbox
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import NOTIFICATION_REQUESTED, PrivacyNotificationRequested
from privacy.requests.deadlines import due_after_receipt
from privacy.requests.models import (
    DataSubjectRequest,
    IntakeChannel,
    RequestType,
    SubjectKind,
)
from privacy.requests.references import new_reference
from privacy.requests.states import OPEN, Actor, RequestState
from privacy.requests.transitions import move
from privacy.settings import Settings


async def stored_request(
    session: AsyncSession,
    *,
    state: RequestState,
    received_at: datetime,
    tenant_id: UUID | None = None,
    subject_kind: SubjectKind = SubjectKind.PARTICIPANT,
    request_type: RequestType = RequestType.ERASURE,
    email: str | None = None,
) -> DataSubjectRequest:
    """A request put straight into ``state`` (as if it had got there), flushed."""
    request = DataSubjectRequest(
        reference=new_reference(),
        request_type=request_type,
        subject_kind=subject_kind,
        tenant_id=tenant_id,
        email=email or f"{uuid4().hex[:12]}@example.ee",
        language="en",
        channel=IntakeChannel.PUBLIC_FORM,
        state=state,
        received_at=received_at,
        due_at=due_after_receipt(received_at),
        paused_since=received_at if state is RequestState.AWAITING_VERIFICATION else None,
        extended_by_months=0,
        closed_at=None if state in OPEN else received_at + timedelta(days=1),
    )
    session.add(request)
    await session.flush()
    return request


async def notices(
    database: Database, *, template: NoticeTemplate, reference: str | None = None
) -> list[PrivacyNotificationRequested]:
    """The outbox's notices of one template (about one request), oldest first."""
    found = []
    for envelope in await outbox(database, NOTIFICATION_REQUESTED):
        data = envelope.data
        assert isinstance(data, PrivacyNotificationRequested)
        if data.template is not template:
            continue
        if reference is None or data.parameters.get("reference") == reference:
            found.append(data)
    return found


@dataclass
class SagaRecorder:
    """Stands in for ``privacy.saga.service`` where a test asserts what was started."""

    started: list[UUID] = field(default_factory=list)
    retried: list[UUID] = field(default_factory=list)

    async def start_saga(
        self,
        session: AsyncSession,
        *,
        request: DataSubjectRequest,
        settings: Settings,
        now: datetime,
    ) -> None:
        self.started.append(request.id)

    async def retry_failed(
        self,
        session: AsyncSession,
        *,
        request: DataSubjectRequest,
        settings: Settings,
        now: datetime,
    ) -> None:
        self.retried.append(request.id)
        await move(
            session, request=request, to=RequestState.IN_PROGRESS, actor=Actor.SYSTEM, now=now
        )

    async def jobs_for(self, session: AsyncSession, *, request_id: UUID) -> list[dict[str, object]]:
        return []
