"""A scripted run of dispatches, deliveries and answers, shuffled and with duplicates, yields
exactly what an independent calculation derives from the script, in every read model (P3)."""

import csv
import io
import random
from datetime import datetime

import httpx

from analytics.testing import scenario as script
from analytics.testing.delivering import deliver_in_batches
from analytics.testing.reading import all_pages, question_view, trend_view
from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens


async def test_p3_shuffled_duplicated_events_give_exactly_the_scripted_statistics(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    rng = random.Random(7)
    run = script.build(rng)
    events = script.shuffled_with_duplicates(rng, run.events)
    sizes = [rng.randint(1, 60) for _ in range(len(events))]

    await deliver_in_batches(database, events, sizes)
    await deliver_in_batches(database, rng.sample(run.events, 40), [13, 27])  # redeliveries

    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    for assessment_id in (run.quiz_id, run.daily_id):
        response = await client.get(f"/statistics/assessments/{assessment_id}", headers=viewer)
        assert response.status_code == 200, response.text
        found = response.json()
        found.pop("kind")
        assert found == script.expected_assessment(run, assessment_id)
    listed = await all_pages(client, "/statistics/assessments", viewer)
    assert {item["assessment_id"] for item in listed} == {str(run.quiz_id), str(run.daily_id)}

    for assessment_id, questions in (
        (run.quiz_id, run.quiz_questions),
        (run.daily_id, run.daily_questions),
    ):
        response = await client.get(
            f"/statistics/assessments/{assessment_id}/questions", headers=viewer
        )
        assert response.status_code == 200, response.text
        found_questions = [question_view(item) for item in response.json()["items"]]
        assert found_questions == script.expected_questions(run, assessment_id, questions)

    participants = await all_pages(client, "/statistics/participants", viewer)
    expected_people = script.expected_participants(run)
    assert {item["subject_ref"]: _parsed(item) for item in participants} == expected_people

    for dimension in ("day", "group", "topic"):
        items = await all_pages(client, "/statistics/trend", viewer, dimension=dimension)
        assert trend_view(items) == script.expected_trend(run, dimension), dimension
    groups = trend_view(await all_pages(client, "/statistics/trend", viewer, dimension="group"))
    assert any(cell["withheld"] for cell in groups.values())
    assert any(not cell["withheld"] for cell in groups.values())

    for path, rows in (
        ("/statistics/assessments.csv", 2),
        ("/statistics/participants.csv", len(expected_people)),
        ("/statistics/trend.csv?dimension=group", len(groups)),
    ):
        response = await client.get(path, headers=viewer)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/csv")
        assert len(list(csv.DictReader(io.StringIO(response.text)))) == rows, path
    response = await client.get(
        f"/statistics/assessments/{run.quiz_id}/questions.csv", headers=viewer
    )
    lines = list(csv.DictReader(io.StringIO(response.text)))
    assert {line["question_id"] for line in lines} == {
        str(question.question_id) for question in run.quiz_questions
    }


def _parsed(item: dict[str, object]) -> dict[str, object]:
    return {**item, "last_answered_at": datetime.fromisoformat(str(item["last_answered_at"]))}
