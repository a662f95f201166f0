"""Reading the per-assessment and per-question statistics."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from uuid import UUID

from sqlalchemy import RowMapping, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.assessments.models import AssessmentStats, OptionCount, QuestionStats, ScaleCount
from analytics.assessments.schemas import (
    AssessmentStatistics,
    OptionStatistics,
    QuestionStatistics,
    ScalePoint,
    ScaleStatistics,
)
from analytics.facts.models import AssessmentInfo, QuestionInfo
from analytics.paging import Paging
from analytics.ratios import ratio

_STATISTICS = """
    SELECT stats.*, info.kind, median.seconds AS median_seconds
    FROM assessment_stats AS stats
    LEFT JOIN assessment_info AS info
        ON info.tenant_id = stats.tenant_id AND info.assessment_id = stats.assessment_id
    LEFT JOIN LATERAL (
        SELECT running.seconds
        FROM (
            SELECT counted.seconds,
                   sum(counted.answers) OVER (ORDER BY counted.seconds) AS answers_so_far
            FROM answer_second_count AS counted
            WHERE counted.tenant_id = stats.tenant_id
              AND counted.assessment_id = stats.assessment_id
        ) AS running
        WHERE running.answers_so_far * 2 >= stats.answers
        ORDER BY running.seconds
        LIMIT 1
    ) AS median ON stats.answers > 0
    WHERE stats.tenant_id = :tenant_id {condition}
    ORDER BY stats.assessment_id
    LIMIT :limit OFFSET :offset
"""
_ONE = text(_STATISTICS.format(condition="AND stats.assessment_id = :assessment_id"))
_PAGE = text(_STATISTICS.format(condition=""))


async def assessment_statistics(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID
) -> AssessmentStatistics | None:
    rows = await session.execute(
        _ONE, {"tenant_id": tenant_id, "assessment_id": assessment_id, "limit": 1, "offset": 0}
    )
    row = rows.mappings().first()
    return _statistics(row) if row is not None else None


async def assessment_page(
    session: AsyncSession, *, tenant_id: UUID, paging: Paging
) -> tuple[list[AssessmentStatistics], int]:
    rows = await session.execute(
        _PAGE, {"tenant_id": tenant_id, "limit": paging.page_size, "offset": paging.offset}
    )
    items = [_statistics(row) for row in rows.mappings()]
    total = await session.scalar(select(func.count()).where(AssessmentStats.tenant_id == tenant_id))
    return items, int(total or 0)


def _statistics(row: RowMapping) -> AssessmentStatistics:
    return AssessmentStatistics(
        assessment_id=row["assessment_id"],
        kind=row["kind"],
        dispatched=row["dispatched"],
        sent=row["sent"],
        delivered=row["delivered"],
        bounced=row["bounced"],
        suppressed=row["suppressed"],
        respondents=row["answered_dispatches"],
        participation_rate=ratio(row["answered_dispatches"], row["dispatched"]),
        answers=row["answers"],
        graded_answers=row["graded_answers"],
        correct_answers=row["correct_answers"],
        share_correct=ratio(row["correct_answers"], row["graded_answers"]),
        mean_score=ratio(row["correct_answers"], row["answered_dispatches"]),
        median_seconds_to_answer=row["median_seconds"],
    )


async def question_statistics(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID
) -> list[QuestionStatistics]:
    """Every question of the assessment: those published with it, and those answered."""
    in_assessment = (
        QuestionStats.tenant_id == tenant_id,
        QuestionStats.assessment_id == assessment_id,
    )
    totals = {
        row.question_id: row
        for row in await session.scalars(select(QuestionStats).where(*in_assessment))
    }
    published_ids = await session.scalar(
        select(AssessmentInfo.question_ids).where(
            AssessmentInfo.tenant_id == tenant_id, AssessmentInfo.assessment_id == assessment_id
        )
    )
    question_ids = list(dict.fromkeys([*(published_ids or []), *sorted(totals, key=str)]))
    if not question_ids:
        return []
    infos = {
        info.question_id: info
        for info in await session.scalars(
            select(QuestionInfo).where(
                QuestionInfo.tenant_id == tenant_id, QuestionInfo.question_id.in_(question_ids)
            )
        )
    }
    chosen: defaultdict[UUID, dict[UUID, int]] = defaultdict(dict)
    for count in await session.scalars(
        select(OptionCount).where(
            OptionCount.tenant_id == tenant_id, OptionCount.assessment_id == assessment_id
        )
    ):
        chosen[count.question_id][count.option_id] = count.chosen
    points: defaultdict[UUID, dict[int, int]] = defaultdict(dict)
    for point in await session.scalars(
        select(ScaleCount).where(
            ScaleCount.tenant_id == tenant_id, ScaleCount.assessment_id == assessment_id
        )
    ):
        points[point.question_id][point.value] = point.answers
    return [
        _question(
            question_id,
            totals.get(question_id),
            infos.get(question_id),
            chosen[question_id],
            points[question_id],
        )
        for question_id in question_ids
    ]


def _question(
    question_id: UUID,
    totals: QuestionStats | None,
    info: QuestionInfo | None,
    chosen: Mapping[UUID, int],
    points: Mapping[int, int],
) -> QuestionStatistics:
    answers = totals.answers if totals else 0
    graded = totals.graded_answers if totals else 0
    correct = totals.correct_answers if totals else 0
    option_ids = list(dict.fromkeys([*(info.option_ids if info else []), *sorted(chosen, key=str)]))
    correct_ids = set(info.correct_option_ids) if info else set()
    options = [
        OptionStatistics(
            option_id=option_id,
            chosen=chosen.get(option_id, 0),
            share=ratio(chosen.get(option_id, 0), answers),
            correct=(option_id in correct_ids) if info else None,
        )
        for option_id in option_ids
    ]
    return QuestionStatistics(
        question_id=question_id,
        kind=info.kind if info else None,
        answers=answers,
        graded_answers=graded,
        correct_answers=correct,
        share_correct=ratio(correct, graded),
        free_text_answers=totals.free_text_answers if totals else 0,
        options=options,
        scale=_scale(totals, info, points),
    )


def _scale(
    totals: QuestionStats | None, info: QuestionInfo | None, points: Mapping[int, int]
) -> ScaleStatistics | None:
    minimum = info.scale_minimum if info else None
    maximum = info.scale_maximum if info else None
    if minimum is None and not points:
        return None
    values: Sequence[int] = (
        range(minimum, maximum + 1) if minimum is not None and maximum is not None else []
    )
    every_value = sorted({*values, *points})
    answers = totals.scale_answers if totals else 0
    return ScaleStatistics(
        minimum=minimum,
        maximum=maximum,
        answers=answers,
        mean=(totals.scale_total / answers) if totals and answers else None,
        distribution=[
            ScalePoint(value=value, answers=points.get(value, 0)) for value in every_value
        ],
    )
