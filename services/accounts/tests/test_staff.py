"""Platform staff: ``./soket admin create-privacy-officer EMAIL`` makes a privacy officer,
who is tied to no client and cannot read clients' data through accounts' API (Q15)."""

import asyncio
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest

from accounts.testing import logged_in, signed_up
from chassis.database import Database
from soket_cli.__main__ import main as soket

OFFICER_PASSWORD = "officer's own secret"


async def test_a_privacy_officer_sets_a_password_signs_in_and_sees_no_client_data(
    api: httpx.AsyncClient, database: Database, email: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tenant_id, client_user = await signed_up(api, database, email="client-" + email)
    officer = "dpo-" + email
    assert await asyncio.to_thread(soket, ["admin", "create-privacy-officer", officer]) == 0
    link = capsys.readouterr().out.strip().splitlines()[-1]
    assert link.startswith("https://localhost:8443/reset-password?token=")
    token = parse_qs(urlsplit(link).query)["token"][0]

    assert (
        await api.post("/auth/login", json={"email": officer, "password": "x" * 12})
    ).status_code == 401
    body = {"token": token, "password": OFFICER_PASSWORD}
    assert (await api.post("/auth/password-reset/confirm", json=body)).status_code == 204
    headers = await logged_in(api, email=officer, password=OFFICER_PASSWORD)
    claims = jwt.decode(headers["Authorization"][7:], options={"verify_signature": False})
    assert (claims["tid"], claims["roles"]) == (None, ["privacy_officer"])

    me = (await api.get("/me", headers=headers)).json()
    assert (me["tenant_id"], me["role"]) == (None, "privacy_officer")
    for method, path in [
        ("GET", "/client"),
        ("GET", "/users"),
        ("GET", f"/users/{client_user}"),
        ("PATCH", "/client/settings"),
        ("POST", "/client/offboarding"),
        ("DELETE", f"/users/{client_user}"),
    ]:
        response = await api.request(method, path, headers=headers, json={})
        assert response.status_code == 403, (method, path)
    assert str(tenant_id) not in response.text


async def test_the_command_refuses_a_client_users_address_and_bad_input(
    api: httpx.AsyncClient, database: Database, email: str, capsys: pytest.CaptureFixture[str]
) -> None:
    await signed_up(api, database, email=email)
    assert await asyncio.to_thread(soket, ["admin", "create-privacy-officer", email]) == 1
    assert "client's user" in capsys.readouterr().err
    assert await asyncio.to_thread(soket, ["admin", "create-privacy-officer", "not-an-email"]) == 1
    assert "not a valid email" in capsys.readouterr().err
