"""Reading the trend, with small groups withheld."""

from datetime import date
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.paging import Paging
from analytics.ratios import ratio
from analytics.trends.models import TrendCell
from analytics.trends.schemas import Dimension, TrendRow


async def trend_page(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    dimension: Dimension,
    since: date | None,
    until: date | None,
    paging: Paging,
    min_group_size: int,
) -> tuple[list[TrendRow], int]:
    conditions = [TrendCell.tenant_id == tenant_id, TrendCell.dimension == dimension.value]
    if since is not None:
        conditions.append(TrendCell.day >= since)
    if until is not None:
        conditions.append(TrendCell.day <= until)
    cells = await session.scalars(
        select(TrendCell)
        .where(*conditions)
        .order_by(TrendCell.day, TrendCell.key)
        .limit(paging.page_size)
        .offset(paging.offset)
    )
    total = await session.scalar(select(func.count()).where(*conditions))
    rows = [_row(cell, dimension, min_group_size) for cell in cells]
    return rows, int(total or 0)


def _row(cell: TrendCell, dimension: Dimension, min_group_size: int) -> TrendRow:
    if dimension is not Dimension.DAY and cell.respondents < min_group_size:
        return TrendRow(
            dimension=dimension,
            key=cell.key,
            day=cell.day,
            withheld=True,
            withheld_reason=(
                f"Fewer than {min_group_size} people answered in this {dimension.value} on "
                "this day: withheld so that nobody's answers can be singled out."
            ),
            answers=None,
            respondents=None,
            correct_answers=None,
            share_correct=None,
        )
    return TrendRow(
        dimension=dimension,
        key=cell.key,
        day=cell.day,
        withheld=False,
        withheld_reason=None,
        answers=cell.answers,
        respondents=cell.respondents,
        correct_answers=cell.correct_answers,
        share_correct=ratio(cell.correct_answers, cell.graded_answers),
    )
