"""The client's Slack member directory: listed page by page, re-imported on request (issue 10
point 4; P4: only the workspace and the email are shown)."""

from urllib.parse import parse_qs, urlsplit
from uuid import UUID, uuid4

from chassis.auth.principal import Role
from chassis.database import Database
from delivery.testing.fake_slack import FakeSlack, FakeUser

from .conftest import SLACK_MEMBERS, Api, outbox_events, unique_address


async def _install(api: Api, fake: FakeSlack, tenant_id: UUID) -> None:
    headers = api.tokens.headers(tenant_id=tenant_id, roles={Role.ADMIN})
    started = await api.client.post("/workspaces/slack/install", headers=headers)
    assert started.status_code == 200, started.text
    state = parse_qs(urlsplit(started.json()["authorize_url"]).query)["state"][0]
    callback = await api.client.get(
        "/slack/oauth/callback", params={"code": fake.authorization_code(), "state": state}
    )
    assert callback.status_code == 303, callback.text


async def _all_members(api: Api, headers: dict[str, str], limit: int) -> list[dict[str, str]]:
    shown: list[dict[str, str]] = []
    after: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": limit}
        if after is not None:
            params["after"] = after
        page = await api.client.get("/workspaces/slack/members", params=params, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        shown.extend(body["members"])
        after = body["next_after"]
        if after is None:
            return shown


async def test_members_listed_by_page_and_resynced(
    fake_slack: FakeSlack, api: Api, database: Database
) -> None:
    fake = fake_slack
    tenant_id = uuid4()
    admin = api.tokens.headers(tenant_id=tenant_id, roles={Role.ADMIN})
    viewer = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})

    missing = await api.client.get("/workspaces/slack/members", headers=admin)
    assert missing.status_code == 404
    assert (await api.client.post("/workspaces/slack/sync", headers=admin)).status_code == 409

    await _install(api, fake, tenant_id)
    assert (await api.client.get("/workspaces/slack/members", headers=viewer)).status_code == 403
    assert (await api.client.post("/workspaces/slack/sync", headers=viewer)).status_code == 403

    shown = await _all_members(api, admin, limit=150)
    reachable = [u for u in fake.users if not u.deleted and not u.is_bot]
    assert len(shown) == SLACK_MEMBERS - 2
    assert all(set(member) == {"team_id", "email"} for member in shown)  # P4
    assert {m["team_id"] for m in shown} == {fake.team_id}
    assert [m["email"] for m in shown] == sorted(u.email for u in reachable)

    other = api.tokens.headers(tenant_id=uuid4(), roles={Role.ADMIN})
    assert (await api.client.get("/workspaces/slack/members", headers=other)).status_code == 404
    bad = await api.client.get("/workspaces/slack/members?after=nocolon", headers=admin)
    assert bad.status_code == 422

    newcomer = FakeUser(
        id=f"U{fake.team_id[1:5]}NEW01", email=unique_address("newcomer"), real_name="Uus Tulija"
    )
    fake.users.append(newcomer)
    leaver = reachable[0]
    fake.users.remove(leaver)
    synced = await api.client.post("/workspaces/slack/sync", headers=admin)
    assert synced.status_code == 202, synced.text
    assert synced.json() == {"workspaces": 1, "members": SLACK_MEMBERS - 2}

    emails = {m["email"] for m in await _all_members(api, admin, limit=500)}
    assert newcomer.email in emails
    assert leaver.email not in emails
    imported = await outbox_events(database, "delivery.slack.members_imported.v1", tenant_id)
    assert len(imported) == 2  # the install's, then the sync's
    assert {"user_id": newcomer.id, "email": newcomer.email} in imported[-1]["data"]["members"]
