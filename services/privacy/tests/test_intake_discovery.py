"""After verification, discovery (Q14): one request per client holding the address, of the
right kind; no match; partial replies closed by the scheduler; replies arriving twice; the
intake forgetting the address once its requests hold it (point 10); withdrawal."""

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import select

from chassis.database import Database
from chassis.testing.outbox import outbox
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import SUBJECT_DISCOVERY_REQUESTED
from contracts.vocabulary import DataService
from privacy.audit.models import AuditEntry
from privacy.exports.models import ExportArchive
from privacy.intake.discovery import DISCOVERY_ASKS, REPLIES_STALE_AFTER
from privacy.intake.handlers import discovery
from privacy.intake.models import DiscoveryReply, Intake
from privacy.intake.service import close_stale_intakes
from privacy.intake.testing import MovableClock, deliver, discovered, emailed_code, notices_to
from privacy.requests.deadlines import due_after_receipt
from privacy.requests.models import DataSubjectRequest, DenialReason, IntakeChannel, SubjectKind
from privacy.requests.states import RequestState
from privacy.settings import Settings

ACCOUNTS, ASSESSMENTS, DELIVERY = (
    DataService.ACCOUNTS,
    DataService.ASSESSMENTS,
    DataService.DELIVERY,
)


@pytest.fixture(autouse=True)
def real_time(clock: MovableClock) -> None:
    """Replies are handled at the worker's time: the API's clock starts there too."""
    clock.now = datetime.now(UTC).replace(microsecond=0)


async def verified_intake(
    client: httpx.AsyncClient,
    database: Database,
    clock: MovableClock,
    *,
    request_type: str = "erasure",
    **fields: object,
) -> tuple[UUID, str, str]:
    email = f"subject.{uuid4().hex[:10]}@example.ee"
    body = {"email": email, "request_type": request_type, "language": "et", **fields}
    response = await client.post("/public/requests", json=body)
    assert response.status_code == 202, response.text
    intake_id, token = UUID(response.json()["intake_id"]), response.json()["status_token"]
    code = await emailed_code(database, address=email)
    clock.advance(minutes=3)
    verified = await client.post(
        f"/public/requests/{intake_id}/verification", json={"code": code, "status_token": token}
    )
    assert verified.status_code == 202, verified.text
    return intake_id, token, email


async def intake_row(database: Database, intake_id: UUID) -> Intake:
    async with database.sessions() as session:
        intake = await session.get(Intake, intake_id)
    assert intake is not None
    return intake


async def opened_requests(database: Database, intake_id: UUID) -> list[DataSubjectRequest]:
    async with database.sessions() as session:
        found = await session.scalars(
            select(DataSubjectRequest)
            .where(DataSubjectRequest.intake_id == intake_id)
            .order_by(DataSubjectRequest.tenant_id)
        )
        return list(found)


async def stale_close(database: Database, settings: Settings, now: datetime) -> int:
    async with database.sessions() as session, session.begin():
        return await close_stale_intakes(session, settings=settings, now=now)


async def test_one_request_per_client_with_the_right_kind_q14_q11(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, _, email = await verified_intake(client, database, clock)
    only_user, user_and_participant, participant, slack_only = sorted(uuid4() for _ in range(4))
    await deliver(database, discovered(ACCOUNTS, intake_id, only_user, user_and_participant))
    await deliver(database, discovered(ASSESSMENTS, intake_id, user_and_participant, participant))
    assert await opened_requests(database, intake_id) == []
    await deliver(database, discovered(DELIVERY, intake_id, participant, slack_only))

    requests = await opened_requests(database, intake_id)
    kinds = {request.tenant_id: request.subject_kind for request in requests}
    assert kinds == {
        only_user: SubjectKind.CLIENT_USER,
        user_and_participant: SubjectKind.PARTICIPANT,
        participant: SubjectKind.PARTICIPANT,
        slack_only: SubjectKind.PARTICIPANT,
    }
    intake = await intake_row(database, intake_id)
    assert intake.verified_at is not None
    for request in requests:
        assert request.channel == IntakeChannel.PUBLIC_FORM
        assert request.email == email
        assert request.request_type == "erasure"
        assert request.received_at == intake.received_at
        assert request.due_at == due_after_receipt(intake.received_at) + (
            intake.verified_at - intake.received_at
        )
        assert request.state == RequestState.AWAITING_DECISION
        assert request.subject_ref is not None
    received = await notices_to(
        database, address=email, template=NoticeTemplate.PRIVACY_REQUEST_RECEIVED
    )
    assert {notice.data.parameters["reference"] for notice in received} == {
        request.reference for request in requests
    }


async def test_the_intake_forgets_the_address_once_requests_hold_it_q14_point10(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, _, email = await verified_intake(
        client,
        database,
        clock,
        request_type="rectification",
        corrected_email="fixed@example.ee",
        corrected_name="Mari Maasikas",
    )
    before = await intake_row(database, intake_id)
    assert before.email == email
    assert before.corrected_name == "Mari Maasikas"
    tenant_id = uuid4()
    for service in (ACCOUNTS, ASSESSMENTS, DELIVERY):
        await deliver(database, discovered(service, intake_id, tenant_id))
    after = await intake_row(database, intake_id)
    assert after.opened_at is not None
    assert (after.email, after.corrected_email, after.corrected_name) == (None, None, None)
    assert after.code_hash is None
    [request] = await opened_requests(database, intake_id)
    assert request.email == email
    assert request.corrected_email == "fixed@example.ee"
    assert request.corrected_name == "Mari Maasikas"
    async with database.sessions() as session:
        replies = await session.scalars(
            select(DiscoveryReply).where(DiscoveryReply.intake_id == intake_id)
        )
        assert list(replies) == []


async def test_no_client_found_opens_one_request_denied_as_no_match_q14(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, token, email = await verified_intake(client, database, clock)
    for service in (ACCOUNTS, ASSESSMENTS, DELIVERY):
        await deliver(database, discovered(service, intake_id))
    [request] = await opened_requests(database, intake_id)
    assert request.tenant_id is None
    assert request.state == RequestState.DENIED
    assert request.denial_reason == DenialReason.NO_MATCH
    denied = await notices_to(
        database, address=email, template=NoticeTemplate.PRIVACY_REQUEST_DENIED
    )
    assert [notice.data.parameters["reference"] for notice in denied] == [request.reference]
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    assert status.json()["state"] == "opened"
    assert [item["state"] for item in status.json()["requests"]] == ["denied"]
    assert (await intake_row(database, intake_id)).email is None


async def test_replies_arriving_twice_count_once_q14(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, _, _ = await verified_intake(client, database, clock)
    first, second = sorted(uuid4() for _ in range(2))
    reply = discovered(ACCOUNTS, intake_id, first)
    await deliver(database, reply)
    await deliver(database, reply)
    await deliver(database, discovered(ACCOUNTS, intake_id, second))
    await deliver(database, discovered(ASSESSMENTS, intake_id))
    await deliver(database, discovered(ASSESSMENTS, intake_id))
    assert await opened_requests(database, intake_id) == []
    await deliver(database, discovered(DELIVERY, intake_id))
    await deliver(database, discovered(DELIVERY, intake_id, second))
    await deliver(database, discovered(ASSESSMENTS, intake_id, second))
    requests = await opened_requests(database, intake_id)
    assert [(request.tenant_id, request.subject_kind) for request in requests] == [
        (first, SubjectKind.CLIENT_USER)
    ]


async def test_partial_replies_open_requests_once_stale_and_name_who_was_silent_q14(
    client: httpx.AsyncClient, database: Database, settings: Settings, clock: MovableClock
) -> None:
    intake_id, _, email = await verified_intake(client, database, clock)
    tenant_id = uuid4()
    await deliver(database, discovered(ACCOUNTS, intake_id, tenant_id))
    await deliver(database, discovered(ASSESSMENTS, intake_id, tenant_id))
    replied = datetime.now(UTC)
    await stale_close(database, settings, replied + REPLIES_STALE_AFTER - timedelta(minutes=1))
    assert await opened_requests(database, intake_id) == []
    assert (await intake_row(database, intake_id)).email == email

    await stale_close(database, settings, replied + REPLIES_STALE_AFTER + timedelta(seconds=1))
    [request] = await opened_requests(database, intake_id)
    assert (request.tenant_id, request.subject_kind) == (tenant_id, SubjectKind.PARTICIPANT)
    intake = await intake_row(database, intake_id)
    assert intake.unanswered_services == ["delivery"]
    assert intake.email is None
    async with database.sessions() as session:
        audited = await session.scalars(
            select(AuditEntry).where(AuditEntry.action == "intake.requests_opened")
        )
        [entry] = [e for e in audited if e.details["intake_id"] == str(intake_id)]
    assert entry.details["unanswered_services"] == ["delivery"]
    assert email not in str(entry.details)

    await deliver(database, discovered(DELIVERY, intake_id, uuid4()))
    assert len(await opened_requests(database, intake_id)) == 1


async def test_a_verified_intake_nobody_answered_is_asked_again_before_it_opens_q14(
    client: httpx.AsyncClient, database: Database, settings: Settings, clock: MovableClock
) -> None:
    """No service answering is not "no match": discovery is asked again, every ten quiet
    minutes, and only after the last ask do the requests open from nothing."""
    intake_id, _, _ = await verified_intake(client, database, clock)
    await stale_close(database, settings, clock() + REPLIES_STALE_AFTER)
    assert await opened_requests(database, intake_id) == []
    for ask in range(2, DISCOVERY_ASKS + 1):
        await stale_close(database, settings, clock.advance(minutes=10, seconds=1))
        assert await opened_requests(database, intake_id) == []
        asked = await outbox(database, SUBJECT_DISCOVERY_REQUESTED)
        assert len([e for e in asked if e.data.request_id == intake_id]) == ask
    await stale_close(database, settings, clock.advance(minutes=10, seconds=1))
    [request] = await opened_requests(database, intake_id)
    assert request.tenant_id is None
    assert request.state == RequestState.DENIED
    intake = await intake_row(database, intake_id)
    assert intake.unanswered_services == ["accounts", "assessments", "delivery"]


async def test_the_status_lists_the_opened_requests_with_their_days_left_q14_q6(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, token, _ = await verified_intake(client, database, clock, request_type="export")
    tenants = sorted(uuid4() for _ in range(2))
    await deliver(database, discovered(ACCOUNTS, intake_id))
    await deliver(database, discovered(ASSESSMENTS, intake_id, *tenants))
    await deliver(database, discovered(DELIVERY, intake_id))
    clock.advance(days=2)
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    assert status.status_code == 200
    body = status.json()
    assert body["state"] == "opened"
    requests = {
        request.reference: request for request in await opened_requests(database, intake_id)
    }
    assert sorted(item["reference"] for item in body["requests"]) == sorted(requests)
    for item in body["requests"]:
        request = requests[item["reference"]]
        assert item["request_type"] == "export"
        assert item["state"] == "awaiting_decision"
        assert item["due_on"] == request.due_at.astimezone(UTC).date().isoformat()
        assert item["days_left"] == (request.due_at.date() - clock().date()).days
        assert item["download_link"] is None


async def test_withdrawal_stops_every_request_before_the_point_of_no_return_q14(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, token, _ = await verified_intake(client, database, clock)
    tenants = sorted(uuid4() for _ in range(2))
    await deliver(database, discovered(ACCOUNTS, intake_id))
    await deliver(database, discovered(ASSESSMENTS, intake_id, *tenants))
    await deliver(database, discovered(DELIVERY, intake_id))
    async with database.sessions() as session, session.begin():
        started = await session.scalar(
            select(DataSubjectRequest).where(DataSubjectRequest.tenant_id == tenants[1])
        )
        assert started is not None
        started.state = RequestState.IN_PROGRESS  # as if approved and its jobs begun
    response = await client.post(
        f"/public/requests/{intake_id}/withdrawal", json={"status_token": token}
    )
    assert response.status_code == 200, response.text
    by_tenant = {
        request.tenant_id: request for request in await opened_requests(database, intake_id)
    }
    assert response.json() == {
        "state": "opened",
        "withdrawn": [by_tenant[tenants[0]].reference],
        "past_point_of_no_return": [by_tenant[tenants[1]].reference],
    }
    assert by_tenant[tenants[0]].state == RequestState.WITHDRAWN
    assert by_tenant[tenants[1]].state == RequestState.IN_PROGRESS
    again = await client.post(
        f"/public/requests/{intake_id}/withdrawal", json={"status_token": token}
    )
    assert again.json()["withdrawn"] == []


async def test_withdrawing_before_discovery_ends_forgets_the_intake_q14(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, token, _ = await verified_intake(client, database, clock)
    await deliver(database, discovered(ACCOUNTS, intake_id, uuid4()))
    response = await client.post(
        f"/public/requests/{intake_id}/withdrawal", json={"status_token": token}
    )
    assert response.json() == {"state": "withdrawn", "withdrawn": [], "past_point_of_no_return": []}
    for service in (ASSESSMENTS, DELIVERY):
        await deliver(database, discovered(service, intake_id, uuid4()))
    assert await opened_requests(database, intake_id) == []
    intake = await intake_row(database, intake_id)
    assert intake.email is None
    assert intake.withdrawn_at is not None
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    assert status.json() == {"state": "withdrawn", "requests": []}


async def test_withdrawing_before_the_code_kills_it_q14(
    client: httpx.AsyncClient, database: Database
) -> None:
    email = f"subject.{uuid4().hex[:10]}@example.ee"
    response = await client.post(
        "/public/requests", json={"email": email, "request_type": "access", "language": "en"}
    )
    intake_id, token = response.json()["intake_id"], response.json()["status_token"]
    code = await emailed_code(database, address=email)
    withdrawn = await client.post(
        f"/public/requests/{intake_id}/withdrawal", json={"status_token": token}
    )
    assert withdrawn.json()["state"] == "withdrawn"
    verify = await client.post(
        f"/public/requests/{intake_id}/verification", json={"code": code, "status_token": token}
    )
    assert verify.status_code == 410


async def test_replies_arriving_together_open_the_requests_once_q14(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, _, _ = await verified_intake(client, database, clock)
    tenant_id = uuid4()
    await asyncio.gather(
        *(
            deliver(database, discovered(service, intake_id, tenant_id))
            for service in (ACCOUNTS, ASSESSMENTS, DELIVERY, ACCOUNTS, DELIVERY)
        )
    )
    [request] = await opened_requests(database, intake_id)
    assert request.tenant_id == tenant_id


def test_the_discovery_queue_takes_the_replies_of_the_services_that_hold_emails_q14() -> None:
    assert discovery.queue == "privacy.discovery"
    assert discovery.bindings() == [
        ("accounts", "accounts.subject.discovered.v1"),
        ("assessments", "assessments.subject.discovered.v1"),
        ("delivery", "delivery.subject.discovered.v1"),
    ]


async def test_a_completed_exports_link_shows_until_it_expires_q14(
    client: httpx.AsyncClient, database: Database, clock: MovableClock
) -> None:
    intake_id, token, _ = await verified_intake(client, database, clock, request_type="export")
    tenant_id = uuid4()
    for service in (ACCOUNTS, ASSESSMENTS, DELIVERY):
        await deliver(database, discovered(service, intake_id, tenant_id))
    [request] = await opened_requests(database, intake_id)
    expires_at = clock() + timedelta(days=14)
    async with database.sessions() as session, session.begin():
        stored = await session.get(DataSubjectRequest, request.id)
        assert stored is not None
        stored.state = RequestState.COMPLETED  # as if the saga had finished the export
        session.add(
            ExportArchive(
                request_id=request.id,
                content=b"zip",
                sha256="0" * 64,
                size_bytes=3,
                created_at=clock(),
                expires_at=expires_at,
            )
        )
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    [item] = status.json()["requests"]
    assert item["state"] == "completed"
    assert f"/exports/{request.id}?expires=" in item["download_link"]
    assert "signature=" in item["download_link"]
    clock.now = expires_at
    status = await client.get(f"/public/requests/{intake_id}", params={"status_token": token})
    assert status.json()["requests"][0]["download_link"] is None
