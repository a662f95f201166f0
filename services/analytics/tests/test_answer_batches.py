"""Answers stored once per question of a dispatch, however many messages carry one."""

from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import httpx

from analytics.testing.delivering import deliver
from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from contracts.envelope import Envelope
from contracts.events.assessments import AnswerSubmitted

RIGHT, WRONG = UUID(int=1), UUID(int=2)


def _answer(
    tenant_id: UUID, assessment_id: UUID, question_id: UUID, dispatch_id: UUID, **facts: object
) -> Envelope[AnswerSubmitted]:
    return Envelope.wrap(
        AnswerSubmitted(
            tenant_id=tenant_id,
            assessment_id=assessment_id,
            question_id=question_id,
            topics=["phishing"],
            group_ids=[],
            dispatch_id=dispatch_id,
            subject_ref="A" * 52,
            scale_value=None,
            free_text_given=False,
            answered_on=date(2026, 3, 2),
            reveal=None,
            **facts,  # type: ignore[arg-type]
        )
    )


async def test_the_earliest_of_several_answers_to_one_question_counts_once(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    tenant_id, assessment_id, question_id, dispatch_id = uuid4(), uuid4(), uuid4(), uuid4()
    first = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def answer(chosen: UUID, minutes: int) -> Envelope[AnswerSubmitted]:
        return _answer(
            tenant_id,
            assessment_id,
            question_id,
            dispatch_id,
            chosen_option_ids=[chosen],
            correct=chosen == RIGHT,
            time_to_answer_ms=60_000 + minutes * 60_000,
            answered_at=first + timedelta(minutes=minutes),
        )

    await deliver(database, [answer(WRONG, 5), answer(RIGHT, 0), answer(WRONG, 1)])
    await deliver(database, [answer(WRONG, -1)])  # earlier, but one is stored already

    viewer = tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})
    found = (await client.get(f"/statistics/assessments/{assessment_id}", headers=viewer)).json()
    assert (found["answers"], found["respondents"], found["share_correct"]) == (1, 1, 1.0)
    questions = await client.get(
        f"/statistics/assessments/{assessment_id}/questions", headers=viewer
    )
    options = questions.json()["items"][0]["options"]
    assert {option["option_id"]: option["chosen"] for option in options} == {str(RIGHT): 1}
    person = await client.get(f"/statistics/participants/{'A' * 52}", headers=viewer)
    assert person.json()["answers"] == 1
