from datetime import timedelta
from functools import cache
from typing import ClassVar

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from chassis.settings import MessagingOptions, ServiceSettings
from privacy.backups.options import BackupOptions
from privacy.breaches.options import BreachOptions
from privacy.offboarding.options import OffboardingOptions
from privacy.policies.options import PolicyOptions
from privacy.retention.options import RetentionOptions


class RequestOptions(BaseModel):
    """How data-subject requests are run (``PRIVACY_REQUESTS__<NAME>``)."""

    email_grace_days: int = Field(default=30, ge=0)
    """A subject's email is forgotten this many days after their request closes."""
    cooling_off_minutes: int = Field(default=0, ge=0)
    """An approved erasure waits this long (still cancellable) before its point of no return."""
    auto_approve_verified_client_users: bool = False
    """A client user's verified request about their own data needs no privacy officer."""
    verification_code_minutes: int = Field(default=30, ge=1)
    verification_attempts: int = Field(default=5, ge=1)
    intakes_per_address_per_hour: int = Field(default=5, ge=1)
    """Public forms one address may send in an hour (more are 429)."""
    export_link_days: int = Field(default=14, ge=1)
    """An export's download link expires, and its archive is purged, after this many days."""
    job_reply_timeout_seconds: float = Field(default=30.0, gt=0)
    """A job with no reply this long after dispatch is failed and retried with backoff."""
    job_backoff_seconds: tuple[float, ...] = (5.0, 30.0, 120.0, 600.0, 3600.0)


class Settings(ServiceSettings):
    service_name: ClassVar[str] = "privacy"
    model_config = SettingsConfigDict(
        env_prefix="PRIVACY_", extra="ignore", env_nested_delimiter="__"
    )

    messaging: MessagingOptions = MessagingOptions(consumer_concurrency=1)
    """One batch at a time: every reply appends to the one audit chain, so batches in parallel
    would only wait for each other (and deadlock on a request's row against the chain)."""
    requests: RequestOptions = RequestOptions()
    retention: RetentionOptions = RetentionOptions()
    offboarding: OffboardingOptions = OffboardingOptions()
    breaches: BreachOptions = BreachOptions()
    policies: PolicyOptions = PolicyOptions()
    backups: BackupOptions = BackupOptions()
    download_link_key: SecretStr | None = None
    """``PRIVACY_DOWNLOAD_LINK_KEY``: base64 of 32 bytes; signs export download links."""
    public_base_url: str = "https://localhost:8443"
    """Where people reach Soket: links in notices start here."""
    data_protection_contact: str = "privacy@soket.ee"
    supervisory_authority: str = "Andmekaitse Inspektsioon (AKI), https://www.aki.ee"
    scheduler_interval_seconds: float = Field(default=1.0, gt=0)

    @property
    def email_grace(self) -> timedelta:
        return timedelta(days=self.requests.email_grace_days)


@cache
def process_settings() -> Settings:
    """This process's settings, read from the environment once (for event handlers)."""
    return Settings()
