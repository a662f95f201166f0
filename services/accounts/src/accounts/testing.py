"""Helpers for accounts' tests (and the lead's cross-service ones): drive the API as people
do, and read the notices accounts asked delivery to send from its outbox."""

from typing import Any
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import httpx
from fastapi import FastAPI

from accounts.settings import Settings
from chassis.database import Database
from chassis.testing.outbox import outbox

TEST_COST = 4
"""bcrypt's cheapest cost keeps test suites fast; accounts' tests prove the real one is 12+."""
PASSWORD = "correct horse battery"  # noqa: S105 (a test password)


def settings_for_tests(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"bcrypt_cost": TEST_COST, "refresh_cookie_path": "/auth"}
    return Settings(**{**values, **overrides})


def client_for(app: FastAPI, *, client: tuple[str, int] = ("127.0.0.1", 123)) -> httpx.AsyncClient:
    """Secure cookies travel only over HTTPS: the client speaks to the app as https://."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=client), base_url="https://accounts.test"
    )


async def last_link(database: Database, *, address: str, template: str) -> str:
    """The token of the newest link emailed to ``address`` with ``template``."""
    notices = [
        envelope.data
        for envelope in await outbox(database, "accounts.notification.requested.v1")
        if envelope.data.address == address and envelope.data.template == template
    ]
    assert notices, f"no {template} notice to {address}"
    link: str = notices[-1].parameters["link"]
    return parse_qs(urlsplit(link).query)["token"][0]


async def signed_up(
    api: httpx.AsyncClient,
    database: Database,
    *,
    email: str,
    organisation: str = "Näidis OÜ",
    name: str | None = "Mari Maasikas",
) -> tuple[UUID, UUID]:
    """A client whose admin has verified their email: (tenant_id, user_id)."""
    body = {"organisation_name": organisation, "email": email, "password": PASSWORD, "name": name}
    response = await api.post("/signup", json=body)
    assert response.status_code == 201, response.text
    token = await last_link(database, address=email, template="email_verification")
    verified = await api.post("/auth/verify-email", json={"token": token})
    assert verified.status_code == 204, verified.text
    created = response.json()
    return UUID(created["tenant_id"]), UUID(created["user_id"])


async def logged_in(
    api: httpx.AsyncClient, *, email: str, password: str = PASSWORD
) -> dict[str, str]:
    """Authorization headers of a fresh login."""
    response = await api.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


PROBES = frozenset(
    {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/docs/oauth2-redirect"}
)


def api_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path template) of every route of the app's own API (not probes or docs)."""
    found: list[tuple[str, str]] = []
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        candidates = contexts() if contexts is not None else [route]
        for candidate in candidates:
            path = getattr(candidate, "path", None)
            methods = getattr(candidate, "methods", None) or set()
            if isinstance(path, str) and path not in PROBES:
                found += [(method, path) for method in sorted(methods) if method != "HEAD"]
    return found
