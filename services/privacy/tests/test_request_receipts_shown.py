"""A request's detail shows each accepted receipt's digest, signature and audit entry hash
(no paging through the audit log for them); and a request the privacy officer enters with a
past ``received_at`` is due one month from that receipt (GDPR art. 12(3))."""

from datetime import timedelta
from uuid import uuid4

import httpx
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from contracts.vocabulary import DataService
from privacy.audit.models import AuditEntry
from privacy.clock import system_clock
from privacy.proofs.digests import receipt_digest
from privacy.proofs.models import StoredReceipt
from privacy.requests.deadlines import add_months, days_left
from privacy.requests.models import RequestType
from privacy.settings import Settings

from .conftest import FixedClock
from .test_saga_support import announce_keys, approved_request, deliver_live, erased, start


def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})


async def test_the_detail_shows_each_receipts_digest_signature_and_audit_entry_hash(
    client: httpx.AsyncClient, tokens: TestTokens, database: Database, settings: Settings
) -> None:
    await announce_keys(database)
    now = system_clock()
    request = await approved_request(database, settings, request_type=RequestType.ERASURE, now=now)
    await start(database, settings, request.id, now=now)
    sent = {service: erased(request, service, rows_deleted={"row": 2}) for service in DataService}
    for service in (DataService.ACCOUNTS, DataService.DELIVERY):
        await deliver_live(database, sent[service])

    response = await client.get(f"/requests/{request.id}", headers=officer(tokens))
    assert response.status_code == 200, response.text
    jobs = {(job["service"], job["step"]): job for job in response.json()["jobs"]}
    async with database.sessions() as session:
        stored = {
            receipt.service: receipt
            for receipt in await session.scalars(
                select(StoredReceipt).where(StoredReceipt.request_id == request.id)
            )
        }
        entries = {
            entry.seq: entry
            for entry in await session.scalars(
                select(AuditEntry).where(AuditEntry.request_id == request.id)
            )
        }
    assert set(stored) == {"accounts", "delivery"}

    for service in (DataService.ACCOUNTS, DataService.DELIVERY):
        shown = jobs[(service, "erase")]["receipt"]
        receipt = sent[service].data.receipt
        kept = stored[service]
        entry = entries[shown["audit_seq"]]
        assert shown["rows_deleted"] == 2
        assert shown["key_id"] == receipt.key_id
        assert shown["sha256"] == kept.sha256 == receipt_digest(kept.content)
        assert shown["sha256"] == entry.details["receipt_sha256"], "the digest the log chains"
        assert shown["signature"] == receipt.signature == kept.content["signature"]
        assert shown["audit_hash"] == entry.hash
        assert entry.action == "receipt.accepted"
    for service in (DataService.ASSESSMENTS, DataService.ANALYTICS):
        assert jobs[(service, "erase")]["receipt"] is None, "no receipt yet: nothing shown"

    admin = tokens.headers(tenant_id=request.tenant_id, roles={Role.ADMIN})
    theirs = (await client.get(f"/client/requests/{request.id}", headers=admin)).json()
    shown_to_client = {(job["service"], job["step"]): job for job in theirs["jobs"]}
    assert (
        shown_to_client[("accounts", "erase")]["receipt"] == jobs[("accounts", "erase")]["receipt"]
    )


async def test_an_entered_request_is_due_one_month_from_its_past_receipt(
    client: httpx.AsyncClient, tokens: TestTokens, clock: FixedClock
) -> None:
    received = clock.now - timedelta(days=20, hours=3)
    body = {
        "email": f"letter-{uuid4().hex[:8]}@example.ee",
        "request_type": "access",
        "language": "en",
        "subject_kind": "client_user",
        "tenant_id": str(uuid4()),
        "received_at": received.isoformat(),
    }
    response = await client.post("/requests", json=body, headers=officer(tokens))
    assert response.status_code == 201, response.text
    detail = response.json()
    due = add_months(received, 1)
    assert detail["due_on"] == due.date().isoformat()
    assert detail["days_left"] == days_left(due, clock.now) == 11
    assert detail["paused"] is False

    now_body = {**body, "email": f"call-{uuid4().hex[:8]}@example.ee"}
    del now_body["received_at"]
    response = await client.post("/requests", json=now_body, headers=officer(tokens))
    assert response.status_code == 201, response.text
    assert response.json()["due_on"] == add_months(clock.now, 1).date().isoformat()
