"""Users read and correct their own name and email; a new email counts once verified."""

import httpx
from sqlalchemy import select

from accounts.testing import PASSWORD, last_link, logged_in, signed_up
from accounts.users.models import User
from chassis.database import Database
from chassis.testing.outbox import outbox


async def test_name_and_email_are_corrected_the_email_after_verification(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    tenant_id, user_id = await signed_up(api, database, email=email)
    me = await logged_in(api, email=email)
    renamed = await api.patch("/me", json={"name": "Mari Tamm"}, headers=me)
    assert renamed.json()["name"] == "Mari Tamm"

    new_email = "new-" + email
    asked = await api.post("/me/email", json={"email": new_email}, headers=me)
    assert asked.status_code == 202
    assert asked.json()["email"] == email  # not yet
    assert asked.json()["pending_email"] == new_email
    async with database.sessions() as session:
        old_ref = await session.scalar(select(User.subject_ref).where(User.id == user_id))

    token = await last_link(database, address=new_email, template="email_verification")
    assert (await api.post("/auth/verify-new-email", json={"token": token})).status_code == 204
    assert (await api.post("/auth/verify-new-email", json={"token": token})).status_code == 400

    profile = (await api.get("/me", headers=me)).json()
    assert (profile["email"], profile["pending_email"]) == (new_email, None)
    assert (
        await api.post("/auth/login", json={"email": email, "password": PASSWORD})
    ).status_code == 401
    await logged_in(api, email=new_email)
    [update] = [
        envelope
        for envelope in await outbox(database, "accounts.user.updated.v1")
        if envelope.data.user_id == user_id
    ]
    assert update.subject_ref != old_ref
    assert update.tenant_id == tenant_id


async def test_an_address_taken_by_another_account_is_refused(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    await signed_up(api, database, email=email)
    await signed_up(api, database, email="taken-" + email)
    me = await logged_in(api, email=email)
    response = await api.post("/me/email", json={"email": "taken-" + email}, headers=me)
    assert response.status_code == 409
