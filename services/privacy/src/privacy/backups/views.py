"""The record of backups (P13, Q9): names and dates only, no personal data (so not audited)."""

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.auth.dependencies import PrivacyOfficer
from chassis.database import SessionDep
from privacy.backups.models import BackupRecord
from privacy.backups.schemas import BackupOut, BackupPage
from privacy.requests.paging import Paging, PagingDep

router = APIRouter(tags=["backups"])

KeptFilter = Annotated[
    bool | None,
    Query(description="true: only the backups not deleted; false: only the deleted"),
]


@router.get("/backups")
async def list_backups(
    _officer: PrivacyOfficer, session: SessionDep, paging: PagingDep, kept: KeptFilter = None
) -> BackupPage:
    """Every backup on record, newest first."""
    async with session.begin():
        rows, total = await _backup_page(session, paging=paging, kept=kept)
    return BackupPage(
        items=[BackupOut.model_validate(row) for row in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


async def _backup_page(
    session: AsyncSession, *, paging: Paging, kept: bool | None
) -> tuple[list[BackupRecord], int]:
    query = select(BackupRecord)
    if kept is not None:
        deleted = BackupRecord.deleted_at.is_not(None)
        query = query.where(~deleted if kept else deleted)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(
        query.order_by(BackupRecord.taken_at.desc(), BackupRecord.name.desc())
        .offset(paging.offset)
        .limit(paging.page_size)
    )
    return list(rows), int(total or 0)
