from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator


class PolicyOptions(BaseModel):
    """How privacy policy versions are published (``PRIVACY_POLICIES__<NAME>``)."""

    notice_days: int = Field(default=30, ge=0)
    """A version takes effect at least this many days after it is published (Q13)."""
    time_zone: str = "Europe/Tallinn"
    """A version takes effect at midnight of its effective date in this time zone."""
    page_path: str = "/privacy-policy"
    """Where the web app shows a version: the emailed link is
    ``<public_base_url><page_path>/<label>``."""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value
