"""Legal holds (P14): the privacy officer places one on a client or a person, with a reason
and an owner, and releases it; released holds stay as history; every change is audited
(Q15); nobody else may touch them."""

import uuid

import httpx
import pytest
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import subject_ref
from chassis.testing.auth import TestTokens
from privacy.audit.models import AuditEntry
from privacy.settings import Settings

from .conftest import FixedClock

pytestmark = pytest.mark.usefixtures("client")


@pytest.fixture
def officer_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def officer(tokens: TestTokens, officer_id: uuid.UUID) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=officer_id)


async def test_hold_on_a_person_and_a_client_placed_released_history_kept_p14_q15(
    client: httpx.AsyncClient,
    officer: dict[str, str],
    officer_id: uuid.UUID,
    settings: Settings,
    clock: FixedClock,
    database: Database,
) -> None:
    tenant_id = uuid.uuid4()
    person = await client.post(
        "/holds",
        json={
            "tenant_id": str(tenant_id),
            "email": "Held.Person@Example.ee",
            "reason": "Claim 2-26-1234 at Harju County Court",
            "owner": "Mari Maasikas (counsel)",
        },
        headers=officer,
    )
    assert person.status_code == 201, person.text
    held = person.json()
    expected_ref = subject_ref(
        subject_ref_key(settings), tenant_id=tenant_id, email="held.person@example.ee"
    )
    assert (held["scope"], held["subject_ref"], held["active"]) == ("person", expected_ref, True)
    assert held["placed_by"] == str(officer_id)
    assert "email" not in held

    whole = await client.post(
        "/holds",
        json={"tenant_id": str(tenant_id), "reason": "Tax audit", "owner": "Jaan Tamm"},
        headers=officer,
    )
    assert whole.status_code == 201, whole.text
    assert whole.json()["scope"] == "client"

    clock.advance(days=3)
    released = await client.post(
        f"/holds/{held['id']}/release", json={"note": "Claim settled"}, headers=officer
    )
    assert released.status_code == 200, released.text
    assert released.json()["active"] is False
    assert released.json()["released_at"] == clock.now.isoformat().replace("+00:00", "Z")
    again = await client.post(f"/holds/{held['id']}/release", headers=officer)
    assert again.status_code == 409

    listed = await client.get(f"/holds?tenant_id={tenant_id}", headers=officer)
    assert listed.json()["total"] == 2
    active = await client.get(f"/holds?tenant_id={tenant_id}&active=true", headers=officer)
    assert [hold["scope"] for hold in active.json()["items"]] == ["client"]
    history = await client.get(f"/holds?tenant_id={tenant_id}&active=false", headers=officer)
    assert [hold["release_note"] for hold in history.json()["items"]] == ["Claim settled"]
    one = await client.get(f"/holds/{held['id']}", headers=officer)
    assert one.json()["released_by"] == str(officer_id)

    async with database.sessions() as session:
        entries = list(
            await session.scalars(
                select(AuditEntry).where(AuditEntry.actor_id == officer_id).order_by(AuditEntry.seq)
            )
        )
    assert [entry.action for entry in entries] == [
        "legal_hold.placed",
        "legal_hold.placed",
        "legal_hold.released",
    ]
    assert entries[0].details["reason"] == "Claim 2-26-1234 at Harju County Court"
    assert "Mari" not in str([entry.details for entry in entries])  # no names in the log


@pytest.mark.parametrize(
    "body",
    [
        {"reason": "x" * 10, "owner": "Jaan Tamm"},
        {"tenant_id": "not-a-uuid", "reason": "A claim", "owner": "Jaan Tamm"},
        {"tenant_id": str(uuid.uuid4()), "owner": "Jaan Tamm"},
        {"tenant_id": str(uuid.uuid4()), "reason": "A claim"},
        {"tenant_id": str(uuid.uuid4()), "reason": "   ", "owner": "Jaan Tamm"},
        {
            "tenant_id": str(uuid.uuid4()),
            "reason": "A claim",
            "owner": "Jaan Tamm",
            "email": "a@example.ee",
            "subject_ref": "ABC",
        },
        {"tenant_id": str(uuid.uuid4()), "reason": "A claim", "owner": "J", "email": "nope"},
    ],
)
async def test_bad_holds_are_refused(
    client: httpx.AsyncClient, officer: dict[str, str], body: dict[str, str]
) -> None:
    assert (await client.post("/holds", json=body, headers=officer)).status_code == 422


async def test_only_officers_manage_holds_and_unknown_is_404(
    client: httpx.AsyncClient, tokens: TestTokens, officer: dict[str, str]
) -> None:
    admin = tokens.headers(tenant_id=uuid.uuid4(), roles={Role.ADMIN}, user_id=uuid.uuid4())
    body = {"tenant_id": str(uuid.uuid4()), "reason": "A claim", "owner": "Jaan Tamm"}
    assert (await client.post("/holds", json=body, headers=admin)).status_code == 403
    assert (await client.get("/holds", headers=admin)).status_code == 403
    unknown = uuid.uuid4()
    assert (await client.get(f"/holds/{unknown}", headers=officer)).status_code == 404
    assert (await client.post(f"/holds/{unknown}/release", headers=officer)).status_code == 404
