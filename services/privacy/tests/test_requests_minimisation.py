"""Minimal data here (issue 8, point 10; P15 requests end to end): a subject's email and
corrected values are forgotten once their request has been closed longer than the grace
period; only ``subject_ref`` and the proofs stay."""

from datetime import datetime, timedelta
from uuid import UUID, uuid4

from sqlalchemy import select

from chassis.database import Database
from privacy.requests.minimisation import forget_closed_emails
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.requests.states import RequestState
from privacy.requests.testing import stored_request
from privacy.settings import Settings


async def _request(
    database: Database,
    *,
    state: RequestState,
    closed_at: datetime | None,
    request_type: RequestType = RequestType.RECTIFICATION,
) -> UUID:
    async with database.sessions() as session, session.begin():
        request = await stored_request(
            session,
            state=state,
            received_at=datetime.fromisoformat("2026-01-05T10:00:00+00:00"),
            tenant_id=uuid4(),
            request_type=request_type,
        )
        request.subject_ref = "A" * 52
        request.corrected_email = "new@example.ee"
        request.corrected_name = "New Name"
        request.closed_at = closed_at
    return request.id


async def _kept(database: Database, request_id: UUID) -> tuple[object, ...]:
    async with database.sessions() as session:
        request = await session.get(DataSubjectRequest, request_id)
        assert request is not None
        return (request.email, request.corrected_email, request.corrected_name, request.subject_ref)


async def test_email_forgotten_after_the_grace_period_p15(
    database: Database, settings: Settings
) -> None:
    now = datetime.fromisoformat("2026-11-02T09:00:00+00:00")
    grace = settings.email_grace
    past_grace = await _request(
        database, state=RequestState.COMPLETED, closed_at=now - grace - timedelta(minutes=1)
    )
    denied = await _request(
        database, state=RequestState.DENIED, closed_at=now - grace - timedelta(days=40)
    )
    within_grace = await _request(
        database, state=RequestState.CANCELED, closed_at=now - grace + timedelta(minutes=1)
    )
    still_open = await _request(database, state=RequestState.IN_PROGRESS, closed_at=None)
    awaiting_verify_after_delete = await _request(
        database,
        state=RequestState.COMPLETED,
        closed_at=now - grace - timedelta(days=1),
        request_type=RequestType.ERASURE,
    )

    async with database.sessions() as session, session.begin():
        forgotten = await forget_closed_emails(session, settings=settings, now=now)
    assert forgotten == 2
    for gone in (past_grace, denied):
        assert await _kept(database, gone) == (None, None, None, "A" * 52)
    for kept in (within_grace, still_open, awaiting_verify_after_delete):
        email, corrected_email, corrected_name, _ = await _kept(database, kept)
        assert email
        assert corrected_email == "new@example.ee"
        assert corrected_name == "New Name"

    async with database.sessions() as session, session.begin():
        assert await forget_closed_emails(session, settings=settings, now=now) == 0


async def test_forgetting_skips_rows_another_transaction_holds_p15(
    database: Database, settings: Settings
) -> None:
    now = datetime.fromisoformat("2026-11-02T09:00:00+00:00")
    closed = now - settings.email_grace - timedelta(days=1)
    held = await _request(database, state=RequestState.WITHDRAWN, closed_at=closed)
    free = await _request(database, state=RequestState.WITHDRAWN, closed_at=closed)
    async with database.sessions() as holder, holder.begin():
        await holder.execute(
            select(DataSubjectRequest.id).where(DataSubjectRequest.id == held).with_for_update()
        )
        async with database.sessions() as session, session.begin():
            assert await forget_closed_emails(session, settings=settings, now=now) == 1
    assert (await _kept(database, free))[0] is None
    assert (await _kept(database, held))[0] is not None
    async with database.sessions() as session, session.begin():
        assert await forget_closed_emails(session, settings=settings, now=now) == 1
    assert (await _kept(database, held))[0] is None
