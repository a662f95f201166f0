"""Tenant isolation: on every route of the API, an admin of client A can neither read nor
change anything of client B."""

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from accounts.clients.models import Client
from accounts.testing import api_routes, last_link, logged_in, signed_up
from accounts.users.models import User
from chassis.database import Database

B_ORGANISATION = "Bee-Secret-Org"
B_NAME = "Beatrice Secretname"

BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/signup"): {
        "organisation_name": "X",
        "email": "{b_email}",
        "password": "long enough pw 1",
    },
    ("POST", "/auth/login"): {"email": "{b_email}", "password": "wrong password 1"},
    ("POST", "/auth/password-reset"): {"email": "{a_email}"},
    ("POST", "/auth/password-reset/confirm"): {
        "token": "{b_token}",
        "password": "long enough pw 1",
    },
    ("POST", "/auth/invitations/accept"): {
        "token": "{b_token}",
        "name": "Evil",
        "password": "long enough pw 1",
    },
    ("POST", "/auth/verify-email"): {"token": "{b_token}"},
    ("POST", "/auth/verify-new-email"): {"token": "{b_token}"},
    ("PATCH", "/me"): {"name": "A's own name"},
    ("POST", "/me/email"): {"email": "{b_email}"},
    ("PATCH", "/client/settings"): {"time_zone": "Europe/Riga"},
    ("POST", "/users"): {"email": "{b_email}", "role": "viewer"},
    ("PATCH", "/users/{user_id}"): {"role": "viewer"},
}
"""Each route's most dangerous body: aimed at B's people, tokens and ids."""


def filled(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {key: filled(item, names) for key, item in value.items()}
    return value.format(**names) if isinstance(value, str) else value


async def state_of(database: Database, tenant_id: Any) -> list[Any]:
    async with database.sessions() as session:
        client = await session.get(Client, tenant_id)
        users = (await session.scalars(select(User).where(User.tenant_id == tenant_id))).all()
        assert client is not None
        return [
            (
                client.organisation_name,
                client.time_zone,
                client.language,
                client.offboarding_requested_at,
            ),
            sorted(
                (u.id, u.email, u.name, u.role, u.password_hash, u.email_verified_at) for u in users
            ),
        ]


async def test_a_user_of_client_a_reaches_nothing_of_client_b_on_any_route(
    api: httpx.AsyncClient, app: FastAPI, database: Database, email: str
) -> None:
    a_email, b_email = "a-" + email, "b-" + email
    await signed_up(api, database, email=a_email)
    b_tenant, b_admin = await signed_up(
        api, database, email=b_email, organisation=B_ORGANISATION, name=B_NAME
    )
    b_headers = await logged_in(api, email=b_email)
    b_invited = "b-invited-" + email
    invited = await api.post(
        "/users", json={"email": b_invited, "role": "editor"}, headers=b_headers
    )
    b_invited_id = invited.json()["id"]
    b_token = await last_link(database, address=b_invited, template="client_invitation")
    guessed_token = "g" * 43  # link tokens are capabilities: A can only guess B's
    a_headers = await logged_in(api, email=a_email)
    api.cookies.clear()
    before = await state_of(database, b_tenant)

    routes = api_routes(app)
    assert len(routes) >= 20
    secrets_of_b = [B_ORGANISATION, B_NAME, b_invited, str(b_tenant)]
    for method, template in routes:
        for target in (str(b_admin), b_invited_id):
            names = {
                "a_email": a_email,
                "b_email": b_email,
                "b_token": guessed_token,
                "user_id": target,
            }
            path = template.replace("{user_id}", target)
            body = filled(BODIES.get((method, template)), names)
            response = await api.request(method, path, json=body, headers=a_headers)
            assert response.status_code < 500, (method, template, response.text)
            for secret in secrets_of_b:
                assert secret not in response.text, (method, template, secret)
            if "{user_id}" in template:
                assert response.status_code == 404, (method, template)
            if template != "/users/{user_id}":
                break
        api.cookies.clear()

    assert await state_of(database, b_tenant) == before
    # B's invitation token was aimed at by A's requests and survived unused.
    accepted = await api.post(
        "/auth/invitations/accept",
        json={"token": b_token, "name": "Bo", "password": "long enough pw 1"},
    )
    assert accepted.status_code in (204, 400)
