from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, Field
from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings

DEFAULT_WORDLIST = Path(__file__).parent / "content" / "wordlist.txt"


class SchedulerOptions(BaseModel):
    """How the scheduler process plans and issues dispatches."""

    poll_seconds: float = Field(default=5.0, gt=0)
    batch_size: int = Field(default=200, ge=1, le=5000)
    """Dispatches one replica claims and issues in one transaction."""
    max_lateness_seconds: float = Field(default=2 * 3600.0, ge=0)
    """A send missed (say, during downtime) still goes this late, and never later."""
    reminder_interval_hours: float = Field(default=24.0, gt=0)


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "assessments"
    model_config = SettingsConfigDict(env_prefix="ASSESSMENTS_", extra="ignore")

    public_base_url: str = "https://localhost:8443"
    """Where participants open their answer links (the gateway serves ``/a/…``)."""
    answer_token_ttl_hours: float = Field(default=7 * 24.0, gt=0)
    """How long a daily question's link works; a quiz's link works until the quiz closes."""
    content_wordlist_path: Path = DEFAULT_WORDLIST
    """Words (one a line, Estonian and English) that questions and options may not contain."""
    token_guess_limit: int = Field(default=20, ge=1)
    """Unknown answer tokens one address may try per minute before it is throttled."""
    import_max_rows: int = Field(default=50_000, ge=1)
    scheduler: SchedulerOptions = SchedulerOptions()
