from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.backups.models import BackupRecord


async def record_backup(
    session: AsyncSession, *, name: str, taken_at: datetime, expires_at: datetime
) -> None:
    """Puts the backup on record (again is harmless: the first record stays)."""
    await session.execute(
        insert(BackupRecord)
        .values(name=name, taken_at=taken_at, expires_at=expires_at)
        .on_conflict_do_nothing(index_elements=[BackupRecord.name])
    )


async def mark_deleted(session: AsyncSession, *, names: Collection[str], at: datetime) -> int:
    """Records the deletion of these backups; how many records changed."""
    if not names:
        return 0
    result = await session.execute(
        update(BackupRecord)
        .where(BackupRecord.name.in_(list(names)), BackupRecord.deleted_at.is_(None))
        .values(deleted_at=at)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def last_backup_expiry(session: AsyncSession, *, taken_before: datetime) -> datetime | None:
    """When the last backup taken before that moment, and not yet deleted, expires: after it,
    no backup holds what was erased at ``taken_before``. None when no such backup exists."""
    latest = await session.execute(
        select(func.max(BackupRecord.expires_at)).where(
            BackupRecord.taken_at < taken_before, BackupRecord.deleted_at.is_(None)
        )
    )
    return latest.scalar_one_or_none()
