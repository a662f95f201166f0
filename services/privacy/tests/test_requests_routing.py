"""Routing by role (Q11): participants' requests to their client's admins (approved at once
when an admin submitted them), client users' requests to privacy officers (or approved by
the system when configured), no match denied with the reason and the right to complain (Q17)."""

import inspect
from datetime import timedelta
from uuid import UUID, uuid4

import pytest

from chassis.database import Database
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import ClientAdmins, PrivacyOfficers
from privacy.requests.decisions import approve, cancel, withdraw
from privacy.requests.models import (
    DataSubjectRequest,
    DenialReason,
    IntakeChannel,
    RequestType,
    SubjectKind,
)
from privacy.requests.service import confirm_identity, open_request
from privacy.requests.states import Actor, RequestState, TransitionRefused
from privacy.requests.testing import SagaRecorder, notices
from privacy.requests.transitions import move
from privacy.saga import service as saga_service
from privacy.settings import Settings

from .conftest import FixedClock


@pytest.fixture
def saga(monkeypatch: pytest.MonkeyPatch) -> SagaRecorder:
    recorder = SagaRecorder()
    monkeypatch.setattr(saga_service, "start_saga", recorder.start_saga)
    if "being built" in inspect.getsource(saga_service.jobs_for):
        monkeypatch.setattr(saga_service, "jobs_for", recorder.jobs_for)
    return recorder


async def _open(
    database: Database,
    settings: Settings,
    clock: FixedClock,
    *,
    kind: SubjectKind,
    channel: IntakeChannel,
    tenant_id: UUID | None,
    verified: bool = True,
    submitted_by: UUID | None = None,
    request_type: RequestType = RequestType.ERASURE,
) -> DataSubjectRequest:
    async with database.sessions() as session, session.begin():
        return await open_request(
            session,
            settings=settings,
            request_type=request_type,
            subject_kind=kind,
            tenant_id=tenant_id,
            email=f"Someone.{uuid4().hex[:8]}@Example.ee",
            language="et",
            channel=channel,
            received_at=clock.now,
            now=clock.now,
            identity_verified=verified,
            submitted_by=submitted_by,
        )


async def test_participant_request_goes_to_the_clients_admins_q11(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    tenant = uuid4()
    request = await _open(
        database,
        settings,
        clock,
        kind=SubjectKind.PARTICIPANT,
        channel=IntakeChannel.PUBLIC_FORM,
        tenant_id=tenant,
    )
    assert request.state == RequestState.AWAITING_DECISION
    assert request.email is not None
    assert request.email == request.email.lower()
    (asked,) = await notices(
        database,
        template=NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
        reference=request.reference,
    )
    assert asked.address == ClientAdmins(group="client_admins", tenant_id=tenant)
    assert asked.tenant_id == tenant
    assert asked.parameters["link"] == (
        f"{settings.public_base_url}/app/privacy/requests/{request.id}"
    )
    (received,) = await notices(
        database, template=NoticeTemplate.PRIVACY_REQUEST_RECEIVED, reference=request.reference
    )
    assert received.address == request.email
    assert received.language == "et"
    assert received.parameters["due_on"] == request.due_at.date().isoformat()
    assert saga.started == []


async def test_participant_request_submitted_by_an_admin_is_approved_by_them_q11(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    admin = uuid4()
    request = await _open(
        database,
        settings,
        clock,
        kind=SubjectKind.PARTICIPANT,
        channel=IntakeChannel.CLIENT_ADMIN,
        tenant_id=uuid4(),
        submitted_by=admin,
    )
    assert request.state == RequestState.APPROVED
    assert request.decided_by == admin
    assert request.starts_after == clock.now
    assert saga.started == [request.id]
    assert not await notices(
        database,
        template=NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
        reference=request.reference,
    )


async def test_client_user_request_goes_to_privacy_officers_q11(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    request = await _open(
        database,
        settings,
        clock,
        kind=SubjectKind.CLIENT_USER,
        channel=IntakeChannel.CLIENT_USER,
        tenant_id=uuid4(),
        verified=False,
    )
    assert request.state == RequestState.AWAITING_VERIFICATION
    assert not await notices(
        database, template=NoticeTemplate.PRIVACY_REQUEST_RECEIVED, reference=request.reference
    ), "nobody is told anything before the address is verified (Q14)"
    async with database.sessions() as session, session.begin():
        session.add(request)
        await confirm_identity(session, settings=settings, request=request, now=clock.now)
    assert request.state == RequestState.AWAITING_DECISION
    (asked,) = await notices(
        database,
        template=NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
        reference=request.reference,
    )
    assert asked.address == PrivacyOfficers(group="privacy_officers")
    assert saga.started == []


async def test_verified_client_user_request_auto_approved_when_configured_q11_q14(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    settings.requests = settings.requests.model_copy(
        update={"auto_approve_verified_client_users": True}
    )
    request = await _open(
        database,
        settings,
        clock,
        kind=SubjectKind.CLIENT_USER,
        channel=IntakeChannel.CLIENT_USER,
        tenant_id=uuid4(),
        verified=False,
    )
    assert request.state == RequestState.AWAITING_VERIFICATION
    async with database.sessions() as session, session.begin():
        session.add(request)
        await confirm_identity(session, settings=settings, request=request, now=clock.now)
    assert request.state == RequestState.APPROVED
    assert request.decided_by is None
    assert saga.started == [request.id]
    assert not await notices(
        database,
        template=NoticeTemplate.PRIVACY_REQUEST_DECISION_NEEDED,
        reference=request.reference,
    )
    participant = await _open(
        database,
        settings,
        clock,
        kind=SubjectKind.PARTICIPANT,
        channel=IntakeChannel.PUBLIC_FORM,
        tenant_id=uuid4(),
    )
    assert participant.state == RequestState.AWAITING_DECISION, "the setting is not for clients"


async def test_client_user_request_entered_by_an_officer_is_approved_by_them_q11(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    officer = uuid4()
    request = await _open(
        database,
        settings,
        clock,
        kind=SubjectKind.CLIENT_USER,
        channel=IntakeChannel.PRIVACY_OFFICER,
        tenant_id=uuid4(),
        submitted_by=officer,
    )
    assert request.state == RequestState.APPROVED
    assert request.decided_by == officer


async def test_request_matching_no_client_is_denied_and_the_subject_told_q17(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    request = await _open(
        database,
        settings,
        clock,
        kind=SubjectKind.PARTICIPANT,
        channel=IntakeChannel.PUBLIC_FORM,
        tenant_id=None,
    )
    assert request.state == RequestState.DENIED
    assert request.denial_reason == DenialReason.NO_MATCH
    assert request.subject_ref is None
    assert request.closed_at == clock.now
    (told,) = await notices(
        database, template=NoticeTemplate.PRIVACY_REQUEST_DENIED, reference=request.reference
    )
    assert told.address == request.email
    assert told.parameters["reason"] == "meil ei ole selle e-posti aadressiga seotud andmeid"
    assert told.parameters["authority"] == settings.supervisory_authority
    assert "AKI" in told.parameters["authority"]
    assert told.parameters["contact"] == settings.data_protection_contact


async def test_cooling_off_keeps_an_approved_erasure_cancellable_until_it_starts(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    settings.requests = settings.requests.model_copy(update={"cooling_off_minutes": 60})
    tenant = uuid4()
    requests = [
        await _open(
            database,
            settings,
            clock,
            kind=SubjectKind.PARTICIPANT,
            channel=IntakeChannel.PUBLIC_FORM,
            tenant_id=tenant,
        )
        for _ in range(3)
    ]
    async with database.sessions() as session, session.begin():
        for request in requests:
            session.add(request)
            await approve(
                session,
                settings=settings,
                request=request,
                actor=Actor.CLIENT_ADMIN,
                now=clock.now,
                actor_id=uuid4(),
            )
    assert all(r.starts_after == clock.now + timedelta(minutes=60) for r in requests)
    staff_stopped, subject_stopped, started = requests
    clock.advance(minutes=10)
    async with database.sessions() as session, session.begin():
        session.add_all(requests)
        await cancel(session, request=staff_stopped, actor=Actor.CLIENT_ADMIN, now=clock.now)
        await withdraw(session, request=subject_stopped, now=clock.now)
        await move(
            session, request=started, to=RequestState.IN_PROGRESS, actor=Actor.SYSTEM, now=clock.now
        )
    assert staff_stopped.state == RequestState.CANCELED
    assert subject_stopped.state == RequestState.WITHDRAWN
    async with database.sessions() as session, session.begin():
        session.add(started)
        with pytest.raises(TransitionRefused):
            await withdraw(session, request=started, now=clock.now)
    async with database.sessions() as session, session.begin():
        session.add(started)
        with pytest.raises(TransitionRefused):
            await cancel(session, request=started, actor=Actor.PRIVACY_OFFICER, now=clock.now)


async def test_requests_other_than_erasure_start_at_once(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    settings.requests = settings.requests.model_copy(update={"cooling_off_minutes": 60})
    request = await _open(
        database,
        settings,
        clock,
        kind=SubjectKind.PARTICIPANT,
        channel=IntakeChannel.CLIENT_ADMIN,
        tenant_id=uuid4(),
        submitted_by=uuid4(),
        request_type=RequestType.EXPORT,
    )
    assert request.starts_after == clock.now
