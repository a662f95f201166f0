"""Staff actions on personal data land in the hash-chained audit log (Q15): viewing a
request's detail (privacy officer or client admin), downloading an export or a proof bundle,
a decision, a register change. A list that shows no personal data, or a refused download,
adds nothing. The chain stays whole throughout."""

import uuid

import httpx
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from privacy.audit.models import AuditEntry
from privacy.proofs.audit_log import verify_audit_chain
from privacy.proofs.testing import add_request
from privacy.register.seed import ZONE
from privacy.requests.models import DataSubjectRequest
from privacy.requests.states import RequestState
from privacy.settings import Settings

from .conftest import FixedClock
from .exports_support import download_path, exported


async def entries_about(database: Database, request_id: uuid.UUID) -> list[AuditEntry]:
    async with database.sessions() as session, session.begin():
        return list(
            await session.scalars(
                select(AuditEntry)
                .where(AuditEntry.request_id == request_id)
                .order_by(AuditEntry.seq)
            )
        )


async def entries_by(database: Database, actor_id: uuid.UUID) -> list[AuditEntry]:
    async with database.sessions() as session, session.begin():
        return list(
            await session.scalars(
                select(AuditEntry).where(AuditEntry.actor_id == actor_id).order_by(AuditEntry.seq)
            )
        )


async def a_request(
    database: Database, clock: FixedClock, *, state: RequestState = RequestState.IN_PROGRESS
) -> DataSubjectRequest:
    async with database.sessions() as session, session.begin():
        return await add_request(session, now=clock.now, state=state)


async def test_viewing_a_request_appends_an_entry_and_listing_does_not_q15(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens, clock: FixedClock
) -> None:
    request = await a_request(database, clock)
    officer_id = uuid.uuid4()
    officer = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=officer_id)

    listed = await client.get("/requests", headers=officer)
    assert listed.status_code == 200
    assert "email" not in listed.json()["items"][0]  # no personal data: no entry
    assert await entries_by(database, officer_id) == []

    viewed = await client.get(f"/requests/{request.id}", headers=officer)
    assert viewed.status_code == 200
    assert viewed.json()["email"] == request.email
    [entry] = await entries_by(database, officer_id)
    assert (entry.action, entry.actor, entry.request_id) == (
        "request.viewed",
        "privacy_officer",
        request.id,
    )
    assert entry.details == {"state": "in_progress"}
    assert str(request.email) not in str(entry.details)

    admin_id = uuid.uuid4()
    admin = tokens.headers(tenant_id=request.tenant_id, roles={Role.ADMIN}, user_id=admin_id)
    assert (await client.get(f"/client/requests/{request.id}", headers=admin)).status_code == 200
    [by_admin] = await entries_by(database, admin_id)
    assert (by_admin.action, by_admin.actor) == ("request.viewed", "client_admin")
    assert by_admin.details["tenant_id"] == str(request.tenant_id)

    stranger_id = uuid.uuid4()
    stranger = tokens.headers(tenant_id=uuid.uuid4(), roles={Role.ADMIN}, user_id=stranger_id)
    assert (await client.get(f"/client/requests/{request.id}", headers=stranger)).status_code == 404
    assert await entries_by(database, stranger_id) == []


async def test_a_decision_is_audited_with_who_made_it_q15(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens, clock: FixedClock
) -> None:
    request = await a_request(database, clock, state=RequestState.AWAITING_DECISION)
    admin_id = uuid.uuid4()
    admin = tokens.headers(tenant_id=request.tenant_id, roles={Role.ADMIN}, user_id=admin_id)
    denied = await client.post(
        f"/client/requests/{request.id}/decision",
        json={
            "decision": "deny",
            "denial_reason": "manifestly_unfounded_or_excessive",
            "note": "x",
        },
        headers=admin,
    )
    assert denied.status_code == 200, denied.text
    actions = [entry.action for entry in await entries_by(database, admin_id)]
    assert "request.denied" in actions


async def test_downloading_an_export_appends_an_entry_and_a_refused_one_does_not_q15(
    database: Database,
    settings: Settings,
    client: httpx.AsyncClient,
    clock: FixedClock,
) -> None:
    request, link = await exported(database, settings, clock)
    before = [entry.action for entry in await entries_about(database, request.id)]

    forged = await client.get(download_path(link, signature="0" * 64))
    assert forged.status_code == 403
    assert [e.action for e in await entries_about(database, request.id)] == before

    downloaded = await client.get(download_path(link))
    assert downloaded.status_code == 200
    after = await entries_about(database, request.id)
    assert [e.action for e in after] == [*before, "export.downloaded"]
    assert after[-1].actor == "link_holder"
    assert after[-1].details["size_bytes"] == len(downloaded.content)


async def test_downloading_a_proof_bundle_appends_an_entry_q15(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens, clock: FixedClock
) -> None:
    request = await a_request(database, clock, state=RequestState.COMPLETED)
    officer_id = uuid.uuid4()
    officer = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=officer_id)
    first = await client.get(f"/requests/{request.id}/proof-bundle", headers=officer)
    assert first.status_code == 200
    assert "proof_bundle.downloaded" not in [e["action"] for e in first.json()["audit"]]
    [entry] = await entries_by(database, officer_id)
    assert (entry.action, entry.request_id) == ("proof_bundle.downloaded", request.id)


async def test_a_register_change_appends_an_entry_q15(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    officer_id = uuid.uuid4()
    officer = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=officer_id)
    zone = (await client.get(f"/register/processors/{ZONE}", headers=officer)).json()
    body = {
        name: zone[name]
        for name in ("company", "service", "processed_in", "countries", "engaged_by")
    }
    changed = await client.put(
        f"/register/processors/{ZONE}",
        json={**body, "service": f"{zone['service']} ({uuid.uuid4().hex[:6]})"},
        headers=officer,
    )
    assert changed.status_code == 200, changed.text
    [entry] = await entries_by(database, officer_id)
    assert entry.action == "register.processor.updated"
    changed_fields = entry.details["changed"]
    assert isinstance(changed_fields, dict)
    assert "service" in changed_fields
    restored = await client.put(f"/register/processors/{ZONE}", json=body, headers=officer)
    assert restored.status_code == 200


async def test_the_chain_holds_after_every_staff_action_q15(database: Database) -> None:
    async with database.sessions() as session, session.begin():
        verification = await verify_audit_chain(session)
    assert verification.intact, verification
