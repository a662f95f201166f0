"""P13: a client admin deletes the answers of an assessment, immediately and for good, keeping
the assessment and its questions; ``assessment.answers_deleted`` tells the other services."""

from datetime import timedelta
from typing import Any

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
from sqlalchemy import func, select

from assessments.answering.models import Answer
from assessments.dispatches.models import Dispatch
from assessments.scheduling.runner import Scheduler
from assessments.settings import Settings
from chassis.auth.principal import Role
from chassis.database import Database
from contracts.events.assessments import ANSWER_SUBMITTED, ASSESSMENT_ANSWERS_DELETED


async def answered_quiz(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
    *,
    people: int = 2,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], list[dict[str, Any]], list[str]]:
    """A quiz of a choice and a free-text question, answered by everyone it was sent to."""
    persons = [await make_participant(client, tenant) for _ in range(people)]
    choice = await make_question(client, tenant)
    free = await make_question(client, tenant, kind="free_text", text="Miks?")
    quiz = await make_quiz(
        client,
        tenant,
        question_ids=[choice["id"], free["id"]],
        participant_ids=[person["id"] for person in persons],
        opens_at=clock.now - timedelta(minutes=1),
    )
    await Scheduler(database=database, settings=settings, clock=clock).run_once()
    links = await issued_links(database, tenant.id)
    paths = [path_of(links[person["subject_ref"]]) for person in persons]
    for path in paths:
        answered = await client.post(
            path,
            data={
                f"q-{choice['id']}": choice["options"][0]["id"],
                f"q-{free['id']}": "FREE-TEXT-MARKER",
            },
        )
        assert answered.status_code == 200, answered.text
    return quiz, choice, free, persons, paths


async def answers_of(database: Database, assessment_id: str) -> list[Answer]:
    async with database.sessions() as session:
        return list(
            await session.scalars(select(Answer).where(Answer.assessment_id == assessment_id))
        )


async def test_p13_an_admin_deletes_the_answers_and_keeps_the_assessment_and_its_questions(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    quiz, choice, free, _people, paths = await answered_quiz(
        client, tenant, database, settings, clock
    )
    assert len(await answers_of(database, quiz["id"])) == 4
    assert len(await outbox_events(database, ANSWER_SUBMITTED, tenant_id=tenant.id)) == 4

    deleted = await client.delete(f"/assessments/{quiz['id']}/answers", headers=tenant.headers())

    assert deleted.status_code == 204
    assert await answers_of(database, quiz["id"]) == []
    kept = await client.get(f"/assessments/{quiz['id']}", headers=tenant.headers())
    assert kept.status_code == 200
    assert kept.json()["question_ids"] == [choice["id"], free["id"]]
    assert kept.json()["status"] == "published"
    for question in (choice, free):
        read = await client.get("/questions", headers=tenant.headers())
        assert question["id"] in {item["id"] for item in read.json()["items"]}
    results = (
        await client.get(f"/assessments/{quiz['id']}/results", headers=tenant.headers())
    ).json()
    assert [question["answers"] for question in results["questions"]] == [0, 0]
    assert {option["count"] for option in results["questions"][0]["options"]} == {0}
    # The dispatches stay, answered: no reminder follows and a link takes no second answer.
    async with database.sessions() as session:
        answered = await session.scalar(
            select(func.count())
            .select_from(Dispatch)
            .where(Dispatch.assessment_id == quiz["id"], Dispatch.answered_at.is_not(None))
        )
    assert answered == 2
    again = await client.post(paths[0], data={f"q-{choice['id']}": choice["options"][0]["id"]})
    assert again.status_code == 409
    assert await answers_of(database, quiz["id"]) == []


async def test_p13_the_deletion_is_announced_in_the_same_transaction_and_copies_go(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    quiz, *_ = await answered_quiz(client, tenant, database, settings, clock, people=1)
    other, *_ = await answered_quiz(client, tenant, database, settings, clock, people=1)
    newest = max(answer.answered_at for answer in await answers_of(database, quiz["id"]))

    deleted = await client.delete(f"/assessments/{quiz['id']}/answers", headers=tenant.headers())

    assert deleted.status_code == 204
    [announced] = await outbox_events(database, ASSESSMENT_ANSWERS_DELETED, tenant_id=tenant.id)
    assert str(announced.data.assessment_id) == quiz["id"]
    assert announced.data.tenant_id == tenant.id
    assert announced.data.answered_before > newest
    # The answers' own events (chosen options, the person's reference) leave the outbox too;
    # another assessment's stay, and so do its answers.
    remaining = await outbox_events(database, ANSWER_SUBMITTED, tenant_id=tenant.id)
    assert {str(envelope.data.assessment_id) for envelope in remaining} == {other["id"]}
    assert len(await answers_of(database, other["id"])) == 2


async def test_p13_anonymous_answers_of_a_removed_participant_go_too(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    quiz, _choice, _free, people, _paths = await answered_quiz(
        client, tenant, database, settings, clock
    )
    removed = await client.delete(f"/participants/{people[0]['id']}", headers=tenant.headers())
    assert removed.status_code == 204
    anonymous = [a for a in await answers_of(database, quiz["id"]) if a.participant_id is None]
    assert len(anonymous) == 1  # the choice answer; the free text went with the person

    deleted = await client.delete(f"/assessments/{quiz['id']}/answers", headers=tenant.headers())

    assert deleted.status_code == 204
    assert await answers_of(database, quiz["id"]) == []


async def test_p13_only_an_admin_of_the_client_deletes_answers(
    client: httpx.AsyncClient,
    tenant: Tenant,
    other_tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    quiz, *_ = await answered_quiz(client, tenant, database, settings, clock, people=1)
    path = f"/assessments/{quiz['id']}/answers"

    assert (await client.delete(path)).status_code == 401
    assert (await client.delete(path, headers=tenant.headers(Role.EDITOR))).status_code == 403
    assert (await client.delete(path, headers=other_tenant.headers())).status_code == 404
    unknown = "/assessments/00000000-0000-7000-8000-000000000000/answers"
    assert (await client.delete(unknown, headers=tenant.headers())).status_code == 404

    assert len(await answers_of(database, quiz["id"])) == 2
    assert await outbox_events(database, ASSESSMENT_ANSWERS_DELETED, tenant_id=tenant.id) == []
    assert (
        await outbox_events(database, ASSESSMENT_ANSWERS_DELETED, tenant_id=other_tenant.id) == []
    )
