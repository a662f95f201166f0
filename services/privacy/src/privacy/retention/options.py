from pydantic import BaseModel


class RetentionOptions(BaseModel):
    """How retention runs (``PRIVACY_RETENTION__<NAME>``)."""
