"""What the backups API gives: the record of backups, never their content."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class BackupOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    taken_at: datetime
    expires_at: datetime
    """By then ``./soket backup`` deletes it (Q9)."""
    deleted_at: datetime | None
    """None while it is kept."""


class BackupPage(BaseModel):
    items: list[BackupOut]
    total: int
    page: int
    page_size: int
