"""Settings every service process reads, from the environment (pydantic-settings).

Shared variables (unprefixed): ``POSTGRES_URL`` (the server, no database), ``RABBITMQ_URL``,
``SOKET_ENVIRONMENT``, ``SOKET_LOG_LEVEL``, ``SOKET_DATABASE_PREFIX``, ``SOKET_PROBE_PORT``.
A service's own variables carry its prefix (``ACCOUNTS_DATABASE_URL``) and win over the
shared ones.
"""

import os
from typing import ClassVar, Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

Environment = Literal["development", "test", "production"]

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432"
DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"


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


class ServiceSettings(BaseSettings):
    """A service's settings. Subclasses set ``service_name`` and ``env_prefix``."""

    service_name: ClassVar[str]
    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = ""
    rabbitmq_url: str = ""
    environment: Environment = "development"
    log_level: str = "INFO"
    probe_host: str = "127.0.0.1"
    probe_port: int = 0
    database_pool_size: int = 10

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
        return self
