"""Helpers for tests of intake: what was emailed, and discovery replies as services send them."""

from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from chassis.database import Database
from chassis.testing.outbox import outbox
from contracts.envelope import Envelope
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import NOTIFICATION_REQUESTED
from contracts.events.privacy_replies import SubjectDiscovered
from contracts.vocabulary import DataService
from privacy.intake.handlers import record_subject_discovered


class MovableClock(Protocol):
    """The tests' ``clock`` fixture."""

    now: datetime

    def __call__(self) -> datetime: ...

    def advance(self, **delta: float) -> datetime: ...


async def notices_to(
    database: Database, *, address: str, template: NoticeTemplate
) -> list[Envelope[Any]]:
    return [
        envelope
        for envelope in await outbox(database, NOTIFICATION_REQUESTED)
        if envelope.data.address == address and envelope.data.template == template
    ]


async def emailed_code(database: Database, *, address: str) -> str:
    """The newest verification code emailed to ``address``."""
    sent = await notices_to(
        database, address=address, template=NoticeTemplate.PRIVACY_REQUEST_VERIFICATION_CODE
    )
    if not sent:
        raise LookupError("no code was emailed to that address")
    code: str = sent[-1].data.parameters["code"]
    return code


def discovered(service: DataService, intake_id: UUID, *tenant_ids: UUID) -> Envelope[Any]:
    """A service's discovery reply, in the envelope it would arrive in."""
    return Envelope.wrap(
        SubjectDiscovered(service=service, request_id=intake_id, tenant_ids=list(tenant_ids))
    )


async def deliver(database: Database, envelope: Envelope[Any]) -> None:
    """Handles one reply as the worker does: in its own transaction."""
    async with database.sessions() as session, session.begin():
        await record_subject_discovered(session, envelope)
