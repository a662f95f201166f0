"""The workspace icon served from Soket's own origin (P5; the CSP allows no Slack images)."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit
from uuid import UUID, uuid4

import pytest
from aiohttp import web

from chassis.auth.principal import Role
from delivery.slack.icons import ICON_MAX_BYTES
from delivery.testing.fake_slack import FakeSlack

from .conftest import Api

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
"""Enough of a PNG for a test: the bytes are passed on as they are."""


@dataclass
class IconFakeSlack(FakeSlack):
    """The fake Slack whose ``team.info`` names an icon it serves itself (``fake.icon``)."""

    icon_url: str | None = None
    """None: an icon on the fake's own host, served below."""
    icon_body: bytes = PNG
    icon_type: str = "image/png"
    icon_status: int = 200
    icon_fetches: int = 0
    has_icon: bool = True

    async def handle(self, request: web.Request) -> web.Response:
        if request.match_info["method"] == "fake.icon":
            self.icon_fetches += 1
            if self.icon_status in (301, 302):
                raise web.HTTPFound(f"{self.base_url}fake.icon")
            return web.Response(
                body=self.icon_body, status=self.icon_status, content_type=self.icon_type
            )
        return await super().handle(request)

    def _team_info(self, _arguments: dict[str, Any]) -> web.Response:
        return web.json_response(
            {
                "ok": True,
                "team": {
                    "id": self.team_id,
                    "name": self.team_name,
                    "icon": (
                        {"image_68": self.icon_url or f"{self.base_url}fake.icon"}
                        if self.has_icon
                        else {}
                    ),
                },
            }
        )


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    """Overrides the suite's fake (the settings fixture points delivery at this one)."""
    fake = IconFakeSlack(team_id="T" + uuid4().hex[:8].upper(), seconds_per_message=0.0)
    async with fake.running() as base_url:
        fake.base_url = base_url
        yield fake


async def _install(api: Api, fake: FakeSlack, tenant_id: UUID) -> None:
    headers = api.tokens.headers(tenant_id=tenant_id, roles={Role.ADMIN})
    started = await api.client.post("/workspaces/slack/install", headers=headers)
    assert started.status_code == 200, started.text
    state = parse_qs(urlsplit(started.json()["authorize_url"]).query)["state"][0]
    callback = await api.client.get(
        "/slack/oauth/callback", params={"code": fake.authorization_code(), "state": state}
    )
    assert callback.status_code == 303, callback.text


def _icon_path(fake: FakeSlack) -> str:
    return f"/workspaces/slack/{fake.team_id}/icon"


async def test_a_viewer_gets_the_icon_bytes_from_delivery(
    fake_slack: IconFakeSlack, api: Api
) -> None:
    tenant_id = uuid4()
    await _install(api, fake_slack, tenant_id)
    viewer = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})

    answer = await api.client.get(_icon_path(fake_slack), headers=viewer)

    assert answer.status_code == 200, answer.text
    assert answer.content == PNG
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "private" in answer.headers["cache-control"]
    assert fake_slack.icon_fetches == 1


async def test_only_the_workspaces_own_client_and_signed_in_users_get_it(
    fake_slack: IconFakeSlack, api: Api
) -> None:
    await _install(api, fake_slack, uuid4())
    stranger = api.tokens.headers(tenant_id=uuid4(), roles={Role.ADMIN})

    assert (await api.client.get(_icon_path(fake_slack), headers=stranger)).status_code == 404
    assert (await api.client.get(_icon_path(fake_slack))).status_code == 401
    unknown = await api.client.get("/workspaces/slack/TNOSUCH/icon", headers=stranger)
    assert unknown.status_code == 404
    bad_id = await api.client.get("/workspaces/slack/not-a-team/icon", headers=stranger)
    assert bad_id.status_code == 422
    assert fake_slack.icon_fetches == 0


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"x" * (ICON_MAX_BYTES + 1), "image/png", 200),  # too large
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml", 200),  # may carry script
        (b"<html></html>", "text/html", 200),  # not a picture
        (PNG, "image/png", 404),  # Slack did not have it
        (PNG, "image/png", 302),  # redirects are not followed
        (b"", "image/png", 200),  # nothing
    ],
    ids=["too-large", "svg", "html", "missing", "redirect", "empty"],
)
async def test_what_is_not_a_small_picture_is_refused(
    fake_slack: IconFakeSlack, api: Api, body: bytes, content_type: str, status: int
) -> None:
    fake_slack.icon_body, fake_slack.icon_type, fake_slack.icon_status = body, content_type, status
    tenant_id = uuid4()
    await _install(api, fake_slack, tenant_id)
    viewer = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})

    answer = await api.client.get(_icon_path(fake_slack), headers=viewer)

    assert answer.status_code == 502, answer.text
    assert fake_slack.icon_fetches == 1


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/team_68.png",
        "http://avatars.slack-edge.com/team_68.png",  # not HTTPS
        "https://avatars.slack-edge.com.evil.example/team_68.png",
        "https://user:secret@avatars.slack-edge.com/team_68.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ],
)
async def test_nothing_is_fetched_from_anywhere_but_slack(
    fake_slack: IconFakeSlack, api: Api, url: str
) -> None:
    fake_slack.icon_url = url
    tenant_id = uuid4()
    await _install(api, fake_slack, tenant_id)
    viewer = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})

    answer = await api.client.get(_icon_path(fake_slack), headers=viewer)

    assert answer.status_code == 502, answer.text


async def test_a_workspace_without_an_icon_is_404(fake_slack: IconFakeSlack, api: Api) -> None:
    fake_slack.has_icon = False
    tenant_id = uuid4()
    await _install(api, fake_slack, tenant_id)
    viewer = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})

    answer = await api.client.get(_icon_path(fake_slack), headers=viewer)

    assert answer.status_code == 404
    assert fake_slack.icon_fetches == 0


async def test_a_refused_team_info_is_502(fake_slack: IconFakeSlack, api: Api) -> None:
    tenant_id = uuid4()
    await _install(api, fake_slack, tenant_id)
    fake_slack.revoked.add(fake_slack.bot_token)
    viewer = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})

    answer = await api.client.get(_icon_path(fake_slack), headers=viewer)

    assert answer.status_code == 502
