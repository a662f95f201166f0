"""A client user's requests about their own data (point 3c, Q14): opened at once, verified by
a code to the address; a user never sees another user's requests."""

from uuid import UUID, uuid4

import httpx
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from contracts.events.notifications import NoticeTemplate
from privacy.intake.models import Intake
from privacy.intake.testing import MovableClock, emailed_code, notices_to
from privacy.requests.models import DataSubjectRequest, IntakeChannel, SubjectKind
from privacy.requests.states import RequestState
from privacy.settings import Settings


def user(tokens: TestTokens, tenant_id: UUID, role: Role = Role.VIEWER) -> dict[str, str]:
    return tokens.headers(tenant_id=tenant_id, roles={role}, user_id=uuid4())


async def opened(
    client: httpx.AsyncClient, headers: dict[str, str], email: str, **fields: object
) -> dict[str, str]:
    body = {"email": email, "request_type": "export", "language": "en", **fields}
    response = await client.post("/me/requests", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def stored(database: Database, request_id: str) -> DataSubjectRequest:
    async with database.sessions() as session:
        request = await session.get(DataSubjectRequest, UUID(request_id))
    assert request is not None
    return request


async def test_a_client_user_opens_a_request_and_proves_the_address_q14(
    client: httpx.AsyncClient, database: Database, tokens: TestTokens
) -> None:
    tenant_id = uuid4()
    headers = user(tokens, tenant_id)
    email = f"me.{uuid4().hex[:8]}@example.ee"
    created = await opened(client, headers, email.upper())
    assert created["state"] == "awaiting_verification"
    assert created["reference"].startswith("DSR-")
    request = await stored(database, created["id"])
    assert request.tenant_id == tenant_id
    assert request.subject_kind == SubjectKind.CLIENT_USER
    assert request.channel == IntakeChannel.CLIENT_USER
    assert request.email == email
    assert request.paused_since is not None
    [notice] = await notices_to(
        database, address=email, template=NoticeTemplate.PRIVACY_REQUEST_VERIFICATION_CODE
    )
    assert notice.data.tenant_id == tenant_id
    assert notice.data.language == "en"
    async with database.sessions() as session:
        intake = await session.scalar(select(Intake).where(Intake.request_id == request.id))
    assert intake is not None
    assert intake.email is None
    assert intake.submitted_by == request.submitted_by

    code = await emailed_code(database, address=email)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    refused = await client.post(
        f"/me/requests/{created['id']}/verification", json={"code": wrong}, headers=headers
    )
    assert refused.status_code == 400
    assert refused.json()["attempts_left"] == 4
    verified = await client.post(
        f"/me/requests/{created['id']}/verification", json={"code": code}, headers=headers
    )
    assert verified.status_code == 202, verified.text
    assert verified.json()["state"] == RequestState.AWAITING_DECISION
    request = await stored(database, created["id"])
    assert request.state == RequestState.AWAITING_DECISION
    assert request.paused_since is None
    async with database.sessions() as session:
        assert await session.scalar(select(Intake).where(Intake.request_id == request.id)) is None
    again = await client.post(
        f"/me/requests/{created['id']}/verification", json={"code": code}, headers=headers
    )
    assert again.status_code == 409


async def test_an_expired_self_service_code_is_refused_q14(
    client: httpx.AsyncClient,
    database: Database,
    tokens: TestTokens,
    settings: Settings,
    clock: MovableClock,
) -> None:
    headers = user(tokens, uuid4())
    email = f"me.{uuid4().hex[:8]}@example.ee"
    created = await opened(client, headers, email)
    code = await emailed_code(database, address=email)
    clock.advance(minutes=settings.requests.verification_code_minutes + 1)
    response = await client.post(
        f"/me/requests/{created['id']}/verification", json={"code": code}, headers=headers
    )
    assert response.status_code == 410
    request = await stored(database, created["id"])
    assert request.state == RequestState.AWAITING_VERIFICATION


async def test_a_user_never_sees_another_users_requests_q14(
    client: httpx.AsyncClient, database: Database, tokens: TestTokens
) -> None:
    tenant_id = uuid4()
    mine, colleague = user(tokens, tenant_id), user(tokens, tenant_id, Role.ADMIN)
    elsewhere = user(tokens, uuid4(), Role.ADMIN)
    email = f"me.{uuid4().hex[:8]}@example.ee"
    created = await opened(client, mine, email)
    code = await emailed_code(database, address=email)
    for other in (colleague, elsewhere):
        read = await client.get(f"/me/requests/{created['id']}", headers=other)
        assert read.status_code == 404
        verify = await client.post(
            f"/me/requests/{created['id']}/verification", json={"code": code}, headers=other
        )
        assert verify.status_code == 404
        listed = await client.get("/me/requests", headers=other)
        assert created["id"] not in [item["id"] for item in listed.json()["items"]]
    assert (await stored(database, created["id"])).state == RequestState.AWAITING_VERIFICATION
    own = await client.get(f"/me/requests/{created['id']}", headers=mine)
    assert own.status_code == 200
    assert own.json()["reference"] == created["reference"]


async def test_own_requests_are_listed_newest_first_in_pages_q14(
    client: httpx.AsyncClient, tokens: TestTokens, clock: MovableClock
) -> None:
    headers = user(tokens, uuid4(), Role.EDITOR)
    created = []
    for request_type in ("access", "export", "erasure"):
        created.append(
            await opened(
                client, headers, f"me.{uuid4().hex[:8]}@example.ee", request_type=request_type
            )
        )
        clock.advance(minutes=1)
    first = await client.get("/me/requests", params={"page_size": 2}, headers=headers)
    assert first.status_code == 200
    assert first.json()["total"] == 3
    assert first.json()["page"] == 1
    assert [item["id"] for item in first.json()["items"]] == [created[2]["id"], created[1]["id"]]
    second = await client.get("/me/requests", params={"page_size": 2, "page": 2}, headers=headers)
    [item] = second.json()["items"]
    assert item["id"] == created[0]["id"]
    assert item["request_type"] == "access"
    assert item["state"] == "awaiting_verification"
    assert isinstance(item["days_left"], int)
    too_big = await client.get("/me/requests", params={"page_size": 1000}, headers=headers)
    assert too_big.status_code == 422


async def test_self_service_needs_a_client_users_token_q14(
    client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    body = {"email": "me@example.ee", "request_type": "access", "language": "en"}
    assert (await client.post("/me/requests", json=body)).status_code == 401
    officer = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})
    assert (await client.post("/me/requests", json=body, headers=officer)).status_code == 403
    bad = await client.post(
        "/me/requests",
        json={**body, "request_type": "restriction"},
        headers=user(tokens, uuid4()),
    )
    assert bad.status_code == 422
    assert "restrict" in str(bad.json()["detail"])
