from pydantic import BaseModel, Field


class RetentionOptions(BaseModel):
    """How retention runs (``PRIVACY_RETENTION__<NAME>``)."""

    run_interval_seconds: float = Field(default=24 * 3600.0, gt=0)
    """Each policy's run starts at most once in this long (a day)."""
    max_period_days: int = Field(default=3650, ge=1)
    """The longest period a policy or a client's setting may keep data (ten years)."""
