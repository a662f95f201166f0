"""``GET /dashboard``: what needs the privacy officer, area by area, as counts and references
(Q6 requests' deadlines, Q10 breaches' 72 hours, P17/Q8 retention, P14 holds, Q2/Q3 consent,
P12 offboarding, Q13 policy versions, Q15 audit, P13/Q9 backups).

Each test gets a privacy database of its own (copied from one migrated template), so every
figure is exact."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text

from chassis.auth.principal import Role
from contracts.events.privacy import RetentionAction, RetentionCategory
from contracts.vocabulary import DataService
from privacy.audit.chain import GENESIS_HASH, entry_hash
from privacy.audit.models import AuditEntry
from privacy.audit.service import append_audit
from privacy.dashboard.sections.audit import tail_break
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.policies.models import PolicyVersion
from privacy.requests.models import RequestType, SubjectKind
from privacy.requests.states import RequestState
from privacy.requests.testing import stored_request
from privacy.retention.models import RetentionPolicy, RetentionResult, RetentionRun
from privacy.retention.seed import DEFAULT_POLICIES
from soket_cli.pytest_infrastructure import TestInfrastructure

from .conftest import FixedClock
from .dashboard_support import (
    NOW,
    notify_authority,
    offboarding_row,
    record_breach,
    seed_backups,
)
from .scratch_support import Scratch, copied_database, migrated_database, served

# Shared with the dashboard's other tests (queries, filtered lists): the fixtures, NOW, Scratch.
__all__ = ["NOW", "Scratch", "scratch", "template"]


@pytest.fixture(scope="module")
async def template(
    infrastructure: TestInfrastructure, request: pytest.FixtureRequest
) -> AsyncIterator[str]:
    """A migrated privacy database of the test module's own, which each of its tests copies
    (faster than migrating each time)."""
    label = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    async with migrated_database(infrastructure, label) as url:
        yield url


@pytest.fixture
async def scratch(
    infrastructure: TestInfrastructure, template: str, clock: FixedClock
) -> AsyncIterator[Scratch]:
    async with copied_database(infrastructure, template) as url, served(url, clock) as scratch:
        yield scratch


def days_ago(days: float, *, hours: float = 0) -> datetime:
    return NOW - timedelta(days=days, hours=hours)


# Access


async def test_only_privacy_officers_read_the_dashboard(scratch: Scratch) -> None:
    admin = scratch.tokens.headers(tenant_id=uuid.uuid4(), roles=frozenset({Role.ADMIN}))
    assert (await scratch.client.get("/dashboard", headers=admin)).status_code == 403
    assert (await scratch.client.get("/dashboard")).status_code == 401
    empty = await scratch.dashboard()
    assert empty["requests"]["open"] == 0
    assert empty["requests"]["most_urgent"] == []
    assert empty["breaches"] == {
        "open": 0,
        "overdue": 0,
        "deadline_hours": 72,
        "most_urgent": [],
        "link": "/breaches?open=true",
    }
    assert empty["holds"]["newest"] is None
    assert empty["offboardings"]["next_erasure"] is None
    assert empty["policies"]["current"]["label"] == "2025-12", "the product's policy, seeded"
    assert empty["policies"]["upcoming"] == []
    assert empty["backups"] == {"kept": 0, "latest": None, "link": "/backups?kept=true"}
    assert empty["retention"]["last_dry_run"] is None
    assert len(empty["retention"]["policies"]) == len(DEFAULT_POLICIES)


# Requests and consent (Q6, Q11, Q2, Q3)


async def test_requests_are_counted_by_state_and_type_with_the_most_urgent_first_q6(
    scratch: Scratch,
) -> None:
    tenant = uuid.uuid4()
    seeds: dict[str, tuple[RequestState, datetime, RequestType, SubjectKind]] = {
        # name: state, received_at (due one month later), type, whose
        "old_objection": (
            RequestState.AWAITING_DECISION,
            datetime(2026, 8, 1, 9, tzinfo=UTC),
            RequestType.OBJECTION,
            SubjectKind.CLIENT_USER,
        ),
        "overdue": (
            RequestState.IN_PROGRESS,
            datetime(2026, 9, 20, 9, tzinfo=UTC),
            RequestType.ERASURE,
            SubjectKind.PARTICIPANT,
        ),
        "failed": (
            RequestState.FAILED,
            datetime(2026, 10, 1, 9, tzinfo=UTC),
            RequestType.ERASURE,
            SubjectKind.PARTICIPANT,
        ),
        "in_3_days": (
            RequestState.AWAITING_DECISION,
            datetime(2026, 10, 5, 10, tzinfo=UTC),
            RequestType.ACCESS,
            SubjectKind.CLIENT_USER,
        ),
        "in_7_days": (
            RequestState.AWAITING_DECISION,
            datetime(2026, 10, 9, 12, tzinfo=UTC),
            RequestType.OBJECTION,
            SubjectKind.PARTICIPANT,
        ),
        "in_8_days": (
            RequestState.IDENTITY_VERIFIED,
            datetime(2026, 10, 10, 8, tzinfo=UTC),
            RequestType.EXPORT,
            SubjectKind.PARTICIPANT,
        ),
        "later_1": (
            RequestState.RECEIVED,
            datetime(2026, 10, 25, 9, tzinfo=UTC),
            RequestType.ERASURE,
            SubjectKind.PARTICIPANT,
        ),
        "later_2": (
            RequestState.RECEIVED,
            datetime(2026, 10, 26, 9, tzinfo=UTC),
            RequestType.ACCESS,
            SubjectKind.PARTICIPANT,
        ),
        # Unverified since 1 September: its clock is paused, so it is not overdue.
        "paused": (
            RequestState.AWAITING_VERIFICATION,
            datetime(2026, 9, 1, 9, tzinfo=UTC),
            RequestType.RECTIFICATION,
            SubjectKind.PARTICIPANT,
        ),
        "old_withdrawal": (
            RequestState.COMPLETED,
            datetime(2026, 8, 1, 9, tzinfo=UTC),
            RequestType.CONSENT_WITHDRAWAL,
            SubjectKind.CLIENT_USER,
        ),
        "withdrawal": (
            RequestState.COMPLETED,
            datetime(2026, 10, 20, 9, tzinfo=UTC),
            RequestType.CONSENT_WITHDRAWAL,
            SubjectKind.CLIENT_USER,
        ),
        "denied_objection": (
            RequestState.DENIED,
            datetime(2026, 10, 21, 9, tzinfo=UTC),
            RequestType.OBJECTION,
            SubjectKind.CLIENT_USER,
        ),
    }
    references, emails = {}, []
    async with scratch.database.sessions() as session, session.begin():
        for name, (state, received_at, request_type, kind) in seeds.items():
            stored = await stored_request(
                session,
                state=state,
                received_at=received_at,
                tenant_id=tenant,
                subject_kind=kind,
                request_type=request_type,
            )
            references[name] = stored.reference
            emails.append(stored.email)

    response = await scratch.client.get("/dashboard", headers=scratch.officer)
    assert response.status_code == 200
    assert not any(email and email in response.text for email in emails)
    section = response.json()["requests"]

    assert section["open"] == 9
    assert section["open_by_state"] == {
        "received": 2,
        "awaiting_verification": 1,
        "identity_verified": 1,
        "awaiting_decision": 3,
        "approved": 0,
        "in_progress": 1,
        "failed": 1,
    }
    assert section["open_by_type"] == {
        "access": 2,
        "export": 1,
        "rectification": 1,
        "erasure": 3,
        "restriction": 0,
        "consent_withdrawal": 0,
        "objection": 2,
    }
    assert section["overdue"] == 3
    assert section["due_within_days"] == 7
    assert section["due_soon"] == 2  # in 3 and in 7 days; not in 8
    assert section["awaiting_decision"] == 3
    assert section["awaiting_officer_decision"] == 2  # the client users'
    urgent = section["most_urgent"]
    assert [item["reference"] for item in urgent] == [
        references[name]
        for name in ("old_objection", "overdue", "failed", "in_3_days", "in_7_days")
    ]
    assert [item["days_left"] for item in urgent] == [-62, -13, -1, 3, 7]
    assert [item["overdue"] for item in urgent] == [True, True, True, False, False]
    assert [item["officer_decides"] for item in urgent] == [True, False, False, True, False]
    assert urgent[1]["due_on"] == "2026-10-20"
    assert urgent[1]["state"] == "in_progress"
    assert urgent[1]["request_type"] == "erasure"
    assert urgent[0]["link"] == f"/requests/{urgent[0]['id']}"
    assert set(urgent[0]) == {
        "id",
        "reference",
        "request_type",
        "state",
        "due_at",
        "due_on",
        "days_left",
        "overdue",
        "officer_decides",
        "link",
    }

    listed = await scratch.client.get(section["overdue_link"], headers=scratch.officer)
    assert listed.json()["total"] == 3
    waiting = await scratch.client.get(section["awaiting_decision_link"], headers=scratch.officer)
    assert waiting.json()["total"] == 3
    due_soon = await scratch.client.get(section["due_soon_link"], headers=scratch.officer)
    assert due_soon.json()["total"] == section["due_soon"]

    consent = (await scratch.dashboard())["consent"]
    assert consent["since"] == "2026-10-03T09:00:00Z"
    assert (consent["withdrawals"], consent["objections"]) == (1, 2)  # received since 3 Oct
    assert consent["objections_waiting"] == 2  # however old
    objections = await scratch.client.get(
        consent["objections_waiting_link"], headers=scratch.officer
    )
    assert objections.json()["total"] == 2


# Breaches (Q10)


async def test_open_breaches_show_hours_left_and_move_past_the_deadline_with_the_clock_q10(
    scratch: Scratch,
) -> None:
    recent = await record_breach(scratch, NOW - timedelta(hours=10))
    nearly_due = await record_breach(scratch, NOW - timedelta(hours=70))
    notified = await record_breach(scratch, NOW - timedelta(hours=90))
    await notify_authority(scratch, notified, NOW - timedelta(hours=30))

    section = (await scratch.dashboard())["breaches"]
    assert (section["open"], section["overdue"]) == (2, 0)
    assert [item["reference"] for item in section["most_urgent"]] == [
        nearly_due["reference"],
        recent["reference"],
    ]
    assert [item["hours_left"] for item in section["most_urgent"]] == [2.0, 62.0]
    assert section["most_urgent"][0]["deadline"] == "2026-11-02T11:00:00Z"
    assert section["most_urgent"][0]["link"] == f"/breaches/{nearly_due['id']}"

    scratch.clock.advance(hours=3)
    section = (await scratch.dashboard())["breaches"]
    assert (section["open"], section["overdue"]) == (2, 1)
    first, second = section["most_urgent"]
    assert (first["reference"], first["hours_left"], first["overdue"]) == (
        nearly_due["reference"],
        -1.0,
        True,
    )
    assert (second["hours_left"], second["overdue"]) == (59.0, False)


# Retention (P17, Q8)


def _policy_id(category: RetentionCategory) -> uuid.UUID:
    found = next(policy["id"] for policy in DEFAULT_POLICIES if policy["category"] == category)
    assert isinstance(found, uuid.UUID)
    return found


def _run(
    policy: RetentionPolicy, *, started_at: datetime, batch_id: uuid.UUID, dry_run: bool = False
) -> RetentionRun:
    return RetentionRun(
        id=uuid.uuid4(),
        batch_id=batch_id,
        policy_id=policy.id,
        category=policy.category,
        tenant_id=policy.tenant_id,
        action=policy.action,
        period_days=policy.period_days,
        cutoff=started_at - timedelta(days=policy.period_days),
        dry_run=dry_run,
        excluded_tenant_ids=[],
        held_people=0,
        started_at=started_at,
    )


def _result(
    run: RetentionRun,
    service: DataService,
    rows: dict[str, int],
    *,
    verified: bool = True,
    error: str | None = None,
) -> RetentionResult:
    return RetentionResult(
        run_id=run.id,
        service=service.value,
        rows_affected=rows,
        receipt_sha256="a" * 64 if verified else None,
        receipt_error=error,
        received_at=run.started_at + timedelta(minutes=1),
    )


async def test_retention_shows_each_policys_last_run_its_receipts_and_next_run_p17(
    scratch: Scratch,
) -> None:
    async with scratch.database.sessions() as session, session.begin():
        answers = await session.get_one(RetentionPolicy, _policy_id(RetentionCategory.ANSWERS))
        log = await session.get_one(RetentionPolicy, _policy_id(RetentionCategory.DELIVERY_LOG))
        answers.last_run_at = NOW - timedelta(hours=1)
        log.last_run_at = NOW - timedelta(hours=2)
        session.add(
            RetentionPolicy(
                category=RetentionCategory.ANSWERS,
                tenant_id=uuid.uuid4(),
                period_days=30,
                action=RetentionAction.DELETE,
                last_run_at=NOW - timedelta(hours=1),
            )
        )
        older = _run(answers, started_at=NOW - timedelta(days=1, hours=1), batch_id=uuid.uuid4())
        latest = _run(answers, started_at=NOW - timedelta(hours=1), batch_id=uuid.uuid4())
        latest.completed_at = NOW - timedelta(minutes=50)
        unfinished = _run(log, started_at=NOW - timedelta(hours=2), batch_id=uuid.uuid4())
        old_dry = _run(answers, started_at=NOW - timedelta(days=10), batch_id=uuid.uuid4())
        old_dry.dry_run = True
        batch = uuid.uuid4()
        dry_answers = _run(answers, started_at=NOW - timedelta(minutes=30), batch_id=batch)
        dry_log = _run(log, started_at=NOW - timedelta(minutes=30), batch_id=batch)
        dry_answers.dry_run = dry_log.dry_run = True
        dry_answers.completed_at = NOW - timedelta(minutes=29)
        session.add_all([older, latest, unfinished, old_dry, dry_answers, dry_log])
        await session.flush()
        session.add_all(
            [
                _result(older, DataService.ASSESSMENTS, {"answer": 100}),
                _result(latest, DataService.ACCOUNTS, {}),
                _result(latest, DataService.ASSESSMENTS, {"answer": 3, "answer_token": 1}),
                _result(latest, DataService.DELIVERY, {"delivery_log": 2}),
                _result(latest, DataService.ANALYTICS, {"person_day": 5}),
                _result(unfinished, DataService.DELIVERY, {"delivery_log": 7}),
                _result(
                    unfinished,
                    DataService.ACCOUNTS,
                    {},
                    verified=False,
                    error="the signature does not verify",
                ),
                _result(old_dry, DataService.ASSESSMENTS, {"answer": 50}, verified=False),
                _result(dry_answers, DataService.ASSESSMENTS, {"answer": 4}, verified=False),
                _result(dry_answers, DataService.ANALYTICS, {"person_day": 6}, verified=False),
                _result(dry_log, DataService.DELIVERY, {"delivery_log": 1}, verified=False),
            ]
        )

    section = (await scratch.dashboard())["retention"]
    policies = {policy["category"]: policy for policy in section["policies"]}
    assert set(policies) == {str(policy["category"]) for policy in DEFAULT_POLICIES}

    done = policies["answers"]["last_run"]
    assert done["run_id"] == str(latest.id)
    assert done["rows_affected"] == 11
    assert (done["services_answered"], done["services_expected"]) == (4, 4)
    assert (done["receipts_verified"], done["receipts_rejected"]) == (4, 0)
    assert done["all_receipts_verified"] is True
    assert done["link"] == f"/retention/runs/{latest.id}"
    assert policies["answers"]["next_due_at"] == "2026-11-03T08:00:00Z"

    pending = policies["delivery_log"]["last_run"]
    assert pending["completed_at"] is None
    assert pending["rows_affected"] == 7
    assert (pending["services_answered"], pending["receipts_verified"]) == (2, 1)
    assert pending["receipts_rejected"] == 1
    assert pending["all_receipts_verified"] is False

    assert policies["dispatches"]["last_run"] is None
    assert policies["dispatches"]["next_due_at"] == "2026-11-02T09:00:00Z"
    assert section["client_settings"] == 1
    assert section["runs_due"] == len(DEFAULT_POLICIES) - 2
    assert section["last_dry_run"] == {
        "batch_id": str(batch),
        "started_at": "2026-11-02T08:30:00Z",
        "policies": 2,
        "complete": False,
        "rows_predicted": 11,
        "link": f"/retention/dry-runs/{batch}",
    }
    runs = await scratch.client.get(section["runs_link"], headers=scratch.officer)
    assert runs.json()["total"] == 3


# Legal holds (P14)


async def test_holds_count_standing_ones_and_name_the_newest_p14(scratch: Scratch) -> None:
    tenant = uuid.uuid4()
    placed = []
    for hours, subject_ref in ((48, None), (24, "A" * 52), (1, None)):
        scratch.clock.now = NOW - timedelta(hours=hours)
        body: dict[str, Any] = {
            "tenant_id": str(tenant),
            "reason": "Litigation",
            "owner": "Counsel",
        }
        if subject_ref:
            body["subject_ref"] = subject_ref
        response = await scratch.client.post("/holds", json=body, headers=scratch.officer)
        assert response.status_code == 201, response.text
        placed.append(response.json())
    scratch.clock.now = NOW
    released = await scratch.client.post(
        f"/holds/{placed[2]['id']}/release", json={}, headers=scratch.officer
    )
    assert released.status_code == 200, released.text

    section = (await scratch.dashboard())["holds"]
    assert (section["active"], section["on_clients"], section["on_people"]) == (2, 1, 1)
    assert section["newest"] == {
        "id": placed[1]["id"],
        "tenant_id": str(tenant),
        "scope": "person",
        "placed_at": "2026-11-01T09:00:00Z",
        "link": f"/holds/{placed[1]['id']}",
    }
    listed = await scratch.client.get(section["link"], headers=scratch.officer)
    assert listed.json()["total"] == 2


# Offboarding (P12)


def _offboarding(state: OffboardingState, erase_on: datetime) -> ClientOffboarding:
    return offboarding_row(state, requested_at=NOW - timedelta(days=20), erase_on=erase_on)


async def test_offboardings_show_the_pending_the_next_erasure_and_certificates_p12(
    scratch: Scratch,
) -> None:
    next_one = _offboarding(OffboardingState.OFFERED, NOW + timedelta(days=10))
    async with scratch.database.sessions() as session, session.begin():
        session.add_all(
            [
                next_one,
                _offboarding(OffboardingState.EXPORTING, NOW + timedelta(days=40)),
                _offboarding(OffboardingState.ON_HOLD, NOW - timedelta(days=1)),
                _offboarding(OffboardingState.ERASED, NOW - timedelta(days=5)),
                _offboarding(OffboardingState.ERASED, NOW - timedelta(days=6)),
            ]
        )

    section = (await scratch.dashboard())["offboardings"]
    assert section["pending"] == 3
    assert section["by_state"] == {
        "exporting": 1,
        "offered": 1,
        "on_hold": 1,
        "notifying": 0,
        "erasing": 0,
        "erased": 2,
    }
    assert section["certificates_issued"] == 2
    assert section["next_erasure"] == {
        "id": str(next_one.id),
        "reference": next_one.reference,
        "tenant_id": str(next_one.tenant_id),
        "state": "offered",
        "erase_on": "2026-11-12T09:00:00Z",
        "link": f"/offboardings/{next_one.id}",
    }
    listed = await scratch.client.get(section["link"], headers=scratch.officer)
    assert listed.json()["total"] == 3


# Privacy policy versions (Q13)


async def test_policies_show_the_current_and_upcoming_versions_with_acceptances_q13(
    scratch: Scratch,
) -> None:
    async with scratch.database.sessions() as session, session.begin():
        for label, effective_on in (("2025-01", date(2025, 1, 1)), ("2026-01", date(2026, 1, 1))):
            session.add(
                PolicyVersion(
                    label=label,
                    effective_on=effective_on,
                    effective_at=datetime.combine(effective_on, datetime.min.time(), UTC),
                    summary="Earlier version.",
                    url_et="https://soket.ee/et",
                    url_en="https://soket.ee/en",
                    published_at=NOW - timedelta(days=400),
                    published_by=uuid.uuid4(),
                )
            )
    published = {}
    for label, effective in (
        ("2027-01", "2027-01-01"),
        ("2026-12", "2026-12-15"),
        ("2027-02", "2027-02-01"),
    ):
        response = await scratch.client.post(
            "/policies",
            json={
                "label": label,
                "effective_on": effective,
                "summary": "Clearer retention periods.",
                "url_et": "https://soket.ee/et",
                "url_en": "https://soket.ee/en",
            },
            headers=scratch.officer,
        )
        assert response.status_code == 201, response.text
        published[label] = response.json()["id"]
    withdrawn = await scratch.client.post(
        f"/policies/{published['2027-02']}/withdrawal",
        json={"reason": "Superseded before it took effect."},
        headers=scratch.officer,
    )
    assert withdrawn.status_code == 200, withdrawn.text
    tenant = uuid.uuid4()
    for label in ("2026-12", "2026-12", "2026-01"):
        user = scratch.tokens.headers(tenant_id=tenant, roles=frozenset({Role.VIEWER}))
        accepted = await scratch.client.post(
            "/me/policy-acceptances", json={"label": label}, headers=user
        )
        assert accepted.status_code == 201, accepted.text

    section = (await scratch.dashboard())["policies"]
    current = section["current"]
    assert (current["label"], current["effective_on"], current["acceptances"]) == (
        "2026-01",
        "2026-01-01",
        1,
    )
    assert [
        (version["label"], version["effective_on"], version["acceptances"])
        for version in section["upcoming"]
    ] == [("2026-12", "2026-12-15", 2), ("2027-01", "2027-01-01", 0)]
    assert section["upcoming"][1]["link"] == f"/policies/{published['2027-01']}"


# Audit (Q15)


async def test_audit_shows_the_latest_entry_and_finds_a_changed_one_in_the_tail_q15(
    scratch: Scratch,
) -> None:
    async with scratch.database.sessions() as session, session.begin():
        for n in range(12):
            await append_audit(
                session, action="test.entry", actor="system", at=NOW, details={"n": n}
            )
        latest = await session.scalar(select(func.max(AuditEntry.seq)))
    assert latest is not None

    section = (await scratch.dashboard())["audit"]
    assert section["latest_seq"] == latest
    assert section["latest_at"] == "2026-11-02T09:00:00Z"
    assert section["checked_from_seq"] == 1
    assert (section["tail_intact"], section["first_break"], section["append_only"]) == (
        True,
        None,
        True,
    )
    assert (section["link"], section["full_check_link"]) == ("/audit", "/audit/verification")

    async with scratch.database.sessions() as session, session.begin():
        await session.execute(
            text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        )
        await session.execute(
            text("UPDATE audit_entry SET details = '{\"n\": 99}' WHERE seq = :seq"),
            {"seq": latest - 3},
        )

    section = (await scratch.dashboard())["audit"]
    assert section["tail_intact"] is False
    assert section["first_break"] == {"seq": latest - 3, "problem": "content"}
    assert section["append_only"] is False


# Backups (P13, Q9)


async def test_backups_show_the_latest_and_how_many_are_kept_q9(scratch: Scratch) -> None:
    await seed_backups(scratch.database)

    section = (await scratch.dashboard())["backups"]
    assert section == {
        "kept": 2,
        "latest": {
            "name": "20261101T090000Z",
            "taken_at": "2026-11-01T09:00:00Z",
            "expires_at": "2026-12-31T09:00:00Z",
        },
        "link": "/backups?kept=true",
    }


def _chain(first_seq: int, length: int) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    previous = GENESIS_HASH if first_seq == 1 else "b" * 64
    for seq in range(first_seq, first_seq + length):
        entry: dict[str, Any] = {
            "seq": seq,
            "at": NOW.isoformat(),
            "action": "test.entry",
            "actor": "system",
            "actor_id": None,
            "request_id": None,
            "details": {"n": seq},
            "previous_hash": previous,
        }
        entry["hash"] = previous = entry_hash(previous, entry)
        entries.append(entry)
    return entries


def broken_at(tail: list[dict[str, Any]]) -> tuple[int, str]:
    found = tail_break(tail)
    assert found is not None, "the tail check found no break"
    return found.seq, found.problem


def test_the_tail_check_finds_a_change_at_its_first_entry_and_a_broken_link_q15() -> None:
    assert tail_break(_chain(1, 5)) is None
    assert tail_break(_chain(600, 5)) is None  # a tail: its first entry's predecessor unseen
    changed = _chain(600, 5)
    changed[0]["details"] = {"n": -1}
    assert broken_at(changed) == (600, "content")
    relinked = _chain(600, 5)
    relinked[3]["previous_hash"] = "c" * 64
    relinked[3]["hash"] = entry_hash(relinked[3]["previous_hash"], relinked[3])
    assert broken_at(relinked) == (603, "link")
    forged_start = _chain(1, 3)
    forged_start[0]["previous_hash"] = "d" * 64
    forged_start[0]["hash"] = entry_hash(forged_start[0]["previous_hash"], forged_start[0])
    assert broken_at(forged_start) == (1, "link")


def test_the_openapi_documents_every_section_of_the_dashboard(scratch: Scratch) -> None:
    schema = scratch.app.openapi()
    answer = schema["paths"]["/dashboard"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Dashboard"
    }
    sections = schema["components"]["schemas"]["Dashboard"]["properties"]
    assert set(sections) == {
        "generated_at",
        "requests",
        "breaches",
        "retention",
        "holds",
        "consent",
        "offboardings",
        "policies",
        "audit",
        "backups",
    }
    assert "UrgentRequest" in schema["components"]["schemas"]
