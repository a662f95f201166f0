"""Settings come from the environment; a service's own variables win over shared ones."""

from typing import ClassVar

import pytest
from pydantic_settings import SettingsConfigDict

from chassis.settings import ServiceSettings


class ExampleSettings(ServiceSettings):
    service_name: ClassVar[str] = "example"
    model_config = SettingsConfigDict(env_prefix="EXAMPLE_", extra="ignore")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in (
        "POSTGRES_URL",
        "RABBITMQ_URL",
        "SOKET_DATABASE_PREFIX",
        "SOKET_ENVIRONMENT",
        "SOKET_PROBE_PORT",
        "EXAMPLE_DATABASE_URL",
        "EXAMPLE_RABBITMQ_URL",
    ):
        monkeypatch.delenv(key, raising=False)


def test_defaults_point_at_local_infrastructure_and_the_services_own_database() -> None:
    settings = ExampleSettings()
    assert settings.database_url == "postgresql+asyncpg://postgres@127.0.0.1:5432/soket_example"
    assert settings.rabbitmq_url == "amqp://guest:guest@127.0.0.1:5672/"
    assert settings.environment == "development"


def test_shared_variables_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTGRES_URL", "postgresql://app:pw@db.internal:6543")
    monkeypatch.setenv("RABBITMQ_URL", "amqp://u:p@mq.internal:5672/soket")
    monkeypatch.setenv("SOKET_DATABASE_PREFIX", "staging_")
    monkeypatch.setenv("SOKET_ENVIRONMENT", "production")
    monkeypatch.setenv("SOKET_PROBE_PORT", "9100")
    settings = ExampleSettings()
    assert settings.database_url == "postgresql+asyncpg://app:pw@db.internal:6543/staging_example"
    assert settings.rabbitmq_url == "amqp://u:p@mq.internal:5672/soket"
    assert settings.environment == "production"
    assert settings.probe_port == 9100


def test_the_services_prefixed_variables_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTGRES_URL", "postgresql://app@db.internal:5432")
    monkeypatch.setenv("EXAMPLE_DATABASE_URL", "postgresql+asyncpg://own@db.own:5432/mine")
    monkeypatch.setenv("EXAMPLE_RABBITMQ_URL", "amqp://own@mq.own:5672/")
    settings = ExampleSettings()
    assert settings.database_url == "postgresql+asyncpg://own@db.own:5432/mine"
    assert settings.rabbitmq_url == "amqp://own@mq.own:5672/"


def test_an_unknown_environment_name_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOKET_ENVIRONMENT", "prod")
    with pytest.raises(ValueError, match="environment"):
        ExampleSettings()
