"""The legal clock (Q6, GDPR art. 12(3)) with an injected clock: one month from receipt,
paused while the identity is unverified, one extension with a reason and a notice, days left
on every request, overdue and nearly due listed first."""

import inspect
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from contracts.events.notifications import NoticeTemplate
from privacy.requests.deadlines import add_months, days_left
from privacy.requests.models import (
    DataSubjectRequest,
    IntakeChannel,
    RequestType,
    SubjectKind,
)
from privacy.requests.service import confirm_identity, open_request
from privacy.requests.testing import SagaRecorder, notices
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


def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})


async def _open(
    database: Database,
    settings: Settings,
    *,
    received_at: datetime,
    now: datetime,
    verified: bool,
    tenant_id: UUID | None = None,
    kind: SubjectKind = SubjectKind.CLIENT_USER,
) -> DataSubjectRequest:
    async with database.sessions() as session, session.begin():
        return await open_request(
            session,
            settings=settings,
            request_type=RequestType.ACCESS,
            subject_kind=kind,
            tenant_id=tenant_id or uuid4(),
            email=f"{uuid4().hex[:10]}@example.ee",
            language="en",
            channel=IntakeChannel.CLIENT_USER,
            received_at=received_at,
            now=now,
            identity_verified=verified,
        )


def test_one_month_clamps_to_the_month_end_q6() -> None:
    def at(text: str) -> datetime:
        return datetime.fromisoformat(f"{text}T10:00:00+00:00")

    assert add_months(at("2026-01-31"), 1) == at("2026-02-28")
    assert add_months(at("2028-01-31"), 1) == at("2028-02-29")
    assert add_months(at("2026-03-31"), 1) == at("2026-04-30")
    assert add_months(at("2026-11-15"), 2) == at("2027-01-15")
    assert add_months(at("2026-12-31"), 2) == at("2027-02-28")
    assert days_left(at("2026-02-28"), at("2026-02-27") + timedelta(hours=13)) == 1
    assert days_left(at("2026-02-28"), at("2026-03-02")) == -2


async def test_unverified_time_pauses_the_clock_q6_q14(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    settings: Settings,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    received = clock.now
    request = await _open(database, settings, received_at=received, now=received, verified=False)
    assert request.due_at == add_months(received, 1)

    clock.advance(days=10)
    shown = (await client.get(f"/requests/{request.id}", headers=officer(tokens))).json()
    assert shown["paused"] is True
    assert shown["days_left"] == days_left(add_months(received, 1), received), "no day passed"

    async with database.sessions() as session, session.begin():
        session.add(request)
        await confirm_identity(session, settings=settings, request=request, now=clock.now)
    assert request.due_at == add_months(received, 1) + timedelta(days=10)
    received_notice = await notices(
        database, template=NoticeTemplate.PRIVACY_REQUEST_RECEIVED, reference=request.reference
    )
    assert [n.parameters["due_on"] for n in received_notice] == [request.due_at.date().isoformat()]
    clock.advance(days=5)
    shown = (await client.get(f"/requests/{request.id}", headers=officer(tokens))).json()
    assert shown["paused"] is False
    assert shown["days_left"] == days_left(request.due_at, clock.now)


async def test_verified_only_at_opening_counts_the_wait_as_paused_q6_q14(
    database: Database, settings: Settings, clock: FixedClock, saga: SagaRecorder
) -> None:
    received = clock.now - timedelta(days=3, hours=4)
    request = await _open(database, settings, received_at=received, now=clock.now, verified=True)
    assert request.due_at == add_months(received, 1) + timedelta(days=3, hours=4)
    assert request.paused_since is None


async def test_one_extension_with_reason_and_notice_q6(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    settings: Settings,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    request = await _open(database, settings, received_at=clock.now, now=clock.now, verified=True)
    due = request.due_at
    path = f"/requests/{request.id}/extension"

    for bad in (
        {"months": 3, "reason": "x"},
        {"months": 0, "reason": "x"},
        {"months": 1, "reason": " "},
        {"months": 1},
    ):
        response = await client.post(path, json=bad, headers=officer(tokens))
        assert response.status_code == 422, bad

    clock.advance(days=20)
    reason = "Complex request: data in four services and an archive to review."
    response = await client.post(
        path, json={"months": 2, "reason": reason}, headers=officer(tokens)
    )
    assert response.status_code == 200, response.text
    extended = response.json()
    assert extended["extended_by_months"] == 2
    assert extended["extension_reason"] == reason
    assert datetime.fromisoformat(extended["due_at"]) == add_months(due, 2)
    assert extended["days_left"] == days_left(add_months(due, 2), clock.now)

    told = await notices(
        database, template=NoticeTemplate.PRIVACY_REQUEST_EXTENDED, reference=request.reference
    )
    assert len(told) == 1
    assert told[0].address == request.email
    assert told[0].parameters["due_on"] == add_months(due, 2).date().isoformat()
    assert told[0].parameters["reason"] == reason

    again = await client.post(path, json={"months": 1, "reason": "more"}, headers=officer(tokens))
    assert again.status_code == 409
    assert "one extension" in again.json()["detail"]
    after = (await client.get(f"/requests/{request.id}", headers=officer(tokens))).json()
    assert after["due_at"] == extended["due_at"]
    assert (
        len(
            await notices(
                database,
                template=NoticeTemplate.PRIVACY_REQUEST_EXTENDED,
                reference=request.reference,
            )
        )
        == 1
    )


async def test_extension_refused_while_paused_or_closed_q6(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    settings: Settings,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    paused = await _open(database, settings, received_at=clock.now, now=clock.now, verified=False)
    response = await client.post(
        f"/requests/{paused.id}/extension",
        json={"months": 1, "reason": "x"},
        headers=officer(tokens),
    )
    assert response.status_code == 409
    canceled = await _open(database, settings, received_at=clock.now, now=clock.now, verified=True)
    await client.post(f"/requests/{canceled.id}/cancellation", headers=officer(tokens))
    response = await client.post(
        f"/requests/{canceled.id}/extension",
        json={"months": 1, "reason": "x"},
        headers=officer(tokens),
    )
    assert response.status_code == 409


async def test_overdue_first_then_nearest_due_q6(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    settings: Settings,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    tenant = uuid4()
    start = clock.now
    by_age = {}
    for days_ago in (5, 40, 25, 33, 0):
        by_age[days_ago] = await _open(
            database,
            settings,
            received_at=start - timedelta(days=days_ago),
            now=start - timedelta(days=days_ago),
            verified=True,
            tenant_id=tenant,
        )
    closed = by_age[40]
    response = await client.post(f"/requests/{closed.id}/cancellation", headers=officer(tokens))
    assert response.status_code == 200

    listed = await client.get(
        "/requests", params={"tenant_id": str(tenant)}, headers=officer(tokens)
    )
    assert listed.status_code == 200
    page: dict[str, Any] = listed.json()
    assert page["total"] == 5
    assert [item["id"] for item in page["items"]] == [str(by_age[d].id) for d in (33, 25, 5, 0, 40)]
    items = {item["id"]: item for item in page["items"]}
    overdue = items[str(by_age[33].id)]
    assert overdue["overdue"] is True
    assert overdue["days_left"] < 0
    nearly = items[str(by_age[25].id)]
    assert nearly["overdue"] is False
    assert nearly["nearly_due"] is True
    assert 0 <= nearly["days_left"] <= 7
    assert items[str(by_age[0].id)]["nearly_due"] is False
    assert items[str(closed.id)]["days_left"] is None
    assert items[str(closed.id)]["overdue"] is False

    only_overdue = await client.get(
        "/requests", params={"tenant_id": str(tenant), "overdue": "true"}, headers=officer(tokens)
    )
    assert [item["id"] for item in only_overdue.json()["items"]] == [str(by_age[33].id)]

    clock.advance(days=10)
    later = await client.get(
        "/requests", params={"tenant_id": str(tenant), "overdue": "true"}, headers=officer(tokens)
    )
    assert [item["id"] for item in later.json()["items"]] == [str(by_age[d].id) for d in (33, 25)]


async def test_client_admin_list_shows_days_left_q6(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    settings: Settings,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    tenant = uuid4()
    request = await _open(
        database,
        settings,
        received_at=clock.now,
        now=clock.now,
        verified=True,
        tenant_id=tenant,
        kind=SubjectKind.PARTICIPANT,
    )
    listed = await client.get(
        "/client/requests", headers=tokens.headers(tenant_id=tenant, roles={Role.ADMIN})
    )
    assert listed.status_code == 200
    (item,) = listed.json()["items"]
    assert item["id"] == str(request.id)
    assert item["days_left"] == days_left(request.due_at, clock.now)
    assert item["due_on"] == request.due_at.astimezone(UTC).date().isoformat()
