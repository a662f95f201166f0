"""Opening a request: its reference, ``subject_ref`` and normalised email, the legal clock
started at receipt (Q6) and paused until the subject proves their address (Q14)."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from chassis.database import Database
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import subject_ref
from privacy.requests.errors import RequestConflictError
from privacy.requests.models import IntakeChannel, RequestType, SubjectKind
from privacy.requests.references import ALPHABET, new_reference
from privacy.requests.service import confirm_identity, open_request
from privacy.requests.states import RequestState
from privacy.settings import Settings


def test_references_use_an_unambiguous_alphabet() -> None:
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    for reference in references:
        assert reference.startswith("DSR-")
        assert len(reference) == 12
        assert set(reference[4:]) <= set(ALPHABET)
    assert not set("01OI") & set(ALPHABET)


async def test_opening_unverified_then_confirmed_shifts_due_q6_q14(
    database: Database, settings: Settings
) -> None:
    received = datetime(2026, 1, 31, 12, 0, tzinfo=UTC)
    tenant = uuid4()
    async with database.sessions() as session, session.begin():
        request = await open_request(
            session,
            settings=settings,
            request_type=RequestType.ACCESS,
            subject_kind=SubjectKind.PARTICIPANT,
            tenant_id=tenant,
            email="  Person@Example.COM ",
            language="en",
            channel=IntakeChannel.PUBLIC_FORM,
            received_at=received,
            now=received,
            identity_verified=False,
        )
    assert request.email == "person@example.com"
    assert request.subject_ref == subject_ref(
        subject_ref_key(settings), tenant_id=tenant, email="person@example.com"
    )
    assert request.state == RequestState.AWAITING_VERIFICATION
    assert request.due_at == datetime(2026, 2, 28, 12, 0, tzinfo=UTC), "clamped to February"
    async with database.sessions() as session, session.begin():
        session.add(request)
        await confirm_identity(
            session, settings=settings, request=request, now=received + timedelta(days=3)
        )
    assert request.state == RequestState.AWAITING_DECISION
    assert request.due_at == datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    assert request.paused_since is None

    async with database.sessions() as session, session.begin():
        session.add(request)
        with pytest.raises(RequestConflictError, match="not awaiting verification"):
            await confirm_identity(session, settings=settings, request=request, now=received)


async def test_opening_refuses_what_is_not_an_address(
    database: Database, settings: Settings
) -> None:
    async with database.sessions() as session, session.begin():
        with pytest.raises(ValueError, match="not an email address"):
            await open_request(
                session,
                settings=settings,
                request_type=RequestType.ACCESS,
                subject_kind=SubjectKind.PARTICIPANT,
                tenant_id=uuid4(),
                email="nobody",
                language="en",
                channel=IntakeChannel.PUBLIC_FORM,
                received_at=datetime(2026, 1, 1, tzinfo=UTC),
                now=datetime(2026, 1, 1, tzinfo=UTC),
                identity_verified=True,
            )
