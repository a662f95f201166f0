"""The privacy API and handlers over this run's migrated ``privacy`` database."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from chassis.database import Database
from chassis.testing.auth import TestTokens
from privacy.main import create_app
from privacy.settings import Settings
from soket_cli.pytest_infrastructure import TestInfrastructure

from .consent_support import ClientUser, grant, known_user


class FixedClock:
    """A clock tests move by hand: ``clock.now = …`` or ``clock.advance(days=3)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def settings(infrastructure: TestInfrastructure) -> Settings:
    return Settings()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.database_url, pool_size=4)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
async def app(settings: Settings, clock: FixedClock) -> AsyncIterator[FastAPI]:
    app = create_app(settings)
    app.state.clock = clock
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
def tokens(app: FastAPI) -> TestTokens:
    return TestTokens.install(app)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://privacy") as client:
        yield client


@pytest.fixture
async def client_user(database: Database, settings: Settings, tokens: TestTokens) -> ClientUser:
    """A client user privacy knows of, who has given no consent yet."""
    return await known_user(database, settings, tokens)


@pytest.fixture
async def consenting_user(client: httpx.AsyncClient, client_user: ClientUser) -> ClientUser:
    """A client user privacy knows of, whose product news grant stands."""
    assert (await grant(client, client_user)).status_code == 201
    return client_user
