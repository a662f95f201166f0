"""Retention policies (P17, Q8): one per category, seeded with defaults and linked to the
register activity it implements; the privacy officer changes them, a client's admin sets
its own period and action for the categories the client controls; every change is audited
(Q15); bad input is a 422, the wrong role a 403."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from contracts.events.privacy import RetentionCategory
from privacy.audit.models import AuditEntry
from privacy.register import seed

pytestmark = pytest.mark.usefixtures("client")


@pytest.fixture
def officer_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def officer(tokens: TestTokens, officer_id: uuid.UUID) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=officer_id)


@pytest.fixture
def tenant_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def admin_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def admin(tokens: TestTokens, tenant_id: uuid.UUID, admin_id: uuid.UUID) -> dict[str, str]:
    return tokens.headers(tenant_id=tenant_id, roles={Role.ADMIN}, user_id=admin_id)


@pytest.fixture
async def delivery_log_policy(
    client: httpx.AsyncClient, officer: dict[str, str]
) -> AsyncIterator[dict[str, Any]]:
    """The delivery log's policy, put back as it was after the test."""
    policies = (await client.get("/retention/policies", headers=officer)).json()
    [policy] = [p for p in policies if p["category"] == "delivery_log"]
    yield policy
    restored = {"period_days": policy["period_days"], "action": policy["action"]}
    await client.put("/retention/policies/delivery_log", json=restored, headers=officer)


async def audit_by(database: Database, actor_id: uuid.UUID) -> list[AuditEntry]:
    async with database.sessions() as session:
        found = await session.scalars(
            select(AuditEntry).where(AuditEntry.actor_id == actor_id).order_by(AuditEntry.seq)
        )
        return list(found)


async def test_defaults_p17_q8_one_policy_per_category_linked_to_the_register(
    client: httpx.AsyncClient, officer: dict[str, str]
) -> None:
    response = await client.get("/retention/policies", headers=officer)
    assert response.status_code == 200, response.text
    policies = {policy["category"]: policy for policy in response.json()}
    assert set(policies) == {category.value for category in RetentionCategory}
    tokens = policies["answer_tokens"]
    assert (tokens["period_days"], tokens["action"]) == (0, "delete")
    assert policies["delivery_log"]["period_days"] == 90
    assert policies["answers"]["action"] == "anonymise"
    assert policies["answers"]["allowed_actions"] == ["anonymise", "delete"]
    assert policies["answers"]["client_controlled"] is True
    assert policies["refresh_tokens"]["client_controlled"] is False
    assert policies["answers"]["activity_id"] == str(seed.PARTICIPANT_ANSWERS)
    assert policies["per_person_statistics"]["activity_id"] == str(seed.ANSWER_STATISTICS)
    assert all(policy["activity_id"] for policy in policies.values())


async def test_officer_changes_a_policy_q8_audited_q15(
    client: httpx.AsyncClient,
    officer: dict[str, str],
    officer_id: uuid.UUID,
    database: Database,
    delivery_log_policy: dict[str, Any],
) -> None:
    changed = await client.put(
        "/retention/policies/delivery_log",
        json={"period_days": 60, "action": "delete", "rationale": "Sends are checked sooner."},
        headers=officer,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["period_days"] == 60
    assert changed.json()["updated_by"] == str(officer_id)
    [entry] = await audit_by(database, officer_id)
    assert entry.action == "retention.policy_changed"
    assert entry.details["before"] == {"period_days": 90, "action": "delete"}
    assert entry.details["after"] == {"period_days": 60, "action": "delete"}


@pytest.mark.parametrize(
    ("category", "body", "status"),
    [
        ("delivery_log", {"period_days": 30, "action": "anonymise"}, 422),
        ("per_person_statistics", {"period_days": 30, "action": "delete"}, 422),
        ("delivery_log", {"period_days": 99_999, "action": "delete"}, 422),
        ("delivery_log", {"period_days": -1, "action": "delete"}, 422),
        ("no_such_category", {"period_days": 30, "action": "delete"}, 422),
        ("answers", {"period_days": 30, "action": "delete", "extra": 1}, 422),
    ],
)
async def test_bad_policies_are_refused_q8(
    client: httpx.AsyncClient,
    officer: dict[str, str],
    category: str,
    body: dict[str, Any],
    status: int,
) -> None:
    response = await client.put(f"/retention/policies/{category}", json=body, headers=officer)
    assert response.status_code == status, response.text


async def test_only_officers_manage_policies(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    assert (await client.get("/retention/policies", headers=admin)).status_code == 403
    body = {"period_days": 1, "action": "delete"}
    put = await client.put("/retention/policies/delivery_log", json=body, headers=admin)
    assert put.status_code == 403
    assert (await client.get("/retention/runs", headers=admin)).status_code == 403
    assert (await client.post("/retention/dry-runs", headers=admin)).status_code == 403


async def test_client_admin_sets_own_retention_p17_audited_q15(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    admin_id: uuid.UUID,
    tenant_id: uuid.UUID,
    database: Database,
) -> None:
    shown = await client.get("/client/retention", headers=admin)
    assert shown.status_code == 200, shown.text
    settings = {setting["category"]: setting for setting in shown.json()}
    assert set(settings) == {"answers", "dispatches", "per_person_statistics"}
    assert settings["answers"]["own"] is False
    assert settings["answers"]["period_days"] == settings["answers"]["default_period_days"]

    own = {"period_days": 30, "action": "delete"}
    changed = await client.put("/client/retention/answers", json=own, headers=admin)
    assert changed.status_code == 200, changed.text
    answers = next(s for s in changed.json() if s["category"] == "answers")
    assert (answers["own"], answers["period_days"], answers["action"]) == (True, 30, "delete")
    again = await client.put(
        "/client/retention/answers", json={"period_days": 45, "action": "anonymise"}, headers=admin
    )
    assert next(s for s in again.json() if s["category"] == "answers")["period_days"] == 45

    cleared = await client.delete("/client/retention/answers", headers=admin)
    assert cleared.status_code == 200, cleared.text
    assert next(s for s in cleared.json() if s["category"] == "answers")["own"] is False
    assert (await client.delete("/client/retention/answers", headers=admin)).status_code == 404

    entries = await audit_by(database, admin_id)
    assert [entry.action for entry in entries] == ["retention.client_setting_changed"] * 3
    assert entries[0].details["tenant_id"] == str(tenant_id)
    assert entries[0].details["before"] is None
    assert entries[2].details["after"] is None


@pytest.mark.parametrize(
    ("category", "body"),
    [
        ("delivery_log", {"period_days": 30, "action": "delete"}),
        ("refresh_tokens", {"period_days": 30, "action": "delete"}),
        ("per_person_statistics", {"period_days": 30, "action": "delete"}),
        ("answers", {"period_days": 0, "action": "delete"}),
        ("answers", {"period_days": 5000, "action": "delete"}),
    ],
)
async def test_client_sets_only_what_it_controls(
    client: httpx.AsyncClient, admin: dict[str, str], category: str, body: dict[str, Any]
) -> None:
    response = await client.put(f"/client/retention/{category}", json=body, headers=admin)
    assert response.status_code == 422, response.text


async def test_only_a_clients_admin_sets_its_retention(
    client: httpx.AsyncClient, tokens: TestTokens, officer: dict[str, str], tenant_id: uuid.UUID
) -> None:
    editor = tokens.headers(tenant_id=tenant_id, roles={Role.EDITOR}, user_id=uuid.uuid4())
    assert (await client.get("/client/retention", headers=editor)).status_code == 403
    assert (await client.get("/client/retention", headers=officer)).status_code == 403
    body = {"period_days": 30, "action": "delete"}
    put = await client.put("/client/retention/answers", json=body, headers=editor)
    assert put.status_code == 403
