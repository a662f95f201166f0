"""Privacy officers edit the register; every edit lands in the audit log with who and what
changed (Q15); nobody else may edit (403), bad input is refused (422), unknown ids are 404."""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from privacy.audit.models import AuditEntry
from privacy.register.seed import ANSWER_STATISTICS, ZONE

pytestmark = pytest.mark.usefixtures("client")


@pytest.fixture
def officer_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def officer(tokens: TestTokens, officer_id: uuid.UUID) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=officer_id)


def activity_body(**changes: Any) -> dict[str, Any]:
    return {
        "category": "Participants' preferred send time",
        "category_et": "Osaleja eelistatud saatmisaeg",
        "subject_kind": "participant",
        "soket_role": "processor",
        "controller": "The client",
        "source": "The client",
        "purposes": [
            {
                "purpose": "Send daily questions when the participant prefers",
                "legal_basis": "consent",
            }
        ],
        "retention": "Until the participant clears it",
        "recipients": ["The client's users"],
        "processor_ids": [str(ZONE)],
        **changes,
    }


def processor_body(**changes: Any) -> dict[str, Any]:
    return {
        "company": "Example Backup AS",
        "service": "Off-site backups",
        "processed_in": "Norway (EEA)",
        "countries": ["no"],
        "engaged_by": "soket",
        **changes,
    }


async def audit_of(database: Database, officer_id: uuid.UUID) -> list[AuditEntry]:
    async with database.sessions() as session:
        entries = await session.scalars(
            select(AuditEntry).where(AuditEntry.actor_id == officer_id).order_by(AuditEntry.seq)
        )
        return list(entries)


def details_of(entry: AuditEntry) -> dict[str, Any]:
    return dict(entry.details)


async def test_activity_create_update_delete_is_audited_q15_q1(
    client: httpx.AsyncClient, officer: dict[str, str], officer_id: uuid.UUID, database: Database
) -> None:
    created = await client.post("/register/activities", json=activity_body(), headers=officer)
    assert created.status_code == 201, created.text
    activity = created.json()
    assert activity["processors"] == [
        {
            "id": str(ZONE),
            "company": "Zone Media OÜ (Zone)",
            "processed_in": "Estonia and the Netherlands (EU/EEA)",
        }
    ]
    path = f"/register/activities/{activity['id']}"
    body = activity_body(retention="30 days after the last answer", processor_ids=[])
    updated = await client.put(path, json=body, headers=officer)
    assert updated.status_code == 200, updated.text
    assert updated.json()["retention"] == "30 days after the last answer"
    assert updated.json()["processors"] == []
    assert (await client.delete(path, headers=officer)).status_code == 204
    assert (await client.get(path, headers=officer)).status_code == 404

    entries = await audit_of(database, officer_id)
    assert [entry.action for entry in entries] == [
        "register.activity.created",
        "register.activity.updated",
        "register.activity.deleted",
    ]
    assert {entry.actor for entry in entries} == {"privacy_officer"}
    create, update, delete = (details_of(entry) for entry in entries)
    assert create["activity_id"] == activity["id"]
    assert create["purposes"][0]["legal_basis"] == "consent"
    assert update["changed"] == {
        "retention": {"before": "Until the participant clears it", "after": body["retention"]},
        "processor_ids": {"before": [str(ZONE)], "after": []},
    }
    assert delete["category"] == "Participants' preferred send time"


async def test_an_update_that_changes_nothing_writes_no_audit_entry_q15(
    client: httpx.AsyncClient, officer: dict[str, str], officer_id: uuid.UUID, database: Database
) -> None:
    activity = await client.post("/register/activities", json=activity_body(), headers=officer)
    path = f"/register/activities/{activity.json()['id']}"
    again = await client.put(path, json=activity_body(), headers=officer)
    assert again.status_code == 200
    assert [entry.action for entry in await audit_of(database, officer_id)] == [
        "register.activity.created"
    ]
    await client.delete(path, headers=officer)


async def test_processor_create_update_delete_is_audited_and_unlinked_q15_p7(
    client: httpx.AsyncClient, officer: dict[str, str], officer_id: uuid.UUID, database: Database
) -> None:
    created = await client.post("/register/processors", json=processor_body(), headers=officer)
    assert created.status_code == 201, created.text
    processor = created.json()
    assert (processor["countries"], processor["outside_eu_eea"]) == (["NO"], False)
    activity = await client.post(
        "/register/activities",
        json=activity_body(processor_ids=[processor["id"], str(ZONE)]),
        headers=officer,
    )
    assert activity.status_code == 201, activity.text
    path = f"/register/processors/{processor['id']}"
    moved = processor_body(
        processed_in="USA",
        countries=["US"],
        transfer="Backups stored in the USA under standard contractual clauses",
    )
    updated = await client.put(path, json=moved, headers=officer)
    assert updated.status_code == 200, updated.text
    assert updated.json()["outside_eu_eea"] is True
    assert updated.json()["activity_ids"] == [activity.json()["id"]]
    register = (await client.get("/register", headers=officer)).json()
    assert register["transfers"]["by_default"].startswith("Soket transfers")
    assert (await client.delete(path, headers=officer)).status_code == 204
    after = await client.get(f"/register/activities/{activity.json()['id']}", headers=officer)
    assert after.json()["processor_ids"] == [str(ZONE)]

    entries = await audit_of(database, officer_id)
    processor_entries = [entry for entry in entries if entry.action.startswith("register.proc")]
    assert [entry.action for entry in processor_entries] == [
        "register.processor.created",
        "register.processor.updated",
        "register.processor.deleted",
    ]
    changed = details_of(processor_entries[1])["changed"]
    assert set(changed) == {"processed_in", "countries", "transfer"}
    unlinked = details_of(processor_entries[2])["unlinked_activity_ids"]
    assert unlinked == [activity.json()["id"]]
    await client.delete(f"/register/activities/{activity.json()['id']}", headers=officer)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.EDITOR, Role.VIEWER])
async def test_only_privacy_officers_read_or_edit_the_register_q15(
    client: httpx.AsyncClient, tokens: TestTokens, role: Role
) -> None:
    client_user = tokens.headers(tenant_id=uuid.uuid4(), roles={role})
    path = f"/register/activities/{ANSWER_STATISTICS}"
    refused = [
        await client.get("/register", headers=client_user),
        await client.get("/register.csv", headers=client_user),
        await client.get("/register.json", headers=client_user),
        await client.post("/register/activities", json=activity_body(), headers=client_user),
        await client.put(path, json=activity_body(), headers=client_user),
        await client.delete(path, headers=client_user),
        await client.post("/register/processors", json=processor_body(), headers=client_user),
        await client.delete(f"/register/processors/{ZONE}", headers=client_user),
    ]
    assert [response.status_code for response in refused] == [403] * len(refused)
    assert (await client.get("/register")).status_code == 401


@pytest.mark.parametrize(
    "changes",
    [
        {"subject_kind": "employee"},
        {"soket_role": "joint_controller"},
        {"purposes": [{"purpose": "Marketing", "legal_basis": "because"}]},
        {"purposes": []},
        {"category": "   "},
        {"retention": ""},
        {"processor_ids": [str(ZONE), str(ZONE)]},
        {"unexpected": "field"},
    ],
)
async def test_bad_activity_is_refused_q1_q11(
    client: httpx.AsyncClient, officer: dict[str, str], changes: dict[str, Any]
) -> None:
    response = await client.post(
        "/register/activities", json=activity_body(**changes), headers=officer
    )
    assert response.status_code == 422, response.text


@pytest.mark.parametrize(
    "changes",
    [
        {"engaged_by": "nobody"},
        {"countries": []},
        {"countries": ["Estonia"]},
        {"countries": ["US"]},
        {"terms_url": "javascript:alert(1)"},
    ],
)
async def test_bad_processor_is_refused_p7(
    client: httpx.AsyncClient, officer: dict[str, str], changes: dict[str, Any]
) -> None:
    response = await client.post(
        "/register/processors", json=processor_body(**changes), headers=officer
    )
    assert response.status_code == 422, response.text


async def test_unknown_processor_is_422_and_unknown_ids_are_404(
    client: httpx.AsyncClient, officer: dict[str, str], officer_id: uuid.UUID, database: Database
) -> None:
    unknown = str(uuid.uuid4())
    linked = await client.post(
        "/register/activities", json=activity_body(processor_ids=[unknown]), headers=officer
    )
    assert linked.status_code == 422
    assert unknown in linked.json()["detail"]
    responses = [
        await client.get(f"/register/activities/{unknown}", headers=officer),
        await client.put(f"/register/activities/{unknown}", json=activity_body(), headers=officer),
        await client.delete(f"/register/activities/{unknown}", headers=officer),
        await client.get(f"/register/processors/{unknown}", headers=officer),
        await client.put(f"/register/processors/{unknown}", json=processor_body(), headers=officer),
        await client.delete(f"/register/processors/{unknown}", headers=officer),
    ]
    assert [response.status_code for response in responses] == [404] * len(responses)
    assert await audit_of(database, officer_id) == []
