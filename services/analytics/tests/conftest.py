"""The analytics API and handlers over this run's migrated ``analytics`` database."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from analytics.main import create_app
from analytics.settings import Settings
from chassis.database import Database
from chassis.testing.auth import TestTokens
from soket_cli.pytest_infrastructure import TestInfrastructure


@pytest.fixture
def settings(infrastructure: TestInfrastructure) -> Settings:
    return Settings()


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.database_url, pool_size=4)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
def tokens(app: FastAPI) -> TestTokens:
    return TestTokens.install(app)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://analytics") as client:
        yield client
