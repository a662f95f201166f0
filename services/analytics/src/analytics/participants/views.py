from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, status
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.csv_download import csv_download
from analytics.paging import Paging, PagingDep
from analytics.participants import service
from analytics.participants.schemas import ParticipantPage, ParticipantStatistics
from analytics.tenancy import tenant_of
from chassis.auth.dependencies import ClientViewer
from chassis.database import SessionDep

router = APIRouter(prefix="/statistics/participants", tags=["participants"])

SubjectRefPath = Annotated[str, Path(pattern=r"^[A-Za-z2-7]{52}(?:====)?$")]


@router.get("")
async def list_participants(
    viewer: ClientViewer, session: SessionDep, paging: PagingDep
) -> ParticipantPage:
    items, total = await service.participant_page(
        session, tenant_id=tenant_of(viewer), paging=paging
    )
    return ParticipantPage(items=items, page=paging.page, page_size=paging.page_size, total=total)


@router.get(".csv", response_class=StreamingResponse)
async def download_participants(viewer: ClientViewer, request: Request) -> StreamingResponse:
    tenant_id = tenant_of(viewer)

    async def read_page(session: AsyncSession, paging: Paging) -> list[list[Any]]:
        items, _ = await service.participant_page(session, tenant_id=tenant_id, paging=paging)
        return [list(item.model_dump().values()) for item in items]

    return csv_download(
        request,
        filename="participants.csv",
        header=list(ParticipantStatistics.model_fields),
        read_page=read_page,
    )


@router.get("/{subject_ref}")
async def get_participant(
    subject_ref: SubjectRefPath, viewer: ClientViewer, session: SessionDep
) -> ParticipantStatistics:
    found = await service.participant_statistics(
        session, tenant_id=tenant_of(viewer), subject_ref=subject_ref
    )
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No statistics for this participant.")
    return found
