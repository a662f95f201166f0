"""Adding answers to the trend: per day, per group and day, per topic and day.

One statement adds a set of stored answers to their cells: each identifiable person counts
once per cell as a respondent (``trend_respondent`` remembers who was counted), and the cells
are written in key order, so concurrent batches lock them in the same order.
"""

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from sqlalchemy import TextClause, delete, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.database import table_of
from analytics.trends.models import TrendCell, TrendRespondent

_trend_cell = table_of(TrendCell)
_trend_respondent = table_of(TrendRespondent)

CellKey = tuple[UUID, str, str, date]
"""(tenant_id, dimension, key, day)."""

_ANSWERS = "SELECT tenant_id, answered_on, group_ids, topics, correct, subject_ref FROM answer_fact"
_CELLS = """
    SELECT tenant_id, 'day' AS dimension, '' AS key, answered_on AS day, correct, subject_ref
    FROM counted
    UNION ALL
    SELECT tenant_id, 'group', CAST(group_id AS text), answered_on, correct, subject_ref
    FROM counted CROSS JOIN LATERAL (SELECT DISTINCT unnest(group_ids)) AS in_group (group_id)
    UNION ALL
    SELECT tenant_id, 'topic', topic, answered_on, correct, subject_ref
    FROM counted CROSS JOIN LATERAL (SELECT DISTINCT unnest(topics)) AS on_topic (topic)
"""
"""The cells (``Dimension``) of the answers of ``counted``, one row per answer and cell."""

_ADD = """
    WITH counted AS ({answers} WHERE {counted}),
    cells AS (SELECT * FROM ({cells}) AS every_cell WHERE {only}),
    fresh AS (
        INSERT INTO trend_respondent (tenant_id, dimension, key, day, subject_ref)
        SELECT tenant_id, dimension, key, day, subject_ref
        FROM cells WHERE subject_ref IS NOT NULL
        GROUP BY tenant_id, dimension, key, day, subject_ref
        ORDER BY tenant_id, dimension COLLATE "C", key COLLATE "C", day, subject_ref COLLATE "C"
        ON CONFLICT DO NOTHING
        RETURNING tenant_id, dimension, key, day
    )
    INSERT INTO trend_cell AS cell (
        tenant_id, dimension, key, day, answers, graded_answers, correct_answers, respondents)
    SELECT tenant_id, dimension, key, day, added.answers, added.graded_answers,
        added.correct_answers, coalesce(new_respondents.respondents, 0)
    FROM (
        SELECT tenant_id, dimension, key, day, count(*) AS answers,
            count(correct) AS graded_answers, count(*) FILTER (WHERE correct) AS correct_answers
        FROM cells GROUP BY tenant_id, dimension, key, day
    ) AS added
    LEFT JOIN (
        SELECT tenant_id, dimension, key, day, count(*) AS respondents
        FROM fresh GROUP BY tenant_id, dimension, key, day
    ) AS new_respondents USING (tenant_id, dimension, key, day)
    ORDER BY tenant_id, dimension COLLATE "C", key COLLATE "C", day
    ON CONFLICT (tenant_id, dimension, key, day) DO UPDATE SET
        answers = cell.answers + EXCLUDED.answers,
        graded_answers = cell.graded_answers + EXCLUDED.graded_answers,
        correct_answers = cell.correct_answers + EXCLUDED.correct_answers,
        respondents = cell.respondents + EXCLUDED.respondents
"""
# The ORDER BY sorts every joined row before the first cell is written: the respondents
# (``fresh``) are all stored by then, so each statement locks respondents, then cells.


def _adding(*, counted: str, only: str = "true") -> TextClause:
    """Adds the answers ``counted`` (a condition on ``answer_fact``) to their cells, those
    ``only`` (a condition on a cell) admits."""
    # Only this module's constants are spliced in; the values are bound.
    return text(_ADD.format(answers=_ANSWERS, counted=counted, cells=_CELLS, only=only))


_COUNT_ANSWERS = _adding(counted="id = ANY(CAST(:answer_ids AS bigint[]))")
_RECOUNT_CELLS = _adding(
    counted="(tenant_id, answered_on) IN "
    "(SELECT * FROM unnest(CAST(:tenant_ids AS uuid[]), CAST(:days AS date[])))",
    only="(tenant_id, dimension, key, day) IN (SELECT * FROM unnest("
    "CAST(:cell_tenant_ids AS uuid[]), CAST(:cell_dimensions AS text[]), "
    "CAST(:cell_keys AS text[]), CAST(:cell_days AS date[])))",
)
_CELLS_OF_ASSESSMENT = text(
    f"""
    WITH counted AS ({_ANSWERS} WHERE tenant_id = :tenant_id AND assessment_id = :assessment_id)
    SELECT DISTINCT tenant_id, dimension, key, day FROM ({_CELLS}) AS every_cell
    """  # noqa: S608 - only this module's constants are spliced in
)


async def count_answers(session: AsyncSession, *, answer_ids: Sequence[int]) -> None:
    """Adds the answers stored now (``answer_fact`` ids) to their cells."""
    if answer_ids:
        await session.execute(_COUNT_ANSWERS, {"answer_ids": list(answer_ids)})


async def cells_of_assessment(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID
) -> set[CellKey]:
    found = await session.execute(
        _CELLS_OF_ASSESSMENT, {"tenant_id": tenant_id, "assessment_id": assessment_id}
    )
    return {(tenant, dimension, key, day) for tenant, dimension, key, day in found}


async def recount_cells(session: AsyncSession, *, cells: set[CellKey]) -> None:
    """Counts the cells again from the answers stored now (after some were deleted).

    Respondents are counted again from identifiable answers only: people erased since no
    longer count as respondents of these cells, which can only withhold more.
    """
    if not cells:
        return
    cell_columns = (
        _trend_cell.c.tenant_id,
        _trend_cell.c.dimension,
        _trend_cell.c.key,
        _trend_cell.c.day,
    )
    respondent_columns = (
        _trend_respondent.c.tenant_id,
        _trend_respondent.c.dimension,
        _trend_respondent.c.key,
        _trend_respondent.c.day,
    )
    await session.execute(delete(_trend_cell).where(tuple_(*cell_columns).in_(cells)))
    await session.execute(delete(_trend_respondent).where(tuple_(*respondent_columns).in_(cells)))
    days = sorted({(tenant_id, day) for tenant_id, _, _, day in cells})
    ordered = sorted(cells)
    await session.execute(
        _RECOUNT_CELLS,
        {
            "tenant_ids": [tenant_id for tenant_id, _ in days],
            "days": [day for _, day in days],
            "cell_tenant_ids": [tenant_id for tenant_id, _, _, _ in ordered],
            "cell_dimensions": [dimension for _, dimension, _, _ in ordered],
            "cell_keys": [key for _, _, key, _ in ordered],
            "cell_days": [day for _, _, _, day in ordered],
        },
    )
