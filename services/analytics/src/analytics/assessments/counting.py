"""Adding newly stored facts to the per-assessment and per-question totals."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from uuid import UUID

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.assessments.models import (
    AnswerSecondCount,
    AssessmentStats,
    OptionCount,
    QuestionStats,
    ScaleCount,
)
from analytics.counters import CounterKey, add_to_counters
from analytics.database import table_of
from analytics.facts.service import AssessmentKey, StoredAnswer

_assessment_stats = table_of(AssessmentStats)
_answer_seconds = table_of(AnswerSecondCount)
_question_stats = table_of(QuestionStats)
_option_count = table_of(OptionCount)
_scale_count = table_of(ScaleCount)

MINUTE, HOUR, DAY = 60, 3600, 86400


def time_bucket(time_to_answer_ms: int) -> int:
    """Seconds, rounded down: to the second within ten minutes, to ten seconds within an
    hour, to the minute within a day, to the hour beyond. The median is that precise, and an
    assessment holds a few thousand buckets at most, so it is read fast."""
    seconds = time_to_answer_ms // 1000
    for below, step in ((10 * MINUTE, 1), (HOUR, 10), (DAY, MINUTE)):
        if seconds < below:
            return seconds - seconds % step
    return seconds - seconds % HOUR


def _increments() -> defaultdict[CounterKey, dict[str, int]]:
    return defaultdict(lambda: defaultdict(int))


async def add_to_assessments(
    session: AsyncSession, *, column: str, counts: Mapping[AssessmentKey, int]
) -> None:
    """Adds ``counts`` to one column of the assessments' totals (dispatched, delivered…)."""
    await add_to_counters(
        session,
        _assessment_stats,
        key_columns=("tenant_id", "assessment_id"),
        increments={key: {column: count} for key, count in counts.items() if count},
    )


async def count_answers(
    session: AsyncSession,
    *,
    answers: Sequence[StoredAnswer],
    newly_answered: Mapping[AssessmentKey, int],
) -> None:
    """Adds answers stored now to their assessment's and question's totals."""
    per_assessment = _increments()
    per_second = _increments()
    per_question = _increments()
    per_option = _increments()
    per_point = _increments()
    for key, count in newly_answered.items():
        per_assessment[key]["answered_dispatches"] += count
    for stored in answers:
        answer = stored.answer
        assessment = (answer.tenant_id, answer.assessment_id)
        question = (*assessment, answer.question_id)
        graded, correct = answer.correct is not None, answer.correct is True
        totals = per_assessment[assessment]
        totals["answers"] += 1
        totals["graded_answers"] += graded
        totals["correct_answers"] += correct
        per_second[(*assessment, time_bucket(answer.time_to_answer_ms))]["answers"] += 1
        question_totals = per_question[question]
        question_totals["answers"] += 1
        question_totals["graded_answers"] += graded
        question_totals["correct_answers"] += correct
        question_totals["free_text_answers"] += answer.free_text_given
        if answer.scale_value is not None:
            question_totals["scale_answers"] += 1
            question_totals["scale_total"] += answer.scale_value
            per_point[(*question, answer.scale_value)]["answers"] += 1
        for option_id in set(answer.chosen_option_ids):
            per_option[(*question, option_id)]["chosen"] += 1
    assessment_keys = ("tenant_id", "assessment_id")
    question_keys = (*assessment_keys, "question_id")
    await add_to_counters(
        session, _assessment_stats, key_columns=assessment_keys, increments=per_assessment
    )
    await add_to_counters(
        session, _answer_seconds, key_columns=(*assessment_keys, "seconds"), increments=per_second
    )
    await add_to_counters(
        session, _question_stats, key_columns=question_keys, increments=per_question
    )
    await add_to_counters(
        session, _option_count, key_columns=(*question_keys, "option_id"), increments=per_option
    )
    await add_to_counters(
        session, _scale_count, key_columns=(*question_keys, "value"), increments=per_point
    )


async def delete_assessment_totals(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID
) -> None:
    for table in (_assessment_stats, _answer_seconds, _question_stats, _option_count, _scale_count):
        await session.execute(
            delete(table).where(
                table.c.tenant_id == tenant_id, table.c.assessment_id == assessment_id
            )
        )
