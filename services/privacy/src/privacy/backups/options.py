from pydantic import BaseModel


class BackupOptions(BaseModel):
    """Backups of every database (``PRIVACY_BACKUPS__<NAME>``)."""
