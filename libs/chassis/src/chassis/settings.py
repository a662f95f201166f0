"""Settings every service process reads, from the environment (pydantic-settings).

Shared variables (unprefixed): ``POSTGRES_URL`` (the server, no database), ``RABBITMQ_URL``,
``SOKET_ENVIRONMENT``, ``SOKET_LOG_LEVEL``, ``SOKET_DATABASE_PREFIX``, ``SOKET_PROBE_PORT``.
A service's own variables carry its prefix (``ACCOUNTS_DATABASE_URL``) and win over the
shared ones.
"""

import os
from typing import ClassVar, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

Environment = Literal["development", "test", "production"]

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432"
DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_JWKS_URL = "http://127.0.0.1:8010/.well-known/jwks.json"


class SharedSettings(BaseSettings):
    """Where the shared infrastructure is and how every process behaves."""

    model_config = SettingsConfigDict(extra="ignore")

    postgres_url: str = DEFAULT_POSTGRES_URL
    rabbitmq_url: str = DEFAULT_RABBITMQ_URL
    soket_environment: Environment = "development"
    soket_log_level: str = "INFO"
    soket_database_prefix: str = "soket_"
    soket_probe_port: int = 9000
    soket_probe_host: str = "127.0.0.1"
    subject_ref_key: SecretStr | None = None
    """``SUBJECT_REF_KEY``: base64 of the 32-byte HMAC key behind every ``subject_ref``."""
    soket_jwks_url: str = DEFAULT_JWKS_URL
    """Where accounts publishes the keys of access tokens (``SOKET_JWKS_URL``)."""


def database_name(service: str, prefix: str) -> str:
    """The name of a service's own database, e.g. ``soket_accounts``."""
    return f"{prefix}{service}"


def service_database_url(service: str) -> str:
    """``<SERVICE>_DATABASE_URL`` when set, else the service's database on ``POSTGRES_URL``."""
    explicit = os.environ.get(f"{service.upper()}_DATABASE_URL")
    if explicit:
        return explicit
    shared = SharedSettings()
    return async_database_url(
        shared.postgres_url, database_name(service, shared.soket_database_prefix)
    )


def async_database_url(server_url: str, database: str) -> str:
    """``postgresql://u@h:p`` + ``db`` → ``postgresql+asyncpg://u@h:p/db``."""
    url = make_url(server_url).set(drivername="postgresql+asyncpg", database=database)
    return url.render_as_string(hide_password=False)


class MessagingOptions(BaseModel):
    """How a service's relay and worker behave, and the shape of its queues."""

    relay_batch_size: int = Field(default=500, ge=1, le=5000)
    relay_poll_seconds: float = Field(default=1.0, gt=0)
    outbox_retention_seconds: float = Field(default=3600.0, ge=0)
    """Published outbox rows are purged this long after publishing."""
    inbox_retention_seconds: float = Field(default=7 * 24 * 3600.0, gt=0)
    consumer_prefetch: int = Field(default=200, ge=1, le=2000)
    consumer_batch_size: int = Field(default=100, ge=1, le=1000)
    """Messages that arrived together are handled in one transaction, up to this many."""
    consumer_batch_linger_seconds: float = Field(default=0.005, ge=0, le=1)
    """How long a batch waits for more messages once its first has come."""
    consumer_concurrency: int = Field(default=4, ge=1, le=64)
    """Batches handled at once per subscription, each in its own transaction."""
    retry_delays: tuple[float, ...] = Field(default=(1.0, 10.0, 60.0, 600.0), min_length=1)
    dead_letter_ttl_seconds: float = Field(default=14 * 24 * 3600.0, gt=0)
    """Dead letters, and events nobody consumed, expire after this."""
    delivery_limit: int = Field(default=20, ge=5)
    """RabbitMQ 3.10 counts a dropped connection as a delivery: a high backstop, never retries."""


class AuthOptions(BaseModel):
    """How a service verifies access tokens."""

    jwks_url: str = ""
    """Accounts' JWKS; the shared ``SOKET_JWKS_URL`` unless set here."""
    jwks_max_age_seconds: float = Field(default=300.0, gt=0)
    jwks_min_refresh_seconds: float = Field(default=10.0, ge=0)
    """An unknown key id fetches the JWKS again at most this often."""


class ServiceSettings(BaseSettings):
    """A service's settings. Subclasses set ``service_name`` and ``env_prefix``."""

    service_name: ClassVar[str]
    model_config = SettingsConfigDict(extra="ignore", env_nested_delimiter="__")

    database_url: str = ""
    rabbitmq_url: str = ""
    environment: Environment = "development"
    log_level: str = "INFO"
    probe_host: str = "127.0.0.1"
    probe_port: int = 0
    database_pool_size: int = 10
    messaging: MessagingOptions = MessagingOptions()
    auth: AuthOptions = AuthOptions()
    subject_ref_key: SecretStr | None = None
    """Base64 HMAC key of ``subject_ref``; the shared ``SUBJECT_REF_KEY`` unless set here."""
    receipt_signing_key: SecretStr | None = None
    """``<SERVICE>_RECEIPT_SIGNING_KEY``: base64 of the 32-byte Ed25519 seed signing receipts."""

    @model_validator(mode="after")
    def _fill_from_shared(self) -> "ServiceSettings":
        shared = SharedSettings()
        explicit = self.model_fields_set
        if not self.database_url:
            self.database_url = service_database_url(self.service_name)
        if not self.rabbitmq_url:
            self.rabbitmq_url = shared.rabbitmq_url
        if "environment" not in explicit:
            self.environment = shared.soket_environment
        if "log_level" not in explicit:
            self.log_level = shared.soket_log_level
        if "probe_port" not in explicit:
            self.probe_port = shared.soket_probe_port
        if "probe_host" not in explicit:
            self.probe_host = shared.soket_probe_host
        if self.subject_ref_key is None:
            self.subject_ref_key = shared.subject_ref_key
        if not self.auth.jwks_url:
            self.auth = self.auth.model_copy(update={"jwks_url": shared.soket_jwks_url})
        return self
