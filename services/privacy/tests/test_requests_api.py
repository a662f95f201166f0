"""The requests API for privacy officers and client admins: tenant isolation (a client admin
of A can neither list, see nor decide B's requests), decisions with reasons (Q17), staff
entry, validation (4xx, never 500) and pagination."""

import inspect
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from contracts.events.notifications import NoticeTemplate
from privacy.requests.deadlines import add_months
from privacy.requests.models import SubjectKind
from privacy.requests.states import RequestState
from privacy.requests.testing import SagaRecorder, notices, stored_request
from privacy.saga import service as saga_service

from .conftest import FixedClock


@pytest.fixture
def saga(monkeypatch: pytest.MonkeyPatch) -> SagaRecorder:
    recorder = SagaRecorder()
    monkeypatch.setattr(saga_service, "start_saga", recorder.start_saga)
    if "being built" in inspect.getsource(saga_service.jobs_for):
        monkeypatch.setattr(saga_service, "jobs_for", recorder.jobs_for)
    return recorder


def admin_of(tokens: TestTokens, tenant: UUID, role: Role = Role.ADMIN) -> dict[str, str]:
    return tokens.headers(tenant_id=tenant, roles={role})


def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})


async def _awaiting(
    database: Database,
    clock: FixedClock,
    tenant: UUID,
    kind: SubjectKind = SubjectKind.PARTICIPANT,
) -> UUID:
    async with database.sessions() as session, session.begin():
        request = await stored_request(
            session,
            state=RequestState.AWAITING_DECISION,
            received_at=clock.now,
            tenant_id=tenant,
            subject_kind=kind,
        )
    return request.id


async def test_client_admin_of_a_cannot_list_see_or_decide_bs_requests_q11(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    tenant_a, tenant_b = uuid4(), uuid4()
    of_a = await _awaiting(database, clock, tenant_a)
    of_b = await _awaiting(database, clock, tenant_b)
    a_users = await _awaiting(database, clock, tenant_a, SubjectKind.CLIENT_USER)
    admin_a = admin_of(tokens, tenant_a)

    listed = (await client.get("/client/requests", headers=admin_a)).json()
    assert [item["id"] for item in listed["items"]] == [str(of_a)]
    assert listed["total"] == 1

    for foreign in (of_b, a_users):
        assert (await client.get(f"/client/requests/{foreign}", headers=admin_a)).status_code == 404
        for path, body in (
            ("decision", {"decision": "approve"}),
            ("decision", {"decision": "deny", "denial_reason": "no_match"}),
            ("cancellation", {}),
        ):
            response = await client.post(
                f"/client/requests/{foreign}/{path}", json=body, headers=admin_a
            )
            assert response.status_code == 404, (path, body)
    assert saga.started == []
    shown_b = (await client.get(f"/requests/{of_b}", headers=officer(tokens))).json()
    assert shown_b["state"] == RequestState.AWAITING_DECISION
    assert [t["to_state"] for t in shown_b["transitions"]] == []

    approved = await client.post(
        f"/client/requests/{of_a}/decision", json={"decision": "approve"}, headers=admin_a
    )
    assert approved.status_code == 200
    assert approved.json()["state"] == RequestState.APPROVED
    assert saga.started == [of_a]


async def test_only_the_right_roles_reach_each_api(
    client: httpx.AsyncClient, tokens: TestTokens, saga: SagaRecorder
) -> None:
    tenant = uuid4()
    assert (await client.get("/requests")).status_code == 401
    assert (await client.get("/requests", headers=admin_of(tokens, tenant))).status_code == 403
    assert (await client.get("/client/requests", headers=officer(tokens))).status_code == 403
    editor = admin_of(tokens, tenant, Role.EDITOR)
    assert (await client.get("/client/requests", headers=editor)).status_code == 403


async def test_privacy_officer_decides_client_users_requests_not_participants_q11_q17(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    tenant = uuid4()
    participants = await _awaiting(database, clock, tenant)
    users = await _awaiting(database, clock, tenant, SubjectKind.CLIENT_USER)
    refused = await client.post(
        f"/requests/{participants}/decision",
        json={"decision": "approve"},
        headers=officer(tokens),
    )
    assert refused.status_code == 409
    assert "Q11" in refused.json()["detail"]

    no_note = await client.post(
        f"/requests/{users}/decision",
        json={"decision": "deny", "denial_reason": "other"},
        headers=officer(tokens),
    )
    assert no_note.status_code == 422
    for bad in (
        {"decision": "deny"},
        {"decision": "approve", "denial_reason": "no_match"},
        {"decision": "maybe"},
        {"decision": "deny", "denial_reason": "because"},
    ):
        response = await client.post(
            f"/requests/{users}/decision", json=bad, headers=officer(tokens)
        )
        assert response.status_code == 422, bad

    denied = await client.post(
        f"/requests/{users}/decision",
        json={
            "decision": "deny",
            "denial_reason": "manifestly_unfounded_or_excessive",
            "note": "The fifth identical request this week.",
        },
        headers=officer(tokens),
    )
    assert denied.status_code == 200, denied.text
    detail = denied.json()
    assert detail["state"] == RequestState.DENIED
    assert detail["denial_reason"] == "manifestly_unfounded_or_excessive"
    assert detail["closed_at"] is not None
    assert [t["to_state"] for t in detail["transitions"]] == ["denied"]
    assert detail["transitions"][0]["actor"] == "privacy_officer"
    assert detail["jobs"] == []
    (told,) = await notices(
        database, template=NoticeTemplate.PRIVACY_REQUEST_DENIED, reference=detail["reference"]
    )
    assert told.parameters["reason"] == (
        "the request is manifestly unfounded or excessive (GDPR art. 12(5)): "
        "The fifth identical request this week."
    )
    assert "AKI" in told.parameters["authority"]

    again = await client.post(
        f"/requests/{users}/decision", json={"decision": "approve"}, headers=officer(tokens)
    )
    assert again.status_code == 409


async def test_client_admin_enters_a_request_for_a_participant_p15(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    tenant = uuid4()
    admin_id = uuid4()
    headers = tokens.headers(tenant_id=tenant, roles={Role.ADMIN}, user_id=admin_id)
    bad_bodies: list[dict[str, Any]] = [
        {"email": "x@example.ee", "request_type": "rectification", "language": "en"},
        {"email": "x@example.ee", "request_type": "restriction", "language": "en"},
        {"email": "x@example.ee", "request_type": "erasure", "restrict": True},
        {"email": "x@example.ee", "request_type": "access", "corrected_name": "New Name"},
        {"email": "not-an-address", "request_type": "access"},
        {"email": "x@example.ee", "request_type": "portability"},
        {"email": "x@example.ee", "request_type": "access", "language": "de"},
        {"email": "x@example.ee", "request_type": "access", "tenant_id": str(uuid4())},
    ]
    for body in bad_bodies:
        response = await client.post("/client/requests", json=body, headers=headers)
        assert response.status_code == 422, body

    response = await client.post(
        "/client/requests",
        json={
            "email": "Mari.Maasikas@Example.ee",
            "request_type": "rectification",
            "language": "et",
            "corrected_name": "Mari Mustikas",
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    detail = response.json()
    assert detail["state"] == RequestState.APPROVED
    assert detail["tenant_id"] == str(tenant)
    assert detail["subject_kind"] == "participant"
    assert detail["channel"] == "client_admin"
    assert detail["email"] == "mari.maasikas@example.ee"
    assert detail["corrected_name"] == "Mari Mustikas"
    assert detail["decided_by"] == str(admin_id)
    assert [t["to_state"] for t in detail["transitions"]] == [
        "identity_verified",
        "awaiting_decision",
        "approved",
    ]
    assert saga.started == [UUID(detail["id"])]

    restriction = await client.post(
        "/client/requests",
        json={"email": "a@example.ee", "request_type": "restriction", "restrict": False},
        headers=headers,
    )
    assert restriction.status_code == 201
    assert restriction.json()["restrict"] is False


async def test_privacy_officer_enters_a_request_received_by_other_means_p15(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    tenant = uuid4()
    received = clock.now.replace(day=1)
    body = {
        "email": "letter@example.ee",
        "request_type": "access",
        "language": "en",
        "subject_kind": "participant",
        "tenant_id": str(tenant),
        "received_at": received.isoformat(),
    }
    response = await client.post("/requests", json=body, headers=officer(tokens))
    assert response.status_code == 201, response.text
    detail = response.json()
    assert detail["state"] == RequestState.AWAITING_DECISION, "the client decides (Q11)"
    assert datetime.fromisoformat(detail["received_at"]) == received
    # Art. 12(3): a month from receipt, not from when the officer typed the letter in.
    assert datetime.fromisoformat(detail["due_at"]) == add_months(received, 1)

    future = {**body, "received_at": (clock.now + timedelta(minutes=1)).isoformat()}
    assert (await client.post("/requests", json=future, headers=officer(tokens))).status_code == 422
    naive = {**body, "received_at": "2026-11-01T10:00:00"}
    assert (await client.post("/requests", json=naive, headers=officer(tokens))).status_code == 422
    user_without_client = {**body, "subject_kind": "client_user", "tenant_id": None}
    response = await client.post("/requests", json=user_without_client, headers=officer(tokens))
    assert response.status_code == 422


async def test_lists_paginate_and_bad_input_is_4xx(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    database: Database,
    clock: FixedClock,
    saga: SagaRecorder,
) -> None:
    tenant = uuid4()
    ids = {await _awaiting(database, clock, tenant) for _ in range(5)}
    seen: set[str] = set()
    for page in (1, 2, 3):
        response = await client.get(
            "/client/requests",
            params={"page": page, "page_size": 2},
            headers=admin_of(tokens, tenant),
        )
        body = response.json()
        assert body["total"] == 5
        assert body["page"] == page
        assert body["page_size"] == 2
        seen |= {item["id"] for item in body["items"]}
    assert seen == {str(i) for i in ids}

    for params in (
        {"page": 0},
        {"page_size": 0},
        {"page_size": 10_000},
        {"state": "lost"},
        {"request_type": "x"},
        {"overdue": "perhaps"},
        {"tenant_id": "nope"},
    ):
        response = await client.get("/requests", params=params, headers=officer(tokens))
        assert response.status_code == 422, params
    filtered = await client.get(
        "/requests",
        params={"tenant_id": str(tenant), "state": "awaiting_decision", "request_type": "erasure"},
        headers=officer(tokens),
    )
    assert filtered.json()["total"] == 5
    assert (await client.get("/requests/not-a-uuid", headers=officer(tokens))).status_code == 422
    assert (await client.get(f"/requests/{uuid4()}", headers=officer(tokens))).status_code == 404
    for path in ("decision", "extension", "cancellation", "retry"):
        response = await client.post(
            f"/requests/{uuid4()}/{path}",
            json={"decision": "approve"} if path == "decision" else None,
            headers=officer(tokens),
        )
        assert response.status_code in {404, 422}, path
    malformed = await client.post(
        f"/client/requests/{next(iter(ids))}/decision",
        content=b"{not json",
        headers={**admin_of(tokens, tenant), "Content-Type": "application/json"},
    )
    assert malformed.status_code == 422


async def test_approval_hands_the_request_to_the_saga_and_shows_its_jobs_p15(
    client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    tenant = uuid4()
    response = await client.post(
        "/client/requests",
        json={"email": "leaving@example.ee", "request_type": "erasure", "language": "en"},
        headers=admin_of(tokens, tenant),
    )
    assert response.status_code == 201, response.text
    detail = response.json()
    assert detail["state"] == RequestState.IN_PROGRESS
    assert detail["before_point_of_no_return"] is False
    assert detail["jobs"]
    shown = await client.get(f"/client/requests/{detail['id']}", headers=admin_of(tokens, tenant))
    assert shown.json()["jobs"] == detail["jobs"]
    cancel = await client.post(
        f"/client/requests/{detail['id']}/cancellation", headers=admin_of(tokens, tenant)
    )
    assert cancel.status_code == 409
