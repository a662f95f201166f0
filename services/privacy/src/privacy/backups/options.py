from pydantic import BaseModel, Field


class BackupOptions(BaseModel):
    """Backups of every database (``PRIVACY_BACKUPS__<NAME>``)."""

    keep_days: int = Field(default=60, ge=1)
    """A backup is deleted by the first ``./soket backup`` run this many days after it was
    taken: data erased from the live databases leaves every backup within this time (Q9)."""
    folder: str = ""
    """Where ``./soket backup`` writes; empty means ``backups/`` in the state folder
    (``.soket/``, git-ignored)."""
