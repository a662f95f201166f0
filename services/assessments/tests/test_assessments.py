"""Assessments: validation, publishing, and deletion with their answers (P13)."""

from datetime import UTC, datetime, timedelta

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
from assessments.dispatches.models import AnswerToken, Dispatch
from assessments.scheduling.runner import Scheduler
from assessments.settings import Settings
from chassis.database import Database
from contracts.events.assessments import ASSESSMENT_DELETED, ASSESSMENT_PUBLISHED


async def test_settings_are_checked(client: httpx.AsyncClient, tenant: Tenant) -> None:
    question = await make_question(client, tenant)
    opens = datetime.now(UTC)
    base = {
        "kind": "quiz",
        "title": "T",
        "question_ids": [question["id"]],
        "channels": ["email"],
        "opens_at": opens.isoformat(),
        "closes_at": (opens + timedelta(days=1)).isoformat(),
    }
    for change in (
        {"closes_at": opens.isoformat()},
        {"channels": []},
        {"channels": ["email", "email"]},
        {"email_fallback": True},
        {"max_reminders": 2},
        {"weekdays": [1]},
        {"kind": "daily_questions"},
        {"question_ids": [question["id"], question["id"]]},
        {"opens_at": "2026-01-01T10:00:00"},  # no time zone
    ):
        response = await client.post(
            "/assessments", json={**base, **change}, headers=tenant.headers()
        )
        assert response.status_code == 422, change
    draft = await client.post("/assessments", json=base, headers=tenant.headers())
    assert draft.status_code == 201
    nobody = await client.post(
        f"/assessments/{draft.json()['id']}/publish", headers=tenant.headers()
    )
    assert nobody.status_code == 422
    assert "participants" in nobody.json()["detail"]
    in_use = await client.delete(f"/questions/{question['id']}", headers=tenant.headers())
    assert in_use.status_code == 409


async def test_deleting_an_assessment_deletes_its_answers_p13(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> None:
    person = await make_participant(client, tenant)
    question = await make_question(client, tenant)
    quiz = await make_quiz(
        client,
        tenant,
        question_ids=[question["id"]],
        participant_ids=[person["id"]],
        opens_at=clock.now - timedelta(minutes=1),
    )
    assert len(await outbox_events(database, ASSESSMENT_PUBLISHED, tenant_id=tenant.id)) == 1
    await Scheduler(database=database, settings=settings, clock=clock).run_once()
    [url] = (await issued_links(database, tenant.id)).values()
    answered = await client.post(
        path_of(url), data={f"q-{question['id']}": question["options"][0]["id"]}
    )
    assert answered.status_code == 200
    results = (
        await client.get(f"/assessments/{quiz['id']}/results", headers=tenant.headers())
    ).json()
    assert results["answered_dispatches"] == 1
    assert results["questions"][0]["options"][0]["count"] == 1

    deleted = await client.delete(f"/assessments/{quiz['id']}", headers=tenant.headers())
    assert deleted.status_code == 204
    async with database.sessions() as session:
        for model in (Answer, Dispatch, AnswerToken):
            count = await session.scalar(
                select(func.count()).select_from(model).where(model.tenant_id == tenant.id)
            )
            assert count == 0, model.__name__
    [announced] = await outbox_events(database, ASSESSMENT_DELETED, tenant_id=tenant.id)
    assert str(announced.data.assessment_id) == quiz["id"]
    assert (await client.get(path_of(url))).status_code == 404
