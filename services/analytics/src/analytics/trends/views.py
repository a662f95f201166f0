from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.csv_download import csv_download
from analytics.paging import Paging, PagingDep
from analytics.settings import Settings
from analytics.tenancy import tenant_of
from analytics.trends import service
from analytics.trends.schemas import Dimension, TrendPage, TrendRow
from chassis.auth.dependencies import ClientViewer
from chassis.database import SessionDep

router = APIRouter(prefix="/statistics/trend", tags=["trend"])

DimensionQuery = Annotated[
    Dimension, Query(description="day (overall), group or topic: each per day")
]
SinceQuery = Annotated[date | None, Query(description="first day, inclusive")]
UntilQuery = Annotated[date | None, Query(description="last day, inclusive")]


def _min_group_size(request: Request) -> int:
    settings: Settings = request.app.state.settings
    return settings.min_group_size


@router.get("")
async def get_trend(
    viewer: ClientViewer,
    session: SessionDep,
    paging: PagingDep,
    request: Request,
    dimension: DimensionQuery = Dimension.DAY,
    since: SinceQuery = None,
    until: UntilQuery = None,
) -> TrendPage:
    min_group_size = _min_group_size(request)
    items, total = await service.trend_page(
        session,
        tenant_id=tenant_of(viewer),
        dimension=dimension,
        since=since,
        until=until,
        paging=paging,
        min_group_size=min_group_size,
    )
    return TrendPage(
        items=items,
        page=paging.page,
        page_size=paging.page_size,
        total=total,
        min_group_size=min_group_size,
    )


@router.get(".csv", response_class=StreamingResponse)
async def download_trend(
    viewer: ClientViewer,
    request: Request,
    dimension: DimensionQuery = Dimension.DAY,
    since: SinceQuery = None,
    until: UntilQuery = None,
) -> StreamingResponse:
    tenant_id, min_group_size = tenant_of(viewer), _min_group_size(request)

    async def read_page(session: AsyncSession, paging: Paging) -> list[list[Any]]:
        items, _ = await service.trend_page(
            session,
            tenant_id=tenant_id,
            dimension=dimension,
            since=since,
            until=until,
            paging=paging,
            min_group_size=min_group_size,
        )
        return [list(item.model_dump(mode="json").values()) for item in items]

    return csv_download(
        request,
        filename=f"trend-{dimension.value}.csv",
        header=list(TrendRow.model_fields),
        read_page=read_page,
    )
