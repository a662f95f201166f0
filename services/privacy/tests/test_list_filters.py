"""The filtered lists the privacy officer's dashboard links to: ``GET /backups?kept=true``
(P13, Q9), ``/breaches?open=true`` (Q10), ``/requests?due_within_days=N&received_since=…``
(Q6, Q2) and ``/offboardings?pending=true`` (P12). Each list counts what its dashboard figure
counts; bad filter values are 422; only privacy officers read them.

Each test gets a privacy database of its own (copied from one migrated template), so every
count is exact."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from chassis.auth.principal import Role
from privacy.audit.models import AuditEntry
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.requests.models import RequestType, SubjectKind
from privacy.requests.states import RequestState
from privacy.requests.testing import stored_request

from .dashboard_support import (
    NOW,
    notify_authority,
    offboarding_row,
    record_breach,
    seed_backups,
)
from .scratch_support import Scratch
from .test_dashboard_sections import scratch, template

__all__ = ["scratch", "template"]  # the fixtures, shared with the dashboard's tests

FILTERED_LISTS = (
    "/backups?kept=true",
    "/breaches?open=true",
    "/requests?due_within_days=7",
    "/offboardings?pending=true",
)


def references(page: dict[str, Any]) -> list[str]:
    return [item["reference"] for item in page["items"]]


# Access


async def test_only_privacy_officers_read_the_filtered_lists(scratch: Scratch) -> None:
    tenant = uuid.uuid4()
    for role in (Role.ADMIN, Role.EDITOR):
        headers = scratch.tokens.headers(tenant_id=tenant, roles=frozenset({role}))
        for path in FILTERED_LISTS:
            response = await scratch.client.get(path, headers=headers)
            assert response.status_code == 403, (role, path, response.text)
    for path in FILTERED_LISTS:
        assert (await scratch.client.get(path)).status_code == 401
        assert (await scratch.listed(path))["total"] == 0


# Backups (P13, Q9)


async def test_backups_list_newest_first_and_the_kept_ones_as_the_dashboard_counts_q9(
    scratch: Scratch,
) -> None:
    names = await seed_backups(scratch.database)
    async with scratch.database.sessions() as session:
        audit_before = await session.scalar(select(func.count()).select_from(AuditEntry))

    every = await scratch.listed("/backups")
    assert [item["name"] for item in every["items"]] == names[::-1]
    assert every["items"][0] == {
        "name": "20261101T090000Z",
        "taken_at": "2026-11-01T09:00:00Z",
        "expires_at": "2026-12-31T09:00:00Z",
        "deleted_at": None,
    }
    assert every["items"][2]["deleted_at"] == "2026-11-02T09:00:00Z"

    kept = await scratch.listed("/backups?kept=true")
    assert [item["name"] for item in kept["items"]] == [names[2], names[1]]
    deleted = await scratch.listed("/backups?kept=false")
    assert [item["name"] for item in deleted["items"]] == [names[0]]

    section = (await scratch.dashboard())["backups"]
    assert section["link"] == "/backups?kept=true"
    assert (await scratch.listed(section["link"]))["total"] == section["kept"] == 2

    paged = await scratch.listed("/backups?kept=true&page=2&page_size=1")
    assert (paged["total"], [item["name"] for item in paged["items"]]) == (2, [names[1]])
    for bad in ("kept=perhaps", "page=0", "page_size=1000"):
        await scratch.refused(f"/backups?{bad}")

    async with scratch.database.sessions() as session:
        audit_after = await session.scalar(select(func.count()).select_from(AuditEntry))
    assert audit_after == audit_before  # names and dates only: reading them is not audited


# Breaches (Q10)


async def test_open_breaches_list_by_deadline_the_overdue_first_as_the_dashboard_counts_q10(
    scratch: Scratch,
) -> None:
    recent = await record_breach(scratch, NOW - timedelta(hours=10))
    overdue = await record_breach(scratch, NOW - timedelta(hours=80))
    halfway = await record_breach(scratch, NOW - timedelta(hours=36))
    notified = await record_breach(scratch, NOW - timedelta(hours=100))
    await notify_authority(scratch, notified, NOW - timedelta(hours=40))

    open_ones = await scratch.listed("/breaches?open=true")
    assert references(open_ones) == [
        overdue["reference"],
        halfway["reference"],
        recent["reference"],
    ]
    assert [item["hours_left"] for item in open_ones["items"]] == [-8.0, 36.0, 62.0]
    assert [item["overdue"] for item in open_ones["items"]] == [True, False, False]
    assert all(item["authority_notified_at"] is None for item in open_ones["items"])
    deadlines = [item["deadline"] for item in open_ones["items"]]
    assert deadlines == sorted(deadlines)

    assert references(await scratch.listed("/breaches?open=false")) == [notified["reference"]]
    assert len((await scratch.listed("/breaches"))["items"]) == 4

    section = (await scratch.dashboard())["breaches"]
    assert section["link"] == "/breaches?open=true"
    listed = await scratch.listed(section["link"])
    assert (listed["total"], section["open"]) == (3, 3)
    assert references(listed)[: len(section["most_urgent"])] == [
        item["reference"] for item in section["most_urgent"]
    ]
    second = await scratch.listed("/breaches?open=true&page=2&page_size=2")
    assert references(second) == [recent["reference"]]
    for bad in ("open=sometimes", "open="):
        await scratch.refused(f"/breaches?{bad}")


# Requests (Q6, Q2)

REQUESTS: dict[str, tuple[RequestState, datetime, RequestType]] = {
    # name: state, received_at (due one month later, NOW is 2 November 09:00 UTC), type
    "overdue": (RequestState.IN_PROGRESS, datetime(2026, 9, 20, 9, tzinfo=UTC), RequestType.ACCESS),
    "due_today": (
        RequestState.AWAITING_DECISION,
        datetime(2026, 10, 2, 15, tzinfo=UTC),
        RequestType.ERASURE,
    ),
    "in_3_days": (
        RequestState.IDENTITY_VERIFIED,
        datetime(2026, 10, 5, 10, tzinfo=UTC),
        RequestType.EXPORT,
    ),
    "in_7_days": (RequestState.APPROVED, datetime(2026, 10, 9, 23, tzinfo=UTC), RequestType.ACCESS),
    "in_8_days": (RequestState.RECEIVED, datetime(2026, 10, 10, 0, tzinfo=UTC), RequestType.ACCESS),
    # Unverified since 1 September: its paused clock moves its due day along, far away.
    "paused": (
        RequestState.AWAITING_VERIFICATION,
        datetime(2026, 9, 1, 9, tzinfo=UTC),
        RequestType.ERASURE,
    ),
    # Closed: no clock, so never due soon, however close its old due day.
    "closed": (RequestState.COMPLETED, datetime(2026, 10, 6, 9, tzinfo=UTC), RequestType.ACCESS),
    "old_withdrawal": (
        RequestState.COMPLETED,
        datetime(2026, 9, 1, 9, tzinfo=UTC),
        RequestType.CONSENT_WITHDRAWAL,
    ),
    "withdrawal": (
        RequestState.COMPLETED,
        datetime(2026, 10, 20, 9, tzinfo=UTC),
        RequestType.CONSENT_WITHDRAWAL,
    ),
}


async def seed_requests(scratch: Scratch, tenant: uuid.UUID) -> dict[str, str]:
    stored = {}
    async with scratch.database.sessions() as session, session.begin():
        for name, (state, received_at, request_type) in REQUESTS.items():
            request = await stored_request(
                session,
                state=state,
                received_at=received_at,
                tenant_id=tenant,
                subject_kind=SubjectKind.PARTICIPANT,
                request_type=request_type,
            )
            stored[name] = request.reference
    return stored


async def test_requests_due_within_n_days_are_the_open_ones_not_overdue_as_the_dashboard_q6(
    scratch: Scratch,
) -> None:
    tenant = uuid.uuid4()
    seeded = await seed_requests(scratch, tenant)

    def named(*names: str) -> list[str]:
        return [seeded[name] for name in names]

    week = await scratch.listed("/requests?due_within_days=7")
    assert references(week) == named("due_today", "in_3_days", "in_7_days")
    assert [item["days_left"] for item in week["items"]] == [0, 3, 7]
    assert all(item["nearly_due"] and not item["overdue"] for item in week["items"])
    assert references(await scratch.listed("/requests?due_within_days=0")) == named("due_today")
    assert references(await scratch.listed("/requests?due_within_days=8")) == named(
        "due_today", "in_3_days", "in_7_days", "in_8_days"
    )
    combined = await scratch.listed(
        f"/requests?due_within_days=7&request_type={RequestType.ACCESS.value}"
    )
    assert references(combined) == named("in_7_days")
    admin = scratch.tokens.headers(tenant_id=tenant, roles=frozenset({Role.ADMIN}))
    theirs = await scratch.client.get("/client/requests?due_within_days=3", headers=admin)
    assert references(theirs.json()) == named("due_today", "in_3_days")

    section = (await scratch.dashboard())["requests"]
    assert section["due_within_days"] == 7
    due_soon = await scratch.listed(f"/requests?due_within_days={section['due_within_days']}")
    assert due_soon["total"] == section["due_soon"] == 3

    scratch.clock.advance(hours=7)  # 16:00: "due_today" (15:00) is overdue now
    later = await scratch.listed("/requests?due_within_days=7")
    assert references(later) == named("in_3_days", "in_7_days")

    for bad in ("-1", "367", "soon", "1.5", ""):
        text = await scratch.refused(f"/requests?due_within_days={bad}")
        assert "due_within_days" in text


async def test_requests_received_since_a_moment_and_the_dashboards_withdrawals_link_q2(
    scratch: Scratch,
) -> None:
    seeded = await seed_requests(scratch, uuid.uuid4())

    since = await scratch.listed("/requests?received_since=2026-10-09T23:00:00Z")
    assert set(references(since)) == {seeded[name] for name in ("in_7_days", "in_8_days")} | {
        seeded["withdrawal"]
    }
    offset = await scratch.listed("/requests?received_since=2026-10-10T02:00:00%2B02:00")
    assert set(references(offset)) == {seeded["in_8_days"], seeded["withdrawal"]}
    both = await scratch.listed("/requests?received_since=2026-10-01T00:00:00Z&due_within_days=3")
    assert references(both) == [seeded["due_today"], seeded["in_3_days"]]

    consent = (await scratch.dashboard())["consent"]
    assert consent["withdrawals_link"] == (
        "/requests?request_type=consent_withdrawal&received_since=2026-10-03T09:00:00Z"
    )
    listed = await scratch.listed(consent["withdrawals_link"])
    assert references(listed) == [seeded["withdrawal"]]
    assert listed["total"] == consent["withdrawals"] == 1

    for bad in ("2026-10-01T00:00:00", "yesterday", "2026-13-01T00:00:00Z", ""):
        text = await scratch.refused(f"/requests?received_since={bad}")
        assert "received_since" in text


# Offboardings (P12)


def offboarding(state: OffboardingState, requested_days_ago: int) -> ClientOffboarding:
    return offboarding_row(state, requested_at=NOW - timedelta(days=requested_days_ago))


async def test_pending_offboardings_are_every_state_before_erased_as_the_dashboard_p12(
    scratch: Scratch,
) -> None:
    pending_states = [state for state in OffboardingState if state is not OffboardingState.ERASED]
    rows = [offboarding(state, days) for days, state in enumerate(pending_states, start=1)]
    erased = [offboarding(OffboardingState.ERASED, days) for days in (40, 50)]
    async with scratch.database.sessions() as session, session.begin():
        session.add_all(rows + erased)

    pending = await scratch.listed("/offboardings?pending=true")
    assert references(pending) == [row.reference for row in rows]  # newest request first
    assert {item["state"] for item in pending["items"]} == {s.value for s in pending_states}
    done = await scratch.listed("/offboardings?pending=false")
    assert references(done) == [row.reference for row in erased]
    on_hold = await scratch.listed("/offboardings?pending=true&state=on_hold")
    assert references(on_hold) == [rows[pending_states.index(OffboardingState.ON_HOLD)].reference]
    assert (await scratch.listed("/offboardings?pending=true&state=erased"))["total"] == 0

    section = (await scratch.dashboard())["offboardings"]
    assert section["link"] == "/offboardings?pending=true"
    listed = await scratch.listed(section["link"])
    assert listed["total"] == section["pending"] == len(pending_states)
    for bad in ("pending=soon", "pending=", "state=gone"):
        await scratch.refused(f"/offboardings?{bad}")
