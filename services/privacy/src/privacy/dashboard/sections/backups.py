"""Backups of every database (P13, Q9): the latest, and how many are kept."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.backups.models import BackupRecord
from privacy.dashboard.schemas import BackupsSection, LatestBackup

B = BackupRecord
KEPT_LINK = "/backups?kept=true"


async def backups_section(session: AsyncSession) -> BackupsSection:
    row = (
        await session.execute(
            select(B.name, B.taken_at, B.expires_at, func.count().over().label("kept"))
            .where(B.deleted_at.is_(None))
            .order_by(B.taken_at.desc(), B.name.desc())
            .limit(1)
        )
    ).one_or_none()
    if row is None:
        return BackupsSection(kept=0, latest=None, link=KEPT_LINK)
    return BackupsSection(
        kept=row.kept,
        latest=LatestBackup(name=row.name, taken_at=row.taken_at, expires_at=row.expires_at),
        link=KEPT_LINK,
    )
