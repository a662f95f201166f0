"""P13: the client deleted the answers of an assessment (``assessment.answers_deleted``), keeping
the assessment and its questions. Analytics drops those answers and every figure counted from
them (the assessment's, its questions', the people's, the trend's), ignores late answers from
before the deletion, and still counts the answers given after it."""

import random
from datetime import UTC, datetime, time, timedelta
from typing import Any
from uuid import uuid4

import httpx
from sqlalchemy import func, select

from analytics.facts.models import AnswerFact, DeletedAnswers, DispatchFact
from analytics.testing import scenario as script
from analytics.testing.delivering import deliver, deliver_in_batches
from analytics.testing.reading import all_pages, question_view, trend_view
from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from contracts.envelope import Envelope
from contracts.events.assessments import AssessmentAnswersDeleted

CUTOFF = datetime.combine(script.FIRST_DAY + timedelta(days=2), time(12), UTC)
"""The scripted answers come between 9:00 and 11:00 of their day: those of the first three days
of the daily questions are before it, the last two days' after it."""


def answered_at(run: script.Scenario, answer: script.Answer) -> datetime:
    return script.answer_submitted(run.tenant_id, answer).answered_at


def deletion(run: script.Scenario, assessment_id: Any) -> Envelope[Any]:
    return Envelope.wrap(
        AssessmentAnswersDeleted(
            tenant_id=run.tenant_id, assessment_id=assessment_id, answered_before=CUTOFF
        )
    )


def without_deleted(run: script.Scenario) -> None:
    """The script as it stands after the daily questions' answers before ``CUTOFF`` went."""
    run.answers = [
        answer
        for answer in run.answers
        if answer.assessment_id != run.daily_id or answered_at(run, answer) >= CUTOFF
    ]


async def statistics(
    client: httpx.AsyncClient, viewer: dict[str, str], run: script.Scenario
) -> dict[str, Any]:
    """Every figure analytics shows about the run, read through the API."""
    found: dict[str, Any] = {}
    for assessment_id in (run.quiz_id, run.daily_id):
        response = await client.get(f"/statistics/assessments/{assessment_id}", headers=viewer)
        assert response.status_code == 200, response.text
        totals = response.json()
        totals.pop("kind")
        found[f"assessment {assessment_id}"] = totals
        response = await client.get(
            f"/statistics/assessments/{assessment_id}/questions", headers=viewer
        )
        found[f"questions {assessment_id}"] = [
            question_view(item) for item in response.json()["items"]
        ]
    participants = await all_pages(client, "/statistics/participants", viewer)
    found["participants"] = {
        item["subject_ref"]: {
            **item,
            "last_answered_at": datetime.fromisoformat(item["last_answered_at"]),
        }
        for item in participants
    }
    for dimension in ("day", "group", "topic"):
        items = await all_pages(client, "/statistics/trend", viewer, dimension=dimension)
        found[f"trend {dimension}"] = trend_view(items)
    return found


def expected(run: script.Scenario) -> dict[str, Any]:
    """The same figures, calculated independently from the script."""
    found: dict[str, Any] = {}
    for assessment_id, questions in (
        (run.quiz_id, run.quiz_questions),
        (run.daily_id, run.daily_questions),
    ):
        found[f"assessment {assessment_id}"] = script.expected_assessment(run, assessment_id)
        found[f"questions {assessment_id}"] = script.expected_questions(
            run, assessment_id, questions
        )
    found["participants"] = script.expected_participants(run)
    for dimension in ("day", "group", "topic"):
        found[f"trend {dimension}"] = script.expected_trend(run, dimension)
    return found


async def test_p13_deleted_answers_and_every_figure_from_them_go_later_answers_stay(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    rng = random.Random(21)
    run = script.build(rng)
    await deliver_in_batches(database, script.shuffled_with_duplicates(rng, run.events), [40] * 40)
    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    assert await statistics(client, viewer, run) == expected(run)
    deleted_count = len(run.answers)

    await deliver(database, [deletion(run, run.daily_id)])

    without_deleted(run)
    assert 0 < len(run.answers) < deleted_count
    assert await statistics(client, viewer, run) == expected(run)
    async with database.sessions() as session:
        left_before_cutoff = await session.scalar(
            select(func.count())
            .select_from(AnswerFact)
            .where(
                AnswerFact.tenant_id == run.tenant_id,
                AnswerFact.assessment_id == run.daily_id,
                AnswerFact.answered_at < CUTOFF,
            )
        )
        dispatches = await session.scalar(
            select(func.count())
            .select_from(DispatchFact)
            .where(DispatchFact.assessment_id == run.daily_id)
        )
    assert left_before_cutoff == 0
    assert dispatches == sum(1 for d in run.dispatches if d.assessment_id == run.daily_id)

    # Late copies of every event (new message ids, so the inbox does not skip them) change
    # nothing: the answers from before the deletion are ignored, the rest are stored already.
    late = [event.model_copy(update={"id": uuid4()}) for event in run.events]
    await deliver_in_batches(database, late, [60] * 40)
    assert await statistics(client, viewer, run) == expected(run)


async def test_p13_the_deletion_arriving_among_the_answers_gives_the_same_figures(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    rng = random.Random(22)
    run = script.build(rng)
    events = [*run.events, deletion(run, run.daily_id)]
    rng.shuffle(events)

    await deliver_in_batches(database, events, [rng.randint(1, 50) for _ in events])

    without_deleted(run)
    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    assert await statistics(client, viewer, run) == expected(run)


async def test_p13_a_second_deletion_moves_the_moment_on_and_another_client_is_untouched(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    rng = random.Random(23)
    run, other = script.build(rng), script.build(rng)
    await deliver_in_batches(database, [*run.events, *other.events], [80] * 80)
    other_viewer = tokens.headers(tenant_id=other.tenant_id, roles={Role.VIEWER})
    other_before = await statistics(client, other_viewer, other)

    await deliver(database, [deletion(run, run.daily_id)])
    everything = Envelope.wrap(
        AssessmentAnswersDeleted(
            tenant_id=run.tenant_id,
            assessment_id=run.quiz_id,
            answered_before=datetime.now(UTC),
        )
    )
    await deliver(database, [everything])
    # An older deletion redelivered under a new id does not bring answers back.
    await deliver(database, [deletion(run, run.quiz_id)])

    without_deleted(run)
    run.answers = [answer for answer in run.answers if answer.assessment_id != run.quiz_id]
    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    found = await statistics(client, viewer, run)
    assert found == expected(run)
    assert found[f"assessment {run.quiz_id}"]["answers"] == 0
    assert found[f"assessment {run.quiz_id}"]["respondents"] == 0
    assert found[f"assessment {run.quiz_id}"]["dispatched"] == len(
        [d for d in run.dispatches if d.assessment_id == run.quiz_id]
    )
    async with database.sessions() as session:
        remembered = await session.scalar(
            select(DeletedAnswers.answered_before).where(
                DeletedAnswers.tenant_id == run.tenant_id,
                DeletedAnswers.assessment_id == run.quiz_id,
            )
        )
    assert remembered == everything.data.answered_before
    assert await statistics(client, other_viewer, other) == other_before
