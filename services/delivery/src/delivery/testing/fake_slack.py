"""A fake Slack Web API on localhost, speaking Slack's wire format to slack-sdk's ``base_url``.

Form, query or JSON arguments; ``{"ok": true, …}`` or ``{"ok": false, "error": …}``; cursor
pagination for ``users.list``; HTTP 429 with ``Retry-After`` when a conversation gets more
than one message per ``seconds_per_message``; ``oauth.v2.access`` with HTTP basic client
credentials. Users come with full profiles, as Slack's do, so tests can prove we keep none.
"""

import itertools
import json
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BasicAuth, web

from chassis.testing.processes import free_port


@dataclass
class FakeUser:
    id: str
    email: str
    real_name: str
    title: str = "Engineer"
    phone: str = "+372 5555 0000"
    tz: str = "Europe/Tallinn"
    deleted: bool = False
    is_bot: bool = False
    disabled: bool = False

    def as_slack(self, team_id: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "team_id": team_id,
            "name": self.real_name.lower().replace(" ", "."),
            "deleted": self.deleted,
            "real_name": self.real_name,
            "tz": self.tz,
            "tz_label": "Eastern European Time",
            "tz_offset": 7200,
            "is_admin": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": 1_700_000_000,
            "profile": {
                "title": self.title,
                "phone": self.phone,
                "real_name": self.real_name,
                "display_name": self.real_name.split()[0],
                "email": self.email,
                "status_text": "In a meeting",
                "image_72": f"https://avatars.slack-edge.com/{self.id}_72.png",
                "image_192": f"https://avatars.slack-edge.com/{self.id}_192.png",
            },
        }


@dataclass
class Posted:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    updated: bool = False


@dataclass
class FakeSlack:
    client_id: str = "1234.5678"
    client_secret: str = "fake-client-secret"  # noqa: S105 (a fake's own credential)
    team_id: str = "T0FAKE01"
    team_name: str = "Acme Workspace"
    seconds_per_message: float = 1.0
    users: list[FakeUser] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    """Bot token → team id."""
    revoked: set[str] = field(default_factory=set)
    posted: list[Posted] = field(default_factory=list)
    rate_limited: int = 0
    opened: dict[str, str] = field(default_factory=dict)
    """User id → DM channel id."""
    open_calls: int = 0
    calls: list[str] = field(default_factory=list)
    base_url: str = ""
    _last_post: dict[str, float] = field(default_factory=dict)
    _positions: dict[str, int] = field(default_factory=dict)
    """User id → index in ``users``, rebuilt when a lookup finds it stale (tests edit the
    list), so that a workspace of 10,000 answers as fast as one of ten."""
    _dm_owners: dict[str, str] = field(default_factory=dict)
    """DM channel id → user id, checked against ``opened`` (which callers may clear)."""
    _ts: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1))

    def authorization_code(self) -> str:
        code = secrets.token_hex(8)
        self.codes[code] = self.team_id
        return code

    @property
    def bot_token(self) -> str:
        return next(iter(self.tokens))

    async def _arguments(self, request: web.Request) -> dict[str, Any]:
        arguments: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            arguments.update(await request.json())
        elif request.can_read_body:
            arguments.update(dict(await request.post()))
        return arguments

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls.append(method)
        arguments = await self._arguments(request)
        if method == "oauth.v2.access":
            return self._oauth(request, arguments)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or str(
            arguments.get("token", "")
        )
        if token in self.revoked:
            return _error("token_revoked")
        if token not in self.tokens:
            return _error("invalid_auth")
        handler = {
            "team.info": self._team_info,
            "users.list": self._users_list,
            "conversations.open": self._conversations_open,
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "auth.test": self._auth_test,
        }.get(method)
        if handler is None:
            return _error("unknown_method")
        return handler(arguments)

    def _oauth(self, request: web.Request, arguments: dict[str, Any]) -> web.Response:
        try:
            credentials = BasicAuth.decode(request.headers.get("Authorization", ""))
            client_id, client_secret = credentials.login, credentials.password
        except ValueError:
            client_id = str(arguments.get("client_id", ""))
            client_secret = str(arguments.get("client_secret", ""))
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            return _error("invalid_client_id")
        team_id = self.codes.pop(str(arguments.get("code", "")), None)
        if team_id is None:
            return _error("invalid_code")
        token = f"xoxb-{secrets.token_hex(12)}"
        self.tokens[token] = team_id
        return web.json_response(
            {
                "ok": True,
                "app_id": "A0FAKEAPP",
                "authed_user": {"id": "U0INSTALLER", "scope": "", "token_type": "user"},
                "scope": "team:read,users:read,users:read.email,chat:write,im:write",
                "token_type": "bot",
                "access_token": token,
                "bot_user_id": "U0FAKEBOT",
                "team": {"id": team_id, "name": self.team_name},
                "enterprise": None,
                "is_enterprise_install": False,
            }
        )

    def _auth_test(self, _arguments: dict[str, Any]) -> web.Response:
        return web.json_response({"ok": True, "team_id": self.team_id, "user_id": "U0FAKEBOT"})

    def _team_info(self, _arguments: dict[str, Any]) -> web.Response:
        return web.json_response(
            {
                "ok": True,
                "team": {
                    "id": self.team_id,
                    "name": self.team_name,
                    "domain": "acme",
                    "icon": {"image_68": "https://avatars.slack-edge.com/team_68.png"},
                },
            }
        )

    def _users_list(self, arguments: dict[str, Any]) -> web.Response:
        limit = int(arguments.get("limit") or 100)
        start = int(arguments.get("cursor") or 0)
        page = self.users[start : start + limit]
        following = start + limit
        next_cursor = str(following) if following < len(self.users) else ""
        return web.json_response(
            {
                "ok": True,
                "members": [user.as_slack(self.team_id) for user in page],
                "cache_ts": int(time.time()),
                "response_metadata": {"next_cursor": next_cursor},
            }
        )

    def _conversations_open(self, arguments: dict[str, Any]) -> web.Response:
        self.open_calls += 1
        user_id = str(arguments.get("users", ""))
        user = self._user(user_id)
        if user is None:
            return _error("user_not_found")
        if user.disabled or user.deleted:
            return _error("user_disabled")
        channel = self.opened.setdefault(user_id, "D" + user_id[1:])
        self._dm_owners[channel] = user_id
        return web.json_response({"ok": True, "channel": {"id": channel}})

    def _user(self, user_id: str) -> FakeUser | None:
        position = self._positions.get(user_id)
        if position is None or position >= len(self.users) or self.users[position].id != user_id:
            self._positions = {user.id: number for number, user in enumerate(self.users)}
            position = self._positions.get(user_id)
        return None if position is None else self.users[position]

    def _post_message(self, arguments: dict[str, Any]) -> web.Response:
        channel = str(arguments.get("channel", ""))
        user_id = self._dm_owners.get(channel) or next(
            (user for user, dm in self.opened.items() if dm == channel), ""
        )
        if not channel.startswith("D") or self.opened.get(user_id) != channel:
            return _error("channel_not_found")
        user = self._user(user_id)
        if user is not None and user.disabled:
            return _error("user_disabled")
        now = time.monotonic()
        last = self._last_post.get(channel)
        if last is not None and now - last < self.seconds_per_message:
            self.rate_limited += 1
            retry_after = max(1, round(self.seconds_per_message))
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(retry_after)},
            )
        self._last_post[channel] = now
        ts = f"{1_700_000_000 + next(self._ts)}.000100"
        blocks = arguments.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        self.posted.append(Posted(channel, ts, str(arguments.get("text", "")), blocks))
        return web.json_response({"ok": True, "channel": channel, "ts": ts})

    def _update(self, arguments: dict[str, Any]) -> web.Response:
        channel, ts = str(arguments.get("channel", "")), str(arguments.get("ts", ""))
        for posted in self.posted:
            if (posted.channel, posted.ts) == (channel, ts):
                blocks = arguments.get("blocks") or []
                posted.blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
                posted.text = str(arguments.get("text", ""))
                posted.updated = True
                return web.json_response({"ok": True, "channel": channel, "ts": ts})
        return _error("message_not_found")

    @asynccontextmanager
    async def running(self) -> AsyncIterator[str]:
        """Serves the fake; yields its Web API base URL (``…/api/``)."""
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        self.base_url = f"http://127.0.0.1:{port}/api/"
        try:
            yield self.base_url
        finally:
            await runner.cleanup()


def _error(code: str) -> web.Response:
    return web.json_response({"ok": False, "error": code})
