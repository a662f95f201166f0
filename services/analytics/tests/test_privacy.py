"""The privacy contract in analytics: erasure, export, restriction, re-keying, the client's
own deletions (P13, P15), and nothing but pseudonyms in its database (Q12)."""

import asyncio
import random
import subprocess
from typing import Any
from uuid import uuid4

import httpx
from sqlalchemy import select
from sqlalchemy.engine import make_url

from analytics.privacy.participant import AnalyticsPrivacy
from analytics.settings import Settings
from analytics.testing import scenario as script
from analytics.testing.delivering import deliver, deliver_in_batches
from analytics.testing.reading import all_pages
from chassis.auth.principal import Role
from chassis.database import Database
from chassis.messaging.inbox import record_new
from chassis.messaging.tables import outbox_message
from chassis.privacy.registration import PrivacyRegistration, register_participant
from chassis.testing.auth import TestTokens
from contracts.base import EventData
from contracts.envelope import Envelope, parse_envelope
from contracts.events import privacy
from contracts.events.assessments import AssessmentDeleted, ParticipantRemoved
from contracts.events.privacy_replies import SubjectErased, SubjectExported
from contracts.vocabulary import Service


def registration(settings: Settings) -> PrivacyRegistration:
    return register_participant(settings, AnalyticsPrivacy())


async def handle(database: Database, wiring: PrivacyRegistration, data: EventData) -> None:
    """One privacy request, as the consumer hands it over."""
    envelope = Envelope.wrap(data, source=Service.PRIVACY)
    async with database.sessions() as session, session.begin():
        await record_new(session, consumer=wiring.subscription.queue, envelopes=[envelope])
        await wiring.subscription.handlers[envelope.type](session, envelope)


async def replies(database: Database, request_id: Any) -> list[Any]:
    async with database.sessions() as session:
        bodies = await session.scalars(select(outbox_message.c.body))
        found = [parse_envelope(body).data for body in bodies]
    return [data for data in found if getattr(data, "request_id", None) == request_id]


async def dump(settings: Settings, *, without: tuple[str, ...] = ()) -> str:
    """The whole database as text, but the outbox (the reply to privacy waits there until it is
    sent) and the chassis's ``erased_subject`` (kept until every retry and dead letter about
    the person has expired, so that they are dropped; then purged)."""
    url = make_url(settings.database_url).set(drivername="postgresql")
    command = [
        "pg_dump",
        "--data-only",
        "--exclude-table-data=outbox_message",
        "--exclude-table-data=erased_subject",
        *(f"--exclude-table-data={table}" for table in without),
        url.render_as_string(hide_password=False),
    ]
    result = await asyncio.to_thread(subprocess.run, command, capture_output=True, check=True)
    return result.stdout.decode()


async def totals(client: httpx.AsyncClient, headers: dict[str, str], run: Any) -> Any:
    found = []
    for assessment_id in (run.quiz_id, run.daily_id):
        found.append(
            (await client.get(f"/statistics/assessments/{assessment_id}", headers=headers)).json()
        )
        found.append(
            (
                await client.get(
                    f"/statistics/assessments/{assessment_id}/questions", headers=headers
                )
            ).json()
        )
    for dimension in ("day", "group", "topic"):
        found.append(await all_pages(client, "/statistics/trend", headers, dimension=dimension))
    return found


async def seeded(database: Database, seed: int) -> script.Scenario:
    rng = random.Random(seed)
    run = script.build(rng)
    await deliver_in_batches(database, script.shuffled_with_duplicates(rng, run.events), [50] * 20)
    return run


async def test_erasure_removes_the_subject_ref_everywhere_and_keeps_the_totals(
    database: Database, settings: Settings, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    run = await seeded(database, 11)
    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    person = next(p for p in run.people if p.subject_ref in script.expected_participants(run))
    before = await totals(client, viewer, run)
    assert person.subject_ref in await dump(settings)
    wiring = registration(settings)
    request = privacy.SubjectErasureRequested(
        request_id=uuid4(), tenant_id=run.tenant_id, subject_ref=person.subject_ref
    )

    await handle(database, wiring, request)

    assert person.subject_ref not in await dump(settings)
    assert await totals(client, viewer, run) == before
    [reply] = await replies(database, request.request_id)
    assert isinstance(reply, SubjectErased)
    assert reply.receipt.rows_deleted["participant_stats"] == 1
    assert reply.receipt.rows_anonymised["answer_fact"] > 0
    participants = await all_pages(client, "/statistics/participants", viewer)
    assert person.subject_ref not in {item["subject_ref"] for item in participants}
    # A late event about the erased person changes nothing.
    late = [e for e in run.events if getattr(e.data, "subject_ref", None) == person.subject_ref]
    await deliver(database, [e.model_copy(update={"id": uuid4()}) for e in late])
    # (The chassis's inbox records those late messages, with whom they are about.)
    assert person.subject_ref not in await dump(settings, without=("inbox_message",))
    assert await totals(client, viewer, run) == before


async def test_export_returns_the_persons_rows(database: Database, settings: Settings) -> None:
    run = await seeded(database, 12)
    expected = script.expected_participants(run)
    person = next(p for p in run.people if p.subject_ref in expected)
    wiring = registration(settings)
    request = privacy.SubjectExportRequested(
        request_id=uuid4(), tenant_id=run.tenant_id, subject_ref=person.subject_ref
    )

    await handle(database, wiring, request)

    parts = await replies(database, request.request_id)
    assert all(isinstance(part, SubjectExported) for part in parts)
    categories: dict[str, Any] = {}
    for part in parts:
        categories.update(part.categories)
    assert categories["statistics"]["answers"] == expected[person.subject_ref]["answers"]
    assert len(categories["answers"]) == expected[person.subject_ref]["answers"]
    assert len(categories["dispatches"]) == sum(d.person is person for d in run.dispatches)
    assert categories["restricted"] is False


async def test_restriction_stops_new_per_person_rows_but_answers_still_count(
    database: Database, settings: Settings, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    rng = random.Random(13)
    run = script.build(rng)
    person = run.people[1]
    wiring = registration(settings)
    await handle(
        database,
        wiring,
        privacy.SubjectRestrictionChanged(
            request_id=uuid4(),
            tenant_id=run.tenant_id,
            subject_ref=person.subject_ref,
            restricted=True,
        ),
    )

    await deliver_in_batches(database, run.events, [40] * 20)

    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    response = await client.get(f"/statistics/participants/{person.subject_ref}", headers=viewer)
    assert response.status_code == 404
    quiz = (await client.get(f"/statistics/assessments/{run.quiz_id}", headers=viewer)).json()
    assert quiz["answers"] == script.expected_assessment(run, run.quiz_id)["answers"]
    dumped = await dump(settings, without=("inbox_message",))
    assert dumped.count(person.subject_ref) == 1  # the restricted-subject row only

    await handle(
        database,
        wiring,
        privacy.SubjectRestrictionChanged(
            request_id=uuid4(),
            tenant_id=run.tenant_id,
            subject_ref=person.subject_ref,
            restricted=False,
        ),
    )
    assert person.subject_ref not in await dump(settings, without=("inbox_message",))


async def test_rekeying_moves_every_row_to_the_new_reference(
    database: Database, settings: Settings, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    run = await seeded(database, 14)
    expected = script.expected_participants(run)
    person = next(p for p in run.people if p.subject_ref in expected)
    new_ref = "N" * 52
    wiring = registration(settings)

    await handle(
        database,
        wiring,
        privacy.SubjectRekeyRequested(
            request_id=uuid4(),
            tenant_id=run.tenant_id,
            subject_ref=person.subject_ref,
            new_subject_ref=new_ref,
        ),
    )

    assert person.subject_ref not in await dump(settings)
    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    moved = (await client.get(f"/statistics/participants/{new_ref}", headers=viewer)).json()
    assert moved["answers"] == expected[person.subject_ref]["answers"]


async def test_p13_a_removed_participant_and_a_deleted_assessment_are_dropped(
    database: Database, settings: Settings, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    run = await seeded(database, 15)
    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    expected = script.expected_participants(run)
    person = next(p for p in run.people if p.subject_ref in expected)
    before = await totals(client, viewer, run)

    await deliver(
        database,
        [
            Envelope.wrap(
                ParticipantRemoved(tenant_id=run.tenant_id, subject_ref=person.subject_ref)
            )
        ],
    )

    assert person.subject_ref not in await dump(settings)
    assert await totals(client, viewer, run) == before

    await deliver(
        database,
        [Envelope.wrap(AssessmentDeleted(tenant_id=run.tenant_id, assessment_id=run.quiz_id))],
    )
    response = await client.get(f"/statistics/assessments/{run.quiz_id}", headers=viewer)
    assert response.status_code == 404
    questions = await client.get(f"/statistics/assessments/{run.quiz_id}/questions", headers=viewer)
    assert questions.json()["items"] == []
    # What remains is exactly the daily questions' part of the script.
    run.answers = [a for a in run.answers if a.assessment_id != run.quiz_id]
    run.dispatches = [d for d in run.dispatches if d.assessment_id != run.quiz_id]
    remaining = {
        ref: totals_
        for ref, totals_ in script.expected_participants(run).items()
        if ref != person.subject_ref
    }
    participants = await all_pages(client, "/statistics/participants", viewer)
    assert {item["subject_ref"]: item["answers"] for item in participants} == {
        ref: item["answers"] for ref, item in remaining.items()
    }
    day = await all_pages(client, "/statistics/trend", viewer, dimension="day")
    assert {item["day"]: item["answers"] for item in day} == {
        key[1]: cell["answers"] for key, cell in script.expected_trend(run, "day").items()
    }
    # A late answer to the deleted quiz is ignored.
    late = [e for e in run.events if getattr(e.data, "assessment_id", None) == run.quiz_id]
    await deliver(database, [e.model_copy(update={"id": uuid4()}) for e in late[:20]])
    assert (
        await client.get(f"/statistics/assessments/{run.quiz_id}", headers=viewer)
    ).status_code == 404


async def test_q12_no_name_and_no_email_is_stored(database: Database, settings: Settings) -> None:
    """Upstream participants carry marker names and emails; only their references arrive."""
    run = await seeded(database, 16)
    dumped = (await dump(settings)).lower()
    for person in run.people:
        assert person.name.lower() not in dumped
        assert person.email.lower() not in dumped
    assert "markername" not in dumped
    assert "marker-example" not in dumped
    assert "@" not in dumped
