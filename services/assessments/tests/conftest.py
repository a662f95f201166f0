"""Fixtures: the assessments app over the run's real database, tokens it trusts, a clock."""

import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).parent))

from assessments_support import FakeClock, Tenant

from assessments.main import create_app
from assessments.settings import Settings
from chassis.database import Database
from chassis.testing.auth import TestTokens
from soket_cli.pytest_infrastructure import TestInfrastructure


@pytest.fixture(scope="session")
def settings(infrastructure: TestInfrastructure) -> Settings:
    return Settings(public_base_url="https://soket.test")


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.database_url, pool_size=5)
    yield database
    await database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def app(settings: Settings, clock: FakeClock) -> AsyncIterator[FastAPI]:
    app = create_app(settings, clock=clock)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
def tokens(app: FastAPI) -> TestTokens:
    return TestTokens.install(app)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://assessments") as client:
        yield client


@pytest.fixture
def tenant(tokens: TestTokens) -> Tenant:
    return Tenant(uuid.uuid4(), tokens)


@pytest.fixture
def other_tenant(tokens: TestTokens) -> Tenant:
    return Tenant(uuid.uuid4(), tokens)
