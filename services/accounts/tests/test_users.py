"""A client's users: invitations, roles, removal, and the last-admin rule."""

import httpx
from sqlalchemy import func, select

from accounts.testing import PASSWORD, last_link, logged_in, signed_up
from accounts.users.models import User
from chassis.database import Database
from chassis.testing.outbox import outbox


async def invite(
    api: httpx.AsyncClient, admin: dict[str, str], email: str, role: str = "editor"
) -> str:
    response = await api.post("/users", json={"email": email, "role": role}, headers=admin)
    assert response.status_code == 201, response.text
    user_id: str = response.json()["id"]
    return user_id


async def join(api: httpx.AsyncClient, database: Database, email: str, name: str = "Jaan") -> None:
    token = await last_link(database, address=email, template="client_invitation")
    response = await api.post(
        "/auth/invitations/accept", json={"token": token, "name": name, "password": PASSWORD}
    )
    assert response.status_code == 204, response.text


async def test_an_invitation_is_accepted_once_and_the_user_signs_in_with_the_role(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    tenant_id, _ = await signed_up(api, database, email=email, organisation="Kutse AS")
    admin = await logged_in(api, email=email)
    invitee = "invited-" + email
    user_id = await invite(api, admin, invitee, role="editor")

    [notice] = [
        envelope.data
        for envelope in await outbox(database, "accounts.notification.requested.v1")
        if envelope.data.address == invitee
    ]
    assert notice.template == "client_invitation"
    assert notice.parameters["organisation_name"] == "Kutse AS"
    assert notice.tenant_id == tenant_id
    assert (
        await api.post("/auth/login", json={"email": invitee, "password": PASSWORD})
    ).status_code == 401

    token = await last_link(database, address=invitee, template="client_invitation")
    await join(api, database, invitee)
    again = await api.post(
        "/auth/invitations/accept", json={"token": token, "name": "Jaan", "password": PASSWORD}
    )
    assert again.status_code == 400

    editor = await logged_in(api, email=invitee)
    me = (await api.get("/me", headers=editor)).json()
    assert (me["id"], me["role"], me["name"]) == (user_id, "editor", "Jaan")
    assert (await api.get("/users", headers=editor)).status_code == 403
    assert (
        await api.post("/users", json={"email": "x@example.ee", "role": "admin"}, headers=editor)
    ).status_code == 403
    created = [
        envelope.data
        for envelope in await outbox(database, "accounts.user.created.v1")
        if str(envelope.data.user_id) == user_id
    ]
    assert [event.role for event in created] == ["editor"]


async def test_inviting_an_address_with_an_account_is_a_409(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    await signed_up(api, database, email=email)
    other = "other-" + email
    await signed_up(api, database, email=other)
    admin = await logged_in(api, email=email)
    response = await api.post("/users", json={"email": other, "role": "viewer"}, headers=admin)
    assert response.status_code == 409


async def test_roles_change_and_users_are_removed_but_never_the_last_admin(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    tenant_id, admin_id = await signed_up(api, database, email=email)
    admin = await logged_in(api, email=email)

    for change in (
        api.patch(f"/users/{admin_id}", json={"role": "viewer"}, headers=admin),
        api.delete(f"/users/{admin_id}", headers=admin),
    ):
        refused = await change
        assert refused.status_code == 409
        assert "last admin" in refused.json()["detail"]

    colleague = "colleague-" + email
    colleague_id = await invite(api, admin, colleague, role="viewer")
    await join(api, database, colleague)
    promoted = await api.patch(f"/users/{colleague_id}", json={"role": "admin"}, headers=admin)
    assert promoted.json()["role"] == "admin"
    demoted = await api.patch(f"/users/{admin_id}", json={"role": "editor"}, headers=admin)
    assert demoted.status_code == 200

    second_admin = await logged_in(api, email=colleague)
    assert (await api.delete(f"/users/{colleague_id}", headers=second_admin)).status_code == 409
    assert (await api.delete(f"/users/{admin_id}", headers=second_admin)).status_code == 204
    assert (await api.get(f"/users/{admin_id}", headers=second_admin)).status_code == 404
    assert (
        await api.post("/auth/login", json={"email": email, "password": PASSWORD})
    ).status_code == 401

    updates = [
        envelope.data.role
        for envelope in await outbox(database, "accounts.user.updated.v1")
        if envelope.tenant_id == tenant_id
    ]
    assert updates == ["admin", "editor"]
    removed = [
        envelope.data.user_id
        for envelope in await outbox(database, "accounts.user.removed.v1")
        if envelope.tenant_id == tenant_id
    ]
    assert [str(user_id) for user_id in removed] == [str(admin_id)]
    page = (await api.get("/users", headers=second_admin)).json()
    assert [user["email"] for user in page["items"]] == [colleague]


async def test_users_are_listed_page_by_page(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    await signed_up(api, database, email=email)
    admin = await logged_in(api, email=email)
    for number in range(4):
        await invite(api, admin, f"page{number}-{email}", role="viewer")
    seen: list[str] = []
    after = None
    while True:
        params = {"limit": 2, **({"after": after} if after else {})}
        page = (await api.get("/users", params=params, headers=admin)).json()
        seen += [user["email"] for user in page["items"]]
        after = page["next_after"]
        if after is None:
            break
    assert len(seen) == 5
    assert len(set(seen)) == 5
    async with database.sessions() as session:
        count = await session.scalar(select(func.count()).where(User.email.in_(seen)))
    assert count == 5
