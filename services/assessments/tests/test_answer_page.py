"""The participant's answer page: GET changes nothing, POST records once (issue 5, point 6)."""

from datetime import timedelta

import httpx
from assessments_support import (
    FakeClock,
    Tenant,
    issued_links,
    make_participant,
    make_question,
    make_quiz,
    outbox_events,
    path_of,
)
from fastapi import FastAPI
from sqlalchemy import func, select

from assessments.answering.models import Answer
from assessments.dispatches.models import Dispatch
from assessments.scheduling.runner import Scheduler
from assessments.settings import Settings
from chassis.database import Database
from contracts.events.assessments import ANSWER_SUBMITTED, DISPATCH_CREATED, DISPATCH_REQUESTED


async def answers_of(database: Database, tenant: Tenant) -> int:
    async with database.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(Answer).where(Answer.tenant_id == tenant.id)
        )
    return count or 0


async def sent_quiz(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> tuple[dict[str, str], dict[str, object], dict[str, object], list[dict[str, object]]]:
    people = [
        await make_participant(client, tenant, name="Mari Maasikas", language="et"),
        await make_participant(client, tenant, name="John Smith", language="en"),
    ]
    choice = await make_question(client, tenant, explanation="Tallinn on pealinn 1918. aastast.")
    free = await make_question(client, tenant, kind="free_text", text="Miks?")
    await make_quiz(
        client,
        tenant,
        question_ids=[choice["id"], free["id"]],
        participant_ids=[person["id"] for person in people],
        opens_at=clock.now - timedelta(minutes=1),
        show_correct=True,
    )
    await Scheduler(database=database, settings=settings, clock=clock).run_once()
    links = await issued_links(database, tenant.id)
    assert len(links) == 2
    return links, choice, free, people


async def test_get_records_nothing_post_records_once(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    links, choice, free, _people = await sent_quiz(client, tenant, database, settings, clock)
    requested = await outbox_events(database, DISPATCH_REQUESTED, tenant_id=tenant.id)
    assert {e.data.contacts.email is not None for e in requested} == {True}
    assert all(e.data.question is None and e.data.kind == "quiz_invitation" for e in requested)
    created = await outbox_events(database, DISPATCH_CREATED, tenant_id=tenant.id)
    assert len(created) == 2
    assert "contacts" not in created[0].data.model_dump()
    url = next(iter(links.values()))
    assert url.startswith("https://soket.test/a/")
    path = path_of(url)

    for _ in range(3):
        page = await client.get(path)
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-store"
    html = page.text
    assert "<script" not in html
    assert "style=" not in html
    assert "<style" not in html
    assert '<html lang="' in html
    assert "<fieldset" in html
    assert "<legend>" in html
    assert 'href="/a/static/answer.css"' in html
    assert choice["text"] in html
    assert free["text"] in html
    assert await answers_of(database, tenant) == 0
    async with database.sessions() as session:
        answered = await session.scalar(
            select(func.count())
            .select_from(Dispatch)
            .where(Dispatch.tenant_id == tenant.id, Dispatch.answered_at.is_not(None))
        )
    assert answered == 0

    correct = choice["options"][0]["id"]
    form = {f"q-{choice['id']}": correct, f"q-{free['id']}": "Sest see on nii. FREE-TEXT-MARKER"}
    incomplete = await client.post(path, data={f"q-{choice['id']}": correct})
    assert incomplete.status_code == 422
    assert await answers_of(database, tenant) == 0

    recorded = await client.post(path, data=form)
    assert recorded.status_code == 200, recorded.text
    assert "Tallinn on pealinn 1918. aastast." in recorded.text  # the explanation, shown after
    assert await answers_of(database, tenant) == 2

    again = await client.post(path, data=form)
    assert again.status_code == 409
    assert await answers_of(database, tenant) == 2
    assert (await client.get(path)).status_code == 200  # says "already answered"

    submitted = await outbox_events(database, ANSWER_SUBMITTED, tenant_id=tenant.id)
    assert len(submitted) == 2
    by_question = {str(e.data.question_id): e.data for e in submitted}
    assert by_question[choice["id"]].correct is True
    assert by_question[free["id"]].free_text_given is True
    for envelope in submitted:
        body = envelope.to_json().decode()
        assert "FREE-TEXT-MARKER" not in body
        assert "Maasikas" not in body
        assert "@" not in body


async def test_expired_unknown_and_guessed_links(
    app: FastAPI,
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    links, choice, _free, _people = await sent_quiz(client, tenant, database, settings, clock)
    path = path_of(next(iter(links.values())))
    clock.now += timedelta(days=8)  # the quiz closed a day ago
    assert (await client.get(path)).status_code == 410
    late = await client.post(path, data={f"q-{choice['id']}": choice["options"][0]["id"]})
    assert late.status_code == 410
    assert "expired" in late.text or "aegunud" in late.text
    assert await answers_of(database, tenant) == 0

    assert (await client.get("/a/not-a-token")).status_code == 404
    app.state.guess_throttle.limit = 5
    headers = {"x-real-ip": "203.0.113.9"}
    statuses = [(await client.get(f"/a/{'x' * 43}", headers=headers)).status_code for _ in range(7)]
    assert statuses[:5] == [404] * 5
    assert statuses[5:] == [429, 429]
    assert (await client.get(path, headers={"x-real-ip": "203.0.113.10"})).status_code == 410


async def test_a_participant_reports_a_question_p16(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    links, choice, _free, _people = await sent_quiz(client, tenant, database, settings, clock)
    path = path_of(next(iter(links.values())))
    reported = await client.post(
        f"{path}/report", data={"question_id": choice["id"], "reason": "offensive"}
    )
    assert reported.status_code == 200
    bad = await client.post(f"{path}/report", data={"question_id": choice["id"], "reason": "x"})
    assert bad.status_code == 422
    flagged = (await client.get("/questions?flagged=true", headers=tenant.headers())).json()
    assert [q["id"] for q in flagged["items"]] == [choice["id"]]
    assert flagged["items"][0]["report_count"] == 1


async def test_a_free_text_answer_arrives_as_written_whatever_the_form_encoding(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    links, choice, free, _people = await sent_quiz(client, tenant, database, settings, clock)
    written = "Õun & päike = 100% + ühe-rea vastus"
    fields = {f"q-{choice['id']}": choice["options"][0]["id"], f"q-{free['id']}": written}
    first, second = (path_of(url) for url in list(links.values())[:2])

    url_encoded = await client.post(first, data=fields)
    as_multipart = await client.post(
        second, data=fields, files={"unrelated": ("note.txt", b"ignored", "text/plain")}
    )

    assert url_encoded.status_code == 200, url_encoded.text
    assert as_multipart.status_code == 200, as_multipart.text
    async with database.sessions() as session:
        texts = await session.scalars(
            select(Answer.free_text).where(
                Answer.tenant_id == tenant.id, Answer.free_text.is_not(None)
            )
        )
        assert list(texts) == [written, written]


async def test_a_form_with_too_many_fields_is_refused_and_records_nothing(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    links, choice, _free, _people = await sent_quiz(client, tenant, database, settings, clock)
    flood = "&".join(f"x{n}=1" for n in range(5000))
    answer = f"q-{choice['id']}={choice['options'][0]['id']}&{flood}"

    refused = await client.post(
        path_of(next(iter(links.values()))),
        content=answer,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )

    assert refused.status_code == 422
    assert await answers_of(database, tenant) == 0
