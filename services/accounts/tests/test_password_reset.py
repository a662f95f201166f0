"""Password reset by an emailed single-use token (30 minutes); the answer never says whether
the address is registered."""

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select, update

from accounts.links.models import SingleUseToken
from accounts.testing import PASSWORD, last_link, signed_up
from accounts.users.models import User
from chassis.database import Database
from chassis.testing.outbox import outbox

NEW_PASSWORD = "a brand new secret"


async def reset_notices(database: Database, address: str) -> int:
    return len(
        [
            envelope
            for envelope in await outbox(database, "accounts.notification.requested.v1")
            if envelope.data.address == address and envelope.data.template == "password_reset"
        ]
    )


async def test_a_reset_link_sets_a_new_password_once_and_ends_sessions(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    await signed_up(api, database, email=email)
    assert (
        await api.post("/auth/login", json={"email": email, "password": PASSWORD})
    ).status_code == 200
    old_session = api.cookies["soket_refresh"]

    known = await api.post("/auth/password-reset", json={"email": email})
    unknown = await api.post("/auth/password-reset", json={"email": "nobody-" + email})
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert known.status_code == 202
    assert await reset_notices(database, email) == 1
    assert await reset_notices(database, "nobody-" + email) == 0

    token = await last_link(database, address=email, template="password_reset")
    body = {"token": token, "password": NEW_PASSWORD}
    assert (await api.post("/auth/password-reset/confirm", json=body)).status_code == 204
    assert (await api.post("/auth/password-reset/confirm", json=body)).status_code == 400

    assert (
        await api.post("/auth/login", json={"email": email, "password": PASSWORD})
    ).status_code == 401
    assert (
        await api.post("/auth/login", json={"email": email, "password": NEW_PASSWORD})
    ).status_code == 200
    api.cookies.clear()
    stale = await api.post("/auth/refresh", headers={"Cookie": f"soket_refresh={old_session}"})
    assert stale.status_code == 401


async def test_a_reset_link_expires_after_30_minutes(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    await signed_up(api, database, email=email)
    await api.post("/auth/password-reset", json={"email": email})
    token = await last_link(database, address=email, template="password_reset")
    async with database.sessions() as session, session.begin():
        created = await session.scalar(
            update(SingleUseToken)
            .where(
                SingleUseToken.purpose == "password_reset",
                SingleUseToken.user_id
                == select(User.id).where(User.email == email).scalar_subquery(),
            )
            .values(expires_at=SingleUseToken.expires_at - timedelta(minutes=30))
            .returning(SingleUseToken.created_at)
        )
    assert created is not None
    expired = await api.post(
        "/auth/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD}
    )
    assert expired.status_code == 400
    assert "expired" in expired.json()["detail"]
    assert datetime.now(UTC) - created < timedelta(minutes=30)
