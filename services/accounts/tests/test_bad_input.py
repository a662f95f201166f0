"""Bad input on every route gets a clear 4xx, and nothing is half-written."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from accounts.models import Client, LoginFailure, RefreshToken, SingleUseToken, User
from accounts.testing import api_routes, logged_in, signed_up
from chassis.database import Database
from chassis.messaging.tables import outbox_message

BAD_BODIES: list[Any] = [
    "not json at all",
    [],
    {"unexpected": "field"},
    {"email": 42, "password": None, "token": [], "role": "owner", "name": "", "time_zone": 7},
    {"email": "a@b", "password": "x" * 80, "token": "short", "role": "admin", "name": "x" * 300},
]

TAKE_NO_BODY = frozenset({"/auth/refresh", "/auth/logout", "/client/offboarding"})
"""Routes with nothing to send wrong (the refresh cookie is checked in test_login_flow)."""


async def row_counts(database: Database) -> dict[str, int]:
    tables = [Client, User, SingleUseToken, RefreshToken, LoginFailure]
    async with database.sessions() as session:
        counts = {
            table.__tablename__: int(
                await session.scalar(select(func.count()).select_from(table)) or 0
            )
            for table in tables
        }
        outbox_rows = await session.scalar(select(func.count()).select_from(outbox_message))
    return {**counts, "outbox_message": int(outbox_rows or 0)}


@pytest.fixture
async def admin(api: httpx.AsyncClient, database: Database, email: str) -> dict[str, str]:
    await signed_up(api, database, email=email)
    headers = await logged_in(api, email=email)
    api.cookies.clear()
    return headers


async def test_every_route_answers_bad_bodies_with_a_4xx_and_writes_nothing(
    api: httpx.AsyncClient, app: FastAPI, database: Database, admin: dict[str, str]
) -> None:
    before = await row_counts(database)
    checked = 0
    for method, template in api_routes(app):
        if method not in {"POST", "PATCH"} or template in TAKE_NO_BODY:
            continue
        path = template.replace("{user_id}", "00000000-0000-7000-8000-000000000000")
        for body in BAD_BODIES:
            if isinstance(body, str):
                response = await api.request(
                    method,
                    path,
                    content=body,
                    headers={**admin, "Content-Type": "application/json"},
                )
            else:
                response = await api.request(method, path, json=body, headers=admin)
            assert 400 <= response.status_code < 500, (method, template, body, response.text)
            assert response.json()["detail"], (method, template)
            checked += 1
    assert checked >= 40
    after = await row_counts(database)
    assert after == before


async def test_bad_path_and_query_parameters_are_422(
    api: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = await api.request(
            method, "/users/not-a-uuid", json={"role": "viewer"}, headers=admin
        )
        assert response.status_code == 422
    for params in ({"limit": 0}, {"limit": 10_000}, {"after": "yesterday"}):
        assert (await api.get("/users", params=params, headers=admin)).status_code == 422


async def test_a_failed_step_leaves_no_half_of_a_signup(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    """The second signup with an address fails whole: no second client is left behind."""
    await signed_up(api, database, email=email)
    before = await row_counts(database)
    again = await api.post(
        "/signup",
        json={"organisation_name": "Teine OÜ", "email": email, "password": "long enough pw 1"},
    )
    assert again.status_code == 409
    assert await row_counts(database) == before
