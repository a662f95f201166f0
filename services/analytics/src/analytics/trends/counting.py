"""Adding answers to the trend: per day, per group and day, per topic and day."""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import delete, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from analytics import bulk
from analytics.counters import CounterKey, add_to_counters
from analytics.database import table_of
from analytics.facts.models import AnswerFact
from analytics.facts.service import StoredAnswer
from analytics.trends.models import TrendCell, TrendRespondent
from analytics.trends.schemas import Dimension

_trend_cell = table_of(TrendCell)
_trend_respondent = table_of(TrendRespondent)
_RESPONDENT_COLUMNS = ["tenant_id", "dimension", "key", "day", "subject_ref"]
_NEW_RESPONDENTS = text(
    f"{bulk.insert_rows(_trend_respondent, _RESPONDENT_COLUMNS)} "
    'ON CONFLICT DO NOTHING RETURNING tenant_id, dimension, "key", day'
).columns(
    _trend_respondent.c.tenant_id,
    _trend_respondent.c.dimension,
    _trend_respondent.c.key,
    _trend_respondent.c.day,
)

CellKey = tuple[UUID, str, str, date]
"""(tenant_id, dimension, key, day)."""


@dataclass(frozen=True)
class TrendFact:
    """What the trend needs of one answer."""

    tenant_id: UUID
    day: date
    group_ids: Sequence[UUID]
    topics: Sequence[str]
    correct: bool | None
    subject_ref: str | None

    def cells(self) -> Iterator[CellKey]:
        yield (self.tenant_id, Dimension.DAY.value, "", self.day)
        for group_id in sorted(set(self.group_ids)):
            yield (self.tenant_id, Dimension.GROUP.value, str(group_id), self.day)
        for topic in sorted(set(self.topics)):
            yield (self.tenant_id, Dimension.TOPIC.value, topic, self.day)


async def count_answers(session: AsyncSession, *, answers: Sequence[StoredAnswer]) -> None:
    """Adds answers stored now to their cells."""
    await _add(
        session,
        (
            TrendFact(
                tenant_id=stored.answer.tenant_id,
                day=stored.answer.answered_on,
                group_ids=stored.answer.group_ids,
                topics=stored.answer.topics,
                correct=stored.answer.correct,
                subject_ref=stored.subject_ref,
            )
            for stored in answers
        ),
    )


async def cells_of_assessment(
    session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID
) -> set[CellKey]:
    facts = await _facts(
        session, AnswerFact.tenant_id == tenant_id, AnswerFact.assessment_id == assessment_id
    )
    return {cell for fact in facts for cell in fact.cells()}


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
    days = {(tenant_id, day) for tenant_id, _, _, day in cells}
    facts = await _facts(session, tuple_(AnswerFact.tenant_id, AnswerFact.answered_on).in_(days))
    await _add(session, facts, only=cells)


async def _facts(session: AsyncSession, *conditions: object) -> list[TrendFact]:
    rows = await session.execute(
        select(
            AnswerFact.tenant_id,
            AnswerFact.answered_on,
            AnswerFact.group_ids,
            AnswerFact.topics,
            AnswerFact.correct,
            AnswerFact.subject_ref,
        ).where(*conditions)  # type: ignore[arg-type]
    )
    return [TrendFact(*row) for row in rows]


async def _add(
    session: AsyncSession, facts: Iterable[TrendFact], *, only: set[CellKey] | None = None
) -> None:
    """Adds the facts to their cells (those of ``only``, when given); each identifiable
    person counts once per cell as a respondent."""
    increments: defaultdict[CounterKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    people: set[tuple[CellKey, str]] = set()
    for fact in facts:
        for cell in fact.cells():
            if only is not None and cell not in only:
                continue
            totals = increments[cell]
            totals["answers"] += 1
            totals["graded_answers"] += fact.correct is not None
            totals["correct_answers"] += fact.correct is True
            totals["respondents"] += 0
            if fact.subject_ref is not None:
                people.add((cell, fact.subject_ref))
    for cell in await _new_respondents(session, people):
        increments[cell]["respondents"] += 1
    await add_to_counters(
        session,
        _trend_cell,
        key_columns=("tenant_id", "dimension", "key", "day"),
        increments=increments,
    )


async def _new_respondents(
    session: AsyncSession, people: set[tuple[CellKey, str]]
) -> list[CellKey]:
    if not people:
        return []
    rows = [
        {"tenant_id": t, "dimension": d, "key": k, "day": day, "subject_ref": subject_ref}
        for (t, d, k, day), subject_ref in sorted(people, key=str)
    ]
    found = await session.execute(_NEW_RESPONDENTS, bulk.rows(rows))
    return [(t, d, k, day) for t, d, k, day in found]
