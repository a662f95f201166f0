"""``GET /dashboard`` reads a fixed handful of aggregate queries whatever the data (no N+1),
and stays fast with a thousand requests and a thousand breaches on record."""

import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event

from privacy.audit.service import append_audit
from privacy.breaches.models import Breach
from privacy.dashboard.sections.audit import TAIL
from privacy.holds.models import LegalHold
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.register.seed import PARTICIPANT_NAMES_AND_EMAILS
from privacy.requests.deadlines import due_after_receipt
from privacy.requests.models import DataSubjectRequest, IntakeChannel, RequestType, SubjectKind
from privacy.requests.states import OPEN, RequestState

from .test_dashboard_sections import NOW, Scratch, scratch, template

__all__ = ["scratch", "template"]  # the fixtures, shared with the sections' tests

STATES = list(RequestState)
TYPES = list(RequestType)


@contextmanager
def statements(app_engine: Any) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(app_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(app_engine, "before_cursor_execute", count)


async def seed(scratch: Scratch, *, requests: int, breaches: int, audit: int, start: int) -> None:
    tenant = uuid.uuid4()
    async with scratch.database.sessions() as session, session.begin():
        for n in range(start, start + requests):
            state = STATES[n % len(STATES)]
            received = NOW - timedelta(days=n % 60, hours=n % 24)
            session.add(
                DataSubjectRequest(
                    reference=f"DSR-B{n:07d}",
                    request_type=TYPES[n % len(TYPES)],
                    subject_kind=SubjectKind.PARTICIPANT if n % 3 else SubjectKind.CLIENT_USER,
                    tenant_id=tenant,
                    email=f"person{n}@example.ee",
                    language="en",
                    channel=IntakeChannel.PUBLIC_FORM,
                    state=state,
                    received_at=received,
                    due_at=due_after_receipt(received),
                    paused_since=received if state is RequestState.AWAITING_VERIFICATION else None,
                    extended_by_months=0,
                    closed_at=None if state in OPEN else received + timedelta(days=1),
                )
            )
        for n in range(start, start + breaches):
            discovered = NOW - timedelta(hours=n % 200)
            session.add(
                Breach(
                    reference=f"BR-B{n:07d}",
                    discovered_at=discovered,
                    nature="Seeded.",
                    data_categories=[
                        {
                            "id": str(PARTICIPANT_NAMES_AND_EMAILS),
                            "category": "x",
                            "subject_kind": "participant",
                        }
                    ],
                    people_categories=["participant"],
                    tenant_ids=[str(tenant)],
                    likely_consequences="Seeded.",
                    measures_taken="Seeded.",
                    measures_proposed="Seeded.",
                    authority_notified_at=discovered + timedelta(hours=5) if n % 4 == 0 else None,
                    escalated_marks=[],
                    recorded_by=uuid.uuid4(),
                    recorded_at=discovered,
                )
            )
        for n in range(start, start + requests // 10):
            session.add(
                LegalHold(
                    tenant_id=uuid.uuid4(),
                    subject_ref=None if n % 2 else f"{n:052d}",
                    reason="Seeded.",
                    owner="Seeded.",
                    placed_by=uuid.uuid4(),
                    placed_at=NOW - timedelta(hours=n),
                )
            )
            session.add(
                ClientOffboarding(
                    tenant_id=uuid.uuid4(),
                    reference=f"OFF-B{n:07d}",
                    state=list(OffboardingState)[n % len(OffboardingState)],
                    requested_at=NOW - timedelta(days=30),
                    export_asked_at=NOW - timedelta(days=30),
                    erase_on=NOW + timedelta(days=n % 40),
                    erase_on_agreed_by="default",
                    erasure_attempts=0,
                )
            )
        for n in range(audit):
            await append_audit(
                session, action="test.entry", actor="system", at=NOW, details={"n": n}
            )


async def timed_dashboards(scratch: Scratch, times: int) -> tuple[list[float], list[int]]:
    engine = scratch.app.state.database.engine.sync_engine
    durations, counts = [], []
    for _ in range(times):
        with statements(engine) as seen:
            started = time.perf_counter()
            await scratch.dashboard()
            durations.append(time.perf_counter() - started)
        counts.append(len(seen))
    return durations, counts


async def test_the_dashboard_reads_a_fixed_number_of_queries_and_is_fast_with_1000_of_each(
    scratch: Scratch,
) -> None:
    await seed(scratch, requests=10, breaches=10, audit=10, start=0)
    _, few = await timed_dashboards(scratch, 2)

    await seed(scratch, requests=1000, breaches=1000, audit=1000, start=10)
    durations, many = await timed_dashboards(scratch, 7)
    assert few[-1] == many[-1], "the number of queries grew with the data: an N+1"
    assert many[-1] <= 16
    audit = (await scratch.dashboard())["audit"]
    assert (audit["latest_seq"], audit["checked_from_seq"], audit["tail_intact"]) == (
        1010,
        1010 - TAIL + 1,
        True,
    )

    median_ms = statistics.median(durations) * 1000
    started = time.perf_counter()
    full = await scratch.client.get("/audit/verification", headers=scratch.officer)
    full_ms = (time.perf_counter() - started) * 1000
    assert full.json()["entries"] == 1010
    print(
        f"\ndashboard: {many[-1]} statements, median {median_ms:.1f} ms "
        f"(min {min(durations) * 1000:.1f}, max {max(durations) * 1000:.1f}) "
        f"over 1010 requests, 1010 breaches, 1010 audit entries; "
        f"full audit walk: {full_ms:.1f} ms"
    )
    assert median_ms < 1000
