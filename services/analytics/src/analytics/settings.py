from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings

BATCH_LINGER_SECONDS = 0.05
"""Batches linger up to 50 ms unless set otherwise: every batch of an assessment's answers
adds to the same totals rows, so fewer, larger batches keep up better."""
CONCURRENCY = 2
"""Two batches at once unless set otherwise (the chassis's default is 4): one is computed
while the other waits for the database, and no more queue for the same totals rows."""
BATCH_SIZE = 500
PREFETCH = 1000
"""A batch takes up to 500 messages (the chassis's default is 100), out of 1,000 held per
channel: when messages pile up, batches grow, and a larger batch costs less per message."""


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "analytics"
    model_config = SettingsConfigDict(env_prefix="ANALYTICS_", extra="ignore")

    min_group_size: int = Field(default=3, ge=1)
    """``ANALYTICS_MIN_GROUP_SIZE``: a breakdown by group or topic with fewer respondents
    than this is withheld."""

    @model_validator(mode="after")
    def _fewer_larger_batches(self) -> "Settings":
        defaults = {
            "consumer_batch_linger_seconds": BATCH_LINGER_SECONDS,
            "consumer_concurrency": CONCURRENCY,
            "consumer_batch_size": BATCH_SIZE,
            "consumer_prefetch": PREFETCH,
        }
        given = self.messaging.model_fields_set
        update = {name: value for name, value in defaults.items() if name not in given}
        if update:
            self.messaging = self.messaging.model_copy(update=update)
        return self
