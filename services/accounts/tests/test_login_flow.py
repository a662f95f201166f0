"""Signup → verification → login → refresh → logout over HTTP, and the refresh cookie's rules.

Q14: nobody signs in before proving their address (the verification link)."""

import httpx
from sqlalchemy import select

from accounts.sessions.models import RefreshToken
from accounts.testing import PASSWORD, last_link, signed_up
from accounts.users.models import User
from chassis.database import Database
from chassis.testing.outbox import outbox


async def test_signup_verify_login_refresh_logout(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    """Q14: no login before the email is verified. P10: the only cookie, the refresh token's,
    is Secure (sent over TLS only), HttpOnly and SameSite=Strict."""
    signup = await api.post(
        "/signup",
        json={"organisation_name": "Näidis OÜ", "email": email.upper(), "password": PASSWORD},
    )
    assert signup.status_code == 201, signup.text
    tenant_id = signup.json()["tenant_id"]

    before_verification = await api.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert before_verification.status_code == 403
    assert "verify" in before_verification.json()["detail"].lower()

    token = await last_link(database, address=email, template="email_verification")
    assert (await api.post("/auth/verify-email", json={"token": token})).status_code == 204
    assert (await api.post("/auth/verify-email", json={"token": token})).status_code == 400

    login = await api.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    access = login.json()["access_token"]
    cookie = login.headers["set-cookie"]
    for attribute in ("HttpOnly", "Secure", "SameSite=strict", "Path=/auth"):
        assert attribute in cookie
    first_refresh = api.cookies["soket_refresh"]

    me = await api.get("/me", headers={"Authorization": f"Bearer {access}"})
    assert me.status_code == 200
    assert me.json()["email"] == email
    assert me.json()["tenant_id"] == tenant_id
    assert me.json()["role"] == "admin"

    refreshed = await api.post("/auth/refresh")
    assert refreshed.status_code == 200, refreshed.text
    assert api.cookies["soket_refresh"] != first_refresh
    assert refreshed.json()["access_token"] != access

    async with database.sessions() as session:
        user = await session.scalar(select(User).where(User.email == email))
        assert user is not None
        stored = (
            await session.scalars(select(RefreshToken).where(RefreshToken.user_id == user.id))
        ).all()
    assert len(stored) == 2
    assert all(first_refresh.encode() not in row.token_hash for row in stored)  # stored hashed
    assert len({row.family_id for row in stored}) == 1

    assert (await api.post("/auth/logout")).status_code == 204
    assert "soket_refresh" not in api.cookies
    after_logout = await api.post("/auth/refresh", headers=refresh_cookie(first_refresh))
    assert after_logout.status_code == 401

    types = [
        envelope.type
        for envelope in await outbox(database)
        if envelope.tenant_id is not None and str(envelope.tenant_id) == tenant_id
    ]
    assert types[:3] == [
        "accounts.client.registered.v1",
        "accounts.user.created.v1",
        "accounts.notification.requested.v1",
    ]


async def test_a_spent_refresh_token_revokes_its_whole_family(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    await signed_up(api, database, email=email)
    assert (
        await api.post("/auth/login", json={"email": email, "password": PASSWORD})
    ).status_code == 200
    stolen = api.cookies["soket_refresh"]
    assert (await api.post("/auth/refresh")).status_code == 200
    current = api.cookies["soket_refresh"]

    api.cookies.clear()
    replayed = await api.post("/auth/refresh", headers=refresh_cookie(stolen))
    assert replayed.status_code == 401

    # The legitimate holder's newer token died with the family.
    assert (await api.post("/auth/refresh", headers=refresh_cookie(current))).status_code == 401


async def test_refresh_without_a_cookie_or_with_garbage_is_401(api: httpx.AsyncClient) -> None:
    assert (await api.post("/auth/refresh")).status_code == 401
    garbage = await api.post("/auth/refresh", headers=refresh_cookie("x" * 40))
    assert garbage.status_code == 401


def refresh_cookie(token: str) -> dict[str, str]:
    return {"Cookie": f"soket_refresh={token}"}
