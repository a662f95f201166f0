"""Repeated failed logins get 429 with Retry-After, per account and per address; the owner
is never locked out for good."""

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import update

from accounts.main import create_app
from accounts.testing import PASSWORD, client_for, settings_for_tests, signed_up
from accounts.throttling.models import LoginFailure
from chassis.database import Database

WRONG = "not the password at all"


@pytest.fixture(scope="module")
async def strict_app(app: FastAPI) -> AsyncIterator[FastAPI]:
    """Three failures per account, five per address, within a minute."""
    strict = create_app(
        settings_for_tests(
            login_failures_per_account=3,
            login_failures_per_address=5,
            login_failure_window_seconds=60,
        )
    )
    async with LifespanManager(strict):
        yield strict


async def login(
    api: httpx.AsyncClient, email: str, password: str, **headers: str
) -> httpx.Response:
    return await api.post(
        "/auth/login", json={"email": email, "password": password}, headers=headers
    )


async def forget_the_window(database: Database) -> None:
    """As if the window had passed: every failure so far is older than a minute."""
    async with database.sessions() as session, session.begin():
        await session.execute(
            update(LoginFailure).values(failed_at=LoginFailure.failed_at - timedelta(minutes=2))
        )


async def test_an_account_is_throttled_then_let_in_again(
    api: httpx.AsyncClient, strict_app: FastAPI, database: Database, email: str
) -> None:
    await signed_up(api, database, email=email)
    async with (
        client_for(strict_app, client=("198.51.100.1", 1000)) as first,
        client_for(strict_app, client=("198.51.100.2", 1000)) as elsewhere,
    ):
        for _ in range(3):
            assert (await login(first, email, WRONG)).status_code == 401
        throttled = await login(elsewhere, email, PASSWORD)  # another address, the right password
        assert throttled.status_code == 429
        assert 1 <= int(throttled.headers["Retry-After"]) <= 60
        await forget_the_window(database)
        assert (await login(elsewhere, email, PASSWORD)).status_code == 200


async def test_an_address_is_throttled_across_accounts(
    strict_app: FastAPI, database: Database
) -> None:
    async with client_for(strict_app, client=("203.0.113.9", 1000)) as api:
        for number in range(5):
            assert (await login(api, f"guess-{number}@example.ee", WRONG)).status_code == 401
        throttled = await login(api, "guess-99@example.ee", WRONG)
        assert throttled.status_code == 429
        assert "Retry-After" in throttled.headers
    await forget_the_window(database)


async def test_behind_the_gateway_the_forwarded_address_counts(
    strict_app: FastAPI, database: Database
) -> None:
    """The gateway (127.0.0.1) appends the client's address to X-Forwarded-For; a client
    elsewhere cannot pick its own address with that header."""
    async with client_for(strict_app, client=("127.0.0.1", 1000)) as gateway:
        for number in range(5):
            response = await login(
                gateway, f"fw-{number}@example.ee", WRONG, **{"X-Forwarded-For": "192.0.2.1"}
            )
            assert response.status_code == 401
        other_person = await login(
            gateway, "fw-x@example.ee", WRONG, **{"X-Forwarded-For": "6.6.6.6, 192.0.2.2"}
        )
        assert other_person.status_code == 401
        same_person = await login(
            gateway, "fw-y@example.ee", WRONG, **{"X-Forwarded-For": "6.6.6.6, 192.0.2.1"}
        )
        assert same_person.status_code == 429
    async with client_for(strict_app, client=("198.51.100.77", 1000)) as direct:
        for number in range(5):
            await login(
                direct, f"sp-{number}@example.ee", WRONG, **{"X-Forwarded-For": f"10.0.0.{number}"}
            )
        assert (await login(direct, "sp-x@example.ee", WRONG)).status_code == 429
    await forget_the_window(database)
