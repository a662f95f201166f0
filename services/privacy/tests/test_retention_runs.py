"""Retention runs (P17, Q8): the scheduler starts each policy's run once a day, with the
cutoff of its period; the global run leaves out clients with their own setting and clients
under a legal hold, every run leaves out held people (P14); each data service's answer is
kept with its receipt, verified with the key the service published; a dry run shows per
policy, service and table what would be touched."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.privacy.receipts import ReceiptSigner
from chassis.testing.auth import TestTokens
from chassis.testing.outbox import outbox
from contracts.envelope import Envelope
from contracts.events.privacy import RETENTION_DUE, RetentionCategory, RetentionDue
from contracts.events.privacy_replies import PrivacyReply, RetentionApplied, reply_type
from contracts.events.receipt import ErasureMethod, ReceiptContent, ReceiptScope
from contracts.vocabulary import DataService
from privacy.proofs.service import UnknownReceiptKey
from privacy.proofs.testing import Signers, announce_keys, new_subject_ref
from privacy.retention.handlers import retention
from privacy.retention.models import RetentionPolicy, RetentionRun
from privacy.retention.scheduling import start_due_runs
from privacy.settings import Settings

from .conftest import FixedClock

pytestmark = pytest.mark.usefixtures("client")

NOW = datetime(2027, 3, 15, 13, 45, 12, tzinfo=UTC)
MIDNIGHT = datetime(2027, 3, 15, tzinfo=UTC)


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=uuid.uuid4())


@pytest.fixture
async def signers(database: Database) -> Signers:
    signers = Signers()
    await announce_keys(database, signers, valid_from=NOW - timedelta(days=1))
    return signers


async def start(database: Database, settings: Settings, now: datetime) -> list[RetentionDue]:
    """One scheduler pass at ``now``: the events it emitted."""
    async with database.sessions() as session, session.begin():
        started = await start_due_runs(session, settings=settings, now=now)
        ids = set(
            await session.scalars(select(RetentionRun.id).where(RetentionRun.started_at == now))
        )
    events = [
        envelope.data
        for envelope in await outbox(database, RETENTION_DUE)
        if envelope.data.request_id in ids
    ]
    assert len(events) == started
    return [event for event in events if isinstance(event, RetentionDue)]


async def test_scheduler_starts_each_policy_once_a_day_with_exclusions_p17_q8_p14(
    client: httpx.AsyncClient,
    tokens: TestTokens,
    officer: dict[str, str],
    database: Database,
    settings: Settings,
) -> None:
    async with database.sessions() as session, session.begin():
        await session.execute(update(RetentionPolicy).values(last_run_at=None))
    own, held_client, other, held_own = (uuid.uuid4() for _ in range(4))
    for tenant in (own, held_own):
        admin = tokens.headers(tenant_id=tenant, roles={Role.ADMIN}, user_id=uuid.uuid4())
        response = await client.put(
            "/client/retention/answers", json={"period_days": 30, "action": "delete"}, headers=admin
        )
        assert response.status_code == 200, response.text
    person = new_subject_ref(other)
    for body in (
        {"tenant_id": str(held_client), "reason": "A claim", "owner": "Jaan Tamm"},
        {"tenant_id": str(held_own), "reason": "A claim", "owner": "Jaan Tamm"},
        {"tenant_id": str(other), "subject_ref": person, "reason": "A claim", "owner": "Jaan"},
    ):
        assert (await client.post("/holds", json=body, headers=officer)).status_code == 201

    events = await start(database, settings, NOW)

    by_run = {(event.category, event.tenant_id): event for event in events}
    assert {category for category, tenant in by_run if tenant is None} == set(RetentionCategory)
    assert (RetentionCategory.ANSWERS, own) in by_run
    assert (RetentionCategory.ANSWERS, held_own) not in by_run  # a held client: no run at all
    answers = by_run[(RetentionCategory.ANSWERS, None)]
    assert {own, held_client, held_own} <= set(answers.excluded_tenant_ids)
    assert person in answers.excluded_subject_refs
    assert answers.cutoff == MIDNIGHT - timedelta(days=365)
    assert (answers.action, answers.dry_run) == ("anonymise", False)
    mine = by_run[(RetentionCategory.ANSWERS, own)]
    assert (mine.cutoff, mine.action) == (MIDNIGHT - timedelta(days=30), "delete")
    assert {held_client, held_own} <= set(mine.excluded_tenant_ids)  # other tests hold more
    assert mine.excluded_tenant_ids == sorted(mine.excluded_tenant_ids)
    assert person in mine.excluded_subject_refs
    tokens_run = by_run[(RetentionCategory.ANSWER_TOKENS, None)]
    assert tokens_run.cutoff == MIDNIGHT
    assert held_client in tokens_run.excluded_tenant_ids
    assert own not in tokens_run.excluded_tenant_ids  # its own setting is for answers only
    assert by_run[(RetentionCategory.DELIVERY_LOG, None)].cutoff == MIDNIGHT - timedelta(days=90)

    assert await start(database, settings, NOW + timedelta(hours=23)) == []
    next_day = await start(database, settings, NOW + timedelta(days=1))
    assert len(next_day) == len(events)

    page = await client.get("/retention/runs?page_size=3&dry_run=false", headers=officer)
    assert page.status_code == 200, page.text
    assert len(page.json()["items"]) == 3
    assert page.json()["total"] >= 2 * len(events)
    for tenant in (own, held_own):
        admin = tokens.headers(tenant_id=tenant, roles={Role.ADMIN}, user_id=uuid.uuid4())
        await client.delete("/client/retention/answers", headers=admin)
    held = await client.get("/holds?active=true&page_size=200", headers=officer)
    for hold in held.json()["items"]:
        if hold["tenant_id"] in {str(held_client), str(held_own), str(other)}:
            await client.post(f"/holds/{hold['id']}/release", headers=officer)


def applied(
    service: DataService,
    run: RetentionDue,
    *,
    signer: ReceiptSigner | None,
    rows: dict[str, int],
    key_of: Signers | None = None,
) -> Envelope[Any]:
    receipt = None
    if signer is not None:
        key_id = key_of[service].key_id if key_of is not None else signer.key_id
        content = ReceiptContent(
            request_id=run.request_id,
            service=service,
            scope=ReceiptScope.RETENTION,
            tenant_id=run.tenant_id,
            subject_ref=None,
            method=ErasureMethod.DELETE,
            rows_deleted=rows,
            rows_anonymised={},
            completed_at=NOW,
            key_id=signer.key_id,
        )
        receipt = signer.sign(content).model_copy(update={"key_id": key_id})
    return Envelope.wrap(
        RetentionApplied(
            service=service,
            request_id=run.request_id,
            category=run.category,
            dry_run=run.dry_run,
            rows_affected=rows,
            receipt=receipt,
        )
    )


async def deliver(database: Database, envelope: Envelope[Any]) -> None:
    handler = retention.handlers[reply_type(envelope.data.service, PrivacyReply.RETENTION_APPLIED)]
    async with database.sessions() as session, session.begin():
        await handler(session, envelope)


async def test_results_keep_counts_and_verified_receipts_p17(
    client: httpx.AsyncClient,
    officer: dict[str, str],
    database: Database,
    settings: Settings,
    signers: Signers,
) -> None:
    async with database.sessions() as session, session.begin():
        await session.execute(
            update(RetentionPolicy)
            .where(RetentionPolicy.category == RetentionCategory.DELIVERY_LOG)
            .values(last_run_at=None)
        )
    later = NOW + timedelta(days=30)
    [run] = [e for e in await start(database, settings, later) if e.category == "delivery_log"]
    rows = {
        DataService.ACCOUNTS: {},
        DataService.ASSESSMENTS: {},
        DataService.DELIVERY: {"message": 17},
        DataService.ANALYTICS: {},
    }
    for service in (DataService.DELIVERY, DataService.ACCOUNTS, DataService.ASSESSMENTS):
        await deliver(database, applied(service, run, signer=signers[service], rows=rows[service]))
    await deliver(
        database,
        applied(
            DataService.DELIVERY, run, signer=signers[DataService.DELIVERY], rows={"message": 99}
        ),
    )
    waiting = (await client.get(f"/retention/runs/{run.request_id}", headers=officer)).json()
    assert waiting["waiting_for"] == ["analytics"]
    assert waiting["completed_at"] is None

    forger = ReceiptSigner(b"\x01" * 32)
    await deliver(
        database,
        applied(DataService.ANALYTICS, run, signer=forger, rows={}, key_of=signers),
    )
    detail = (await client.get(f"/retention/runs/{run.request_id}", headers=officer)).json()
    assert detail["waiting_for"] == []
    assert detail["completed_at"] is not None
    results = {result["service"]: result for result in detail["results"]}
    assert results["delivery"]["rows_affected"] == {"message": 17}  # the replay changed nothing
    assert results["delivery"]["receipt_verified"] is True
    assert results["delivery"]["receipt"]["rows_deleted"] == {"message": 17}
    assert results["delivery"]["audit_seq"] is not None
    assert results["analytics"]["receipt_verified"] is False
    assert "does not verify" in results["analytics"]["receipt_error"]


async def test_receipt_of_an_unknown_key_is_retried_p17(
    database: Database, settings: Settings, signers: Signers
) -> None:
    async with database.sessions() as session, session.begin():
        await session.execute(
            update(RetentionPolicy)
            .where(RetentionPolicy.category == RetentionCategory.REFRESH_TOKENS)
            .values(last_run_at=None)
        )
    later = NOW + timedelta(days=60)
    [run] = [e for e in await start(database, settings, later) if e.category == "refresh_tokens"]
    stranger = ReceiptSigner(b"\x02" * 32)
    with pytest.raises(UnknownReceiptKey):
        await deliver(database, applied(DataService.ACCOUNTS, run, signer=stranger, rows={}))


async def test_dry_run_predicts_per_policy_service_and_table_p17(
    client: httpx.AsyncClient, officer: dict[str, str], database: Database, clock: FixedClock
) -> None:
    response = await client.post(
        "/retention/dry-runs", json={"category": "delivery_log"}, headers=officer
    )
    assert response.status_code == 202, response.text
    report = response.json()
    assert report["complete"] is False
    [policy] = [p for p in report["policies"] if p["tenant_id"] is None]
    assert policy["waiting_for"] == ["accounts", "analytics", "assessments", "delivery"]
    midnight = clock.now.replace(hour=0, minute=0, second=0, microsecond=0)
    assert policy["cutoff"] == (midnight - timedelta(days=90)).isoformat().replace("+00:00", "Z")
    [due] = [
        envelope.data
        for envelope in await outbox(database, RETENTION_DUE)
        if str(envelope.data.request_id) == policy["run_id"]
    ]
    assert isinstance(due, RetentionDue)
    assert due.dry_run is True
    counts = {
        DataService.ACCOUNTS: {},
        DataService.ASSESSMENTS: {},
        DataService.DELIVERY: {"message": 5},
        DataService.ANALYTICS: {},
    }
    for service, rows in counts.items():
        await deliver(database, applied(service, due, signer=None, rows=rows))

    done = await client.get(f"/retention/dry-runs/{report['batch_id']}", headers=officer)
    assert done.status_code == 200, done.text
    assert done.json()["complete"] is True
    [policy] = [p for p in done.json()["policies"] if p["tenant_id"] is None]
    assert policy["rows"]["delivery"] == {"message": 5}
    assert policy["total"] == 5
    runs = await client.get("/retention/runs?dry_run=true", headers=officer)
    assert policy["run_id"] in [run["id"] for run in runs.json()["items"]]
    missing = await client.get(f"/retention/dry-runs/{uuid.uuid4()}", headers=officer)
    assert missing.status_code == 404
    assert (await client.get(f"/retention/runs/{uuid.uuid4()}", headers=officer)).status_code == 404
