"""pytest plugin: fresh databases and an isolated RabbitMQ vhost for each test run.

Uses the real PostgreSQL and RabbitMQ named by ``POSTGRES_URL`` and ``RABBITMQ_URL`` (or the
local ones, started if stopped). Missing infrastructure ends the run with a message that
says what to start: nothing is skipped.
"""

import asyncio
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

from chassis.migrations import drop_database
from chassis.privacy.keys import generate_development_keys
from chassis.settings import service_database_url
from soket_cli.databases import prepare_databases
from soket_cli.infrastructure import (
    InfrastructureMissingError,
    create_vhost,
    delete_vhost,
    ensure_infrastructure,
)
from soket_cli.layout import SERVICES


@dataclass(frozen=True)
class TestInfrastructure:
    """What one test run owns: its database prefix and its vhost."""

    __test__ = False

    postgres_url: str
    rabbitmq_url: str
    database_prefix: str
    vhost: str | None


def _with_vhost(url: str, vhost: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(vhost, safe="")))


@pytest.fixture(scope="session")
def infrastructure() -> Iterator[TestInfrastructure]:
    try:
        found = ensure_infrastructure()
    except InfrastructureMissingError as error:
        pytest.exit(f"Soket's tests need real infrastructure: {error}", returncode=3)
    run_id = f"t{os.getpid()}_{secrets.token_hex(3)}"
    prefix = f"soket_{run_id}_"
    vhost = f"soket_{run_id}"
    has_vhost = create_vhost(vhost, user=urlsplit(found.rabbitmq_url).username or "guest")
    rabbitmq_url = _with_vhost(found.rabbitmq_url, vhost) if has_vhost else found.rabbitmq_url
    keys = generate_development_keys()
    saved = {key: os.environ.get(key) for key in (*_ENVIRONMENT_KEYS, *keys)}
    os.environ.update(
        {
            "POSTGRES_URL": found.postgres_url,
            "RABBITMQ_URL": rabbitmq_url,
            "SOKET_DATABASE_PREFIX": prefix,
            "SOKET_ENVIRONMENT": "test",
            **keys,
        }
    )
    for service in SERVICES:
        os.environ.pop(f"{service.upper()}_DATABASE_URL", None)
    try:
        prepare_databases(quiet=True)
        yield TestInfrastructure(
            postgres_url=found.postgres_url,
            rabbitmq_url=rabbitmq_url,
            database_prefix=prefix,
            vhost=vhost if has_vhost else None,
        )
    finally:
        for service in SERVICES:
            asyncio.run(drop_database(service_database_url(service)))
        if has_vhost:
            delete_vhost(vhost)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


_ENVIRONMENT_KEYS = (
    "POSTGRES_URL",
    "RABBITMQ_URL",
    "SOKET_DATABASE_PREFIX",
    "SOKET_ENVIRONMENT",
    *(f"{service.upper()}_DATABASE_URL" for service in SERVICES),
)
