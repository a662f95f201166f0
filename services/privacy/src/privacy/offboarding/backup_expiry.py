"""When the last backup that may still hold an erased client expires (P12, P13), from the
record of ``./soket backup`` runs (privacy/backups)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.backups.service import last_backup_expiry as recorded_expiry


@dataclass(frozen=True)
class BackupExpiry:
    expires_at: datetime | None
    """None: no backup taken before the erasure is kept, so none holds the client."""
    basis: str = "backup_record"


async def last_backup_expiry(session: AsyncSession, *, erased_at: datetime) -> BackupExpiry:
    return BackupExpiry(expires_at=await recorded_expiry(session, taken_before=erased_at))
