"""A legal hold blocks erasure (P14, GDPR art. 17(3)(e)): an erasure request about a held
person, or about anyone of a held client, is refused when it would be approved: the hold's
reason is recorded on the request as its exception, the subject is told why, nothing is sent
to the data services. Once the hold is released, a new request goes through."""

import uuid
from typing import Any

import httpx
import pytest

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from chassis.testing.outbox import outbox
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import SUBJECT_ERASURE_REQUESTED
from privacy.requests.models import RequestType, SubjectKind
from privacy.requests.states import RequestState
from privacy.requests.testing import notices, stored_request
from privacy.saga.exceptions import LEGAL_CLAIMS

from .conftest import FixedClock

pytestmark = pytest.mark.usefixtures("client")


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=uuid.uuid4())


async def awaiting_erasure(
    database: Database,
    clock: FixedClock,
    *,
    tenant_id: uuid.UUID,
    email: str,
    request_type: RequestType = RequestType.ERASURE,
) -> tuple[str, str]:
    """A client user's erasure request awaiting the privacy officer: its id and reference."""
    async with database.sessions() as session, session.begin():
        request = await stored_request(
            session,
            state=RequestState.AWAITING_DECISION,
            received_at=clock.now,
            tenant_id=tenant_id,
            subject_kind=SubjectKind.CLIENT_USER,
            request_type=request_type,
            email=email,
        )
        return str(request.id), request.reference


async def erasures_sent_about(database: Database, request_id: str) -> int:
    sent = await outbox(database, SUBJECT_ERASURE_REQUESTED)
    return sum(1 for envelope in sent if str(envelope.data.request_id) == request_id)


async def approve(
    client: httpx.AsyncClient, officer: dict[str, str], request_id: str
) -> dict[str, Any]:
    response = await client.post(
        f"/requests/{request_id}/decision", json={"decision": "approve"}, headers=officer
    )
    assert response.status_code == 200, response.text
    detail: dict[str, Any] = response.json()
    return detail


async def test_person_hold_refuses_erasure_with_its_reason_p14(
    client: httpx.AsyncClient, officer: dict[str, str], database: Database, clock: FixedClock
) -> None:
    tenant_id = uuid.uuid4()
    email = f"held-{uuid.uuid4().hex[:8]}@example.ee"
    hold = await client.post(
        "/holds",
        json={
            "tenant_id": str(tenant_id),
            "email": email,
            "reason": "Wrongful dismissal claim 2-26-77",
            "owner": "Mari Maasikas",
        },
        headers=officer,
    )
    assert hold.status_code == 201, hold.text
    request_id, reference = await awaiting_erasure(
        database, clock, tenant_id=tenant_id, email=email
    )

    detail = await approve(client, officer, request_id)

    assert detail["state"] == "denied"
    assert "Wrongful dismissal claim 2-26-77" in detail["exception_note"]
    assert "17(3)(e)" in detail["exception_note"]
    assert hold.json()["id"] in detail["exception_note"]
    assert detail["denial_note"] == LEGAL_CLAIMS
    assert await erasures_sent_about(database, request_id) == 0
    [told] = await notices(
        database, template=NoticeTemplate.PRIVACY_REQUEST_DENIED, reference=reference
    )
    assert "legal claims" in str(told.parameters["reason"])

    other_request, _ = await awaiting_erasure(
        database, clock, tenant_id=tenant_id, email=f"free-{uuid.uuid4().hex[:8]}@example.ee"
    )
    assert (await approve(client, officer, other_request))["state"] != "denied"


async def test_client_hold_refuses_erasure_until_released_p14(
    client: httpx.AsyncClient, officer: dict[str, str], database: Database, clock: FixedClock
) -> None:
    tenant_id = uuid.uuid4()
    hold = await client.post(
        "/holds",
        json={"tenant_id": str(tenant_id), "reason": "Regulator's inquiry", "owner": "Jaan Tamm"},
        headers=officer,
    )
    email = f"anyone-{uuid.uuid4().hex[:8]}@example.ee"
    blocked, _ = await awaiting_erasure(database, clock, tenant_id=tenant_id, email=email)
    detail = await approve(client, officer, blocked)
    assert detail["state"] == "denied"
    assert "Regulator's inquiry" in detail["exception_note"]

    export, _ = await awaiting_erasure(
        database, clock, tenant_id=tenant_id, email=email, request_type=RequestType.EXPORT
    )
    assert (await approve(client, officer, export))["state"] != "denied"  # access stays

    await client.post(f"/holds/{hold.json()['id']}/release", headers=officer)
    after, _ = await awaiting_erasure(database, clock, tenant_id=tenant_id, email=email)
    detail = await approve(client, officer, after)
    assert detail["state"] != "denied"
    assert await erasures_sent_about(database, after) == 1
