"""The scheduler: once per slot with several replicas, DST-proof, no flood after downtime."""

import asyncio
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from assessments_support import (
    FakeClock,
    Tenant,
    make_participant,
    make_question,
    make_quiz,
    outbox_events,
)
from sqlalchemy import func, select

from assessments.dispatches.models import Dispatch
from assessments.scheduling.runner import Scheduler
from assessments.settings import Settings
from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.processes import free_port
from chassis.testing.waiting import eventually
from contracts.events.assessments import DISPATCH_REQUESTED

TALLINN = ZoneInfo("Europe/Tallinn")


async def dispatches_of(database: Database, assessment_id: str) -> list[Dispatch]:
    async with database.sessions() as session:
        return list(
            await session.scalars(
                select(Dispatch)
                .where(Dispatch.assessment_id == assessment_id)
                .order_by(Dispatch.local_date)
            )
        )


def start_scheduler(settings: Settings, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    environment = {
        **os.environ,
        "ASSESSMENTS_DATABASE_URL": settings.database_url,
        "ASSESSMENTS_PROBE_PORT": str(port),
        "ASSESSMENTS_SCHEDULER__POLL_SECONDS": "0.1",
        "ASSESSMENTS_SCHEDULER__BATCH_SIZE": "10",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "assessments.scheduler"],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, port


async def test_two_schedulers_create_each_of_1000_dispatches_once(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    tmp_path: Path,
) -> None:
    people = "name,email\n" + "".join(f"P {n},p{n}@example.ee\n" for n in range(1000))
    imported = await client.post(
        "/participants/import",
        files={"file": ("people.csv", people.encode(), "text/csv")},
        headers=tenant.headers(),
    )
    assert imported.json()["created"] == 1000
    listed = await client.get("/participants?limit=500", headers=tenant.headers(Role.VIEWER))
    ids = [p["id"] for p in listed.json()["items"]]
    ids += [
        p["id"]
        for p in (
            await client.get("/participants?limit=500&offset=500", headers=tenant.headers())
        ).json()["items"]
    ]
    question = await make_question(client, tenant)
    schedulers = [start_scheduler(settings, tmp_path / f"scheduler-{n}.log") for n in range(2)]
    try:
        async with httpx.AsyncClient() as probe:
            for _process, port in schedulers:

                async def ready(port: int = port) -> int:
                    try:
                        return (await probe.get(f"http://127.0.0.1:{port}/readyz")).status_code
                    except httpx.HTTPError:
                        return 0

                await eventually(ready, lambda status: status == 200, within=30, what="readyz")
        quiz = await make_quiz(
            client,
            tenant,
            question_ids=[question["id"]],
            participant_ids=ids,
            opens_at=datetime.now(UTC) - timedelta(seconds=1),
        )

        async def issued() -> int:
            found = await dispatches_of(database, quiz["id"])
            return sum(1 for dispatch in found if dispatch.status == "issued")

        await eventually(issued, lambda count: count == 1000, within=90, what="issued dispatches")
        await asyncio.sleep(0.5)  # a further pass of both changes nothing
    finally:
        for process, _port in schedulers:
            process.terminate()
        exits = [process.wait(timeout=30) for process, _port in schedulers]
    assert exits == [0, 0]
    dispatches = await dispatches_of(database, quiz["id"])
    assert len(dispatches) == 1000
    assert len({dispatch.participant_id for dispatch in dispatches}) == 1000
    claims = Counter(dispatch.issued_by for dispatch in dispatches)
    assert len(claims) == 2, claims  # both schedulers claimed some
    requested = [
        envelope
        for envelope in await outbox_events(database, DISPATCH_REQUESTED, tenant_id=tenant.id)
        if str(envelope.data.assessment_id) == quiz["id"]
    ]
    assert len(requested) == 1000
    assert len({envelope.data.dispatch_id for envelope in requested}) == 1000


async def daily_assessment(
    client: httpx.AsyncClient,
    tenant: Tenant,
    *,
    participant_ids: list[str],
    starts_on: date,
    ends_on: date,
    send_time: str,
    pool: int,
    **extra: object,
) -> str:
    questions = [
        (await make_question(client, tenant, text=f"Küsimus {n}"))["id"] for n in range(pool)
    ]
    response = await client.post(
        "/assessments",
        json={
            "kind": "daily_questions",
            "title": "Päeva küsimus",
            "question_ids": questions,
            "participant_ids": participant_ids,
            "channels": ["email"],
            "weekdays": [1, 2, 3, 4, 5, 6, 7],
            "send_time": send_time,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            **extra,
        },
        headers=tenant.headers(),
    )
    assert response.status_code == 201, response.text
    assessment_id: str = response.json()["id"]
    published = await client.post(f"/assessments/{assessment_id}/publish", headers=tenant.headers())
    assert published.status_code == 200
    return assessment_id


async def run_through(
    scheduler: Scheduler, clock: FakeClock, start: datetime, end: datetime, step: timedelta
) -> None:
    clock.now = start
    while clock.now <= end:
        await scheduler.run_once()
        clock.now += step


async def test_a_daily_question_at_0330_fires_once_a_day_across_dst_changes(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    """Europe/Tallinn: clocks go forward at 03:00 on 2026-03-29 (03:30 does not exist) and
    back at 04:00 on 2026-10-25 (03:30 happens twice)."""
    person = await make_participant(client, tenant)
    scheduler = Scheduler(database=database, settings=settings, clock=clock)
    expected_local = {
        date(2026, 3, 28): time(3, 30),
        date(2026, 3, 29): time(4, 30),  # the skipped half hour, sent after the change
        date(2026, 3, 30): time(3, 30),
        date(2026, 10, 24): time(3, 30),
        date(2026, 10, 25): time(3, 30),  # the first of the two
        date(2026, 10, 26): time(3, 30),
    }
    for first, last in (
        (date(2026, 3, 28), date(2026, 3, 30)),
        (date(2026, 10, 24), date(2026, 10, 26)),
    ):
        assessment = await daily_assessment(
            client,
            tenant,
            participant_ids=[person["id"]],
            starts_on=first,
            ends_on=last,
            send_time="03:30",
            pool=5,
        )
        await run_through(
            scheduler,
            clock,
            datetime.combine(first - timedelta(days=1), time(22, 10), tzinfo=UTC),
            datetime.combine(last + timedelta(days=1), time(1), tzinfo=UTC),
            timedelta(minutes=30),
        )
        dispatches = await dispatches_of(database, assessment)
        days = [dispatch.local_date for dispatch in dispatches]
        assert days == [first + timedelta(days=n) for n in range(3)]  # once each day
        for dispatch in dispatches:
            assert dispatch.status == "issued"
            local = dispatch.due_at.astimezone(TALLINN)
            assert local.time() == expected_local[dispatch.local_date], dispatch.local_date
            assert dispatch.issued_at is not None
            assert timedelta(0) <= dispatch.issued_at - dispatch.due_at <= timedelta(minutes=30)
        assert len({dispatch.question_id for dispatch in dispatches}) == 3


async def test_after_downtime_only_sends_not_too_late_go(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    people = [(await make_participant(client, tenant))["id"] for _ in range(3)]
    assessment = await daily_assessment(
        client,
        tenant,
        participant_ids=people,
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 10),
        send_time="09:00",
        pool=10,
    )
    scheduler = Scheduler(database=database, settings=settings, clock=clock)
    # Down from before 1 May until 6 May 10:30 local (1.5 h after that day's send).
    clock.now = datetime(2026, 5, 6, 10, 30, tzinfo=TALLINN).astimezone(UTC)
    await scheduler.run_once()
    await scheduler.run_once()
    dispatches = await dispatches_of(database, assessment)
    assert {dispatch.local_date for dispatch in dispatches} == {date(2026, 5, 6)}
    assert len(dispatches) == 3
    # Down again over the next send until 3 hours after it: that day is skipped.
    clock.now = datetime(2026, 5, 7, 12, 0, tzinfo=TALLINN).astimezone(UTC)
    await scheduler.run_once()
    assert len(await dispatches_of(database, assessment)) == 3


async def test_restricted_people_get_nothing_and_reminders_are_capped(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    from assessments.privacy.participant import AssessmentsPrivacy

    free, held = (
        (await make_participant(client, tenant))["id"],
        await make_participant(client, tenant),
    )
    async with database.sessions() as session, session.begin():
        from assessments.participants.models import Participant

        row = await session.get(Participant, held["id"])
        assert row is not None
        await AssessmentsPrivacy().restrict_subject(
            session, tenant_id=tenant.id, subject_ref=row.subject_ref, restricted=True
        )
    question = await make_question(client, tenant)
    quiz = await make_quiz(
        client,
        tenant,
        question_ids=[question["id"]],
        participant_ids=[free, held["id"]],
        opens_at=clock.now - timedelta(minutes=1),
        reminder_after_hours=24,
        max_reminders=2,
    )
    scheduler = Scheduler(database=database, settings=settings, clock=clock)
    for _day in range(5):
        await scheduler.run_once()
        clock.now += timedelta(hours=25)
    dispatches = await dispatches_of(database, quiz["id"])
    assert [str(d.participant_id) for d in dispatches] == [free]
    assert dispatches[0].reminders_sent == 2
    requested = [
        e
        for e in await outbox_events(database, DISPATCH_REQUESTED, tenant_id=tenant.id)
        if str(e.data.assessment_id) == quiz["id"]
    ]
    assert [e.data.kind for e in requested] == ["quiz_invitation", "reminder", "reminder"]
    async with database.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(Dispatch).where(Dispatch.assessment_id == quiz["id"])
        )
    assert count == 1


async def test_people_who_join_an_open_quizs_audience_are_invited_once(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    first = await make_participant(client, tenant)
    group = (await client.post("/groups", json={"name": "Uued"}, headers=tenant.headers())).json()
    await client.post(
        f"/groups/{group['id']}/members",
        json={"participant_ids": [first["id"]]},
        headers=tenant.headers(),
    )
    question = await make_question(client, tenant)
    quiz = await make_quiz(
        client,
        tenant,
        question_ids=[question["id"]],
        group_ids=[group["id"]],
        opens_at=clock.now - timedelta(minutes=1),
    )
    scheduler = Scheduler(database=database, settings=settings, clock=clock)
    await scheduler.run_once()
    assert len(await dispatches_of(database, quiz["id"])) == 1
    latecomer = await make_participant(client, tenant)
    await client.post(
        f"/groups/{group['id']}/members",
        json={"participant_ids": [latecomer["id"]]},
        headers=tenant.headers(),
    )
    clock.now += timedelta(minutes=5)
    await scheduler.run_once()
    await scheduler.run_once()
    dispatches = await dispatches_of(database, quiz["id"])
    assert sorted(str(d.participant_id) for d in dispatches) == sorted(
        [first["id"], latecomer["id"]]
    )
    assert {d.status for d in dispatches} == {"issued"}
