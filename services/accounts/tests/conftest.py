"""Accounts' API over its real, migrated database (the run's ``soket_t…_accounts``)."""

import secrets
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from accounts.main import create_app
from accounts.settings import Settings
from accounts.testing import client_for, settings_for_tests
from chassis.database import Database
from soket_cli.pytest_infrastructure import TestInfrastructure


@pytest.fixture(scope="session")
def settings(infrastructure: TestInfrastructure) -> Settings:
    return settings_for_tests()


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.database_url, pool_size=2)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with LifespanManager(application):
        yield application


@pytest.fixture
async def api(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """Secure cookies travel only over HTTPS: the client speaks to the app as https://."""
    async with client_for(app) as client:
        yield client


@pytest.fixture
def email() -> str:
    return f"rep-{secrets.token_hex(5)}@example.ee"
