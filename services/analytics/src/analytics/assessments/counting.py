"""Adding newly stored facts to the per-assessment and per-question totals."""

from collections.abc import Mapping, Sequence
from uuid import UUID

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.assessments.models import (
    AnswerSecondCount,
    AssessmentStats,
    OptionCount,
    QuestionStats,
    ScaleCount,
)
from analytics.counters import add_to_counters
from analytics.database import table_of
from analytics.facts.models import DispatchFact
from analytics.facts.service import AssessmentKey

_assessment_stats = table_of(AssessmentStats)
_answer_seconds = table_of(AnswerSecondCount)
_question_stats = table_of(QuestionStats)
_option_count = table_of(OptionCount)
_scale_count = table_of(ScaleCount)

_COUNT_ANSWERS = text(
    """
    WITH counted AS (
        SELECT * FROM answer_fact WHERE id = ANY(CAST(:answer_ids AS bigint[]))
    ),
    newly_answered AS (
        SELECT * FROM unnest(
            CAST(:answered_tenant_ids AS uuid[]), CAST(:answered_assessment_ids AS uuid[]),
            CAST(:answered_dispatches AS bigint[])
        ) AS answered (tenant_id, assessment_id, dispatches)
    ),
    per_assessment AS (
        INSERT INTO assessment_stats AS stats (
            tenant_id, assessment_id, dispatched, sent, delivered, bounced, suppressed,
            answered_dispatches, answers, graded_answers, correct_answers)
        SELECT tenant_id, assessment_id, 0, 0, 0, 0, 0,
            coalesce(max(newly_answered.dispatches), 0), count(*), count(correct),
            count(*) FILTER (WHERE correct)
        FROM counted LEFT JOIN newly_answered USING (tenant_id, assessment_id)
        GROUP BY tenant_id, assessment_id
        ORDER BY tenant_id, assessment_id
        ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET
            answered_dispatches = stats.answered_dispatches + EXCLUDED.answered_dispatches,
            answers = stats.answers + EXCLUDED.answers,
            graded_answers = stats.graded_answers + EXCLUDED.graded_answers,
            correct_answers = stats.correct_answers + EXCLUDED.correct_answers
    ),
    per_second AS (
        INSERT INTO answer_second_count AS counts (tenant_id, assessment_id, answers, seconds)
        SELECT tenant_id, assessment_id, count(*),
            -- Rounded down: to the second within ten minutes, to ten seconds within an hour,
            -- to the minute within a day, to the hour beyond. The median is that precise,
            -- and an assessment holds a few thousand buckets at most, so it is read fast.
            CASE WHEN time_to_answer_ms < 600000 THEN time_to_answer_ms / 1000
                 WHEN time_to_answer_ms < 3600000 THEN time_to_answer_ms / 10000 * 10
                 WHEN time_to_answer_ms < 86400000 THEN time_to_answer_ms / 60000 * 60
                 ELSE time_to_answer_ms / 3600000 * 3600 END AS seconds
        FROM counted
        GROUP BY tenant_id, assessment_id, seconds
        ORDER BY tenant_id, assessment_id, seconds
        ON CONFLICT (tenant_id, assessment_id, seconds) DO UPDATE SET
            answers = counts.answers + EXCLUDED.answers
    ),
    per_question AS (
        INSERT INTO question_stats AS stats (
            tenant_id, assessment_id, question_id, answers, graded_answers, correct_answers,
            free_text_answers, scale_answers, scale_total)
        SELECT tenant_id, assessment_id, question_id, count(*), count(correct),
            count(*) FILTER (WHERE correct), count(*) FILTER (WHERE free_text_given),
            count(scale_value), coalesce(sum(scale_value), 0)
        FROM counted
        GROUP BY tenant_id, assessment_id, question_id
        ORDER BY tenant_id, assessment_id, question_id
        ON CONFLICT (tenant_id, assessment_id, question_id) DO UPDATE SET
            answers = stats.answers + EXCLUDED.answers,
            graded_answers = stats.graded_answers + EXCLUDED.graded_answers,
            correct_answers = stats.correct_answers + EXCLUDED.correct_answers,
            free_text_answers = stats.free_text_answers + EXCLUDED.free_text_answers,
            scale_answers = stats.scale_answers + EXCLUDED.scale_answers,
            scale_total = stats.scale_total + EXCLUDED.scale_total
    ),
    per_option AS (
        INSERT INTO option_count AS counts (
            tenant_id, assessment_id, question_id, option_id, chosen)
        SELECT tenant_id, assessment_id, question_id, option_id, count(*)
        FROM counted
        CROSS JOIN LATERAL (SELECT DISTINCT unnest(chosen_option_ids)) AS chosen (option_id)
        GROUP BY tenant_id, assessment_id, question_id, option_id
        ORDER BY tenant_id, assessment_id, question_id, option_id
        ON CONFLICT (tenant_id, assessment_id, question_id, option_id) DO UPDATE SET
            chosen = counts.chosen + EXCLUDED.chosen
    )
    INSERT INTO scale_count AS counts (tenant_id, assessment_id, question_id, value, answers)
    SELECT tenant_id, assessment_id, question_id, scale_value, count(*)
    FROM counted WHERE scale_value IS NOT NULL
    GROUP BY tenant_id, assessment_id, question_id, scale_value
    ORDER BY tenant_id, assessment_id, question_id, scale_value
    ON CONFLICT (tenant_id, assessment_id, question_id, value) DO UPDATE SET
        answers = counts.answers + EXCLUDED.answers
    """
)
"""Every total of the assessments and questions in one statement: each table's rows in key
order, the tables always in the same order, so concurrent batches cannot deadlock."""


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
    answer_ids: Sequence[int],
    newly_answered: Mapping[AssessmentKey, int],
) -> None:
    """Adds the answers stored now (``answer_fact`` ids) to their assessment's and question's
    totals, and the dispatches answered now to their assessment's respondents."""
    if not answer_ids:
        return
    answered = sorted(newly_answered.items())
    await session.execute(
        _COUNT_ANSWERS,
        {
            "answer_ids": list(answer_ids),
            "answered_tenant_ids": [tenant_id for (tenant_id, _), _ in answered],
            "answered_assessment_ids": [assessment_id for (_, assessment_id), _ in answered],
            "answered_dispatches": [count for _, count in answered],
        },
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


async def recount_answers(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID, answer_ids: Sequence[int]
) -> None:
    """Counts the assessment's answer totals again from these ``answer_fact`` ids (those that
    remain after some were deleted) and its respondents from the dispatches still answered;
    the dispatch and delivery counts stay."""
    for table in (_answer_seconds, _question_stats, _option_count, _scale_count):
        await session.execute(
            delete(table).where(
                table.c.tenant_id == tenant_id, table.c.assessment_id == assessment_id
            )
        )
    respondents = (
        select(func.count())
        .where(
            DispatchFact.tenant_id == tenant_id,
            DispatchFact.assessment_id == assessment_id,
            DispatchFact.answered.is_(True),
        )
        .scalar_subquery()
    )
    await session.execute(
        update(_assessment_stats)
        .where(
            _assessment_stats.c.tenant_id == tenant_id,
            _assessment_stats.c.assessment_id == assessment_id,
        )
        .values(answered_dispatches=respondents, answers=0, graded_answers=0, correct_answers=0)
    )
    await count_answers(session, answer_ids=answer_ids, newly_answered={})
