"""The FastAPI dependencies: 401 without a valid token, 403 for the wrong role or kind of user."""

import uuid
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI

from chassis.auth.dependencies import ClientAdmin, ClientEditor, ClientViewer, PrivacyOfficer
from chassis.auth.principal import Principal, Role
from chassis.testing.auth import TestTokens

TENANT = uuid.uuid4()


def protected_app() -> FastAPI:
    app = FastAPI()

    @app.get("/viewer")
    def viewer(principal: ClientViewer) -> str:
        return str(principal.tenant_id)

    @app.get("/editor")
    def editor(principal: ClientEditor) -> str:
        return str(principal.tenant_id)

    @app.get("/admin")
    def admin(principal: ClientAdmin) -> str:
        return str(principal.tenant_id)

    @app.get("/officer")
    def officer(principal: PrivacyOfficer) -> str:
        return str(principal.user_id)

    return app


@pytest.fixture
def app() -> FastAPI:
    return protected_app()


async def get(app: FastAPI, path: str, headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path, headers=headers)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.VIEWER, {"/viewer"}),
        (Role.EDITOR, {"/viewer", "/editor"}),
        (Role.ADMIN, {"/viewer", "/editor", "/admin"}),
    ],
)
async def test_client_roles_rank_admin_over_editor_over_viewer(
    app: FastAPI, role: Role, allowed: set[str]
) -> None:
    tokens = TestTokens.install(app)
    headers = tokens.headers(tenant_id=TENANT, roles={role})
    for path in ("/viewer", "/editor", "/admin", "/officer"):
        response = await get(app, path, headers)
        assert response.status_code == (200 if path in allowed else 403), path
        if path in allowed:
            assert response.json() == str(TENANT)


async def test_a_privacy_officer_cannot_use_client_routes(app: FastAPI) -> None:
    tokens = TestTokens.install(app)
    headers = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})
    assert (await get(app, "/officer", headers)).status_code == 200
    for path in ("/viewer", "/editor", "/admin"):
        response = await get(app, path, headers)
        assert response.status_code == 403
        assert "client" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic dXNlcjpwYXNz"}],
)
async def test_no_valid_token_is_a_401(app: FastAPI, headers: dict[str, str]) -> None:
    TestTokens.install(app)
    response = await get(app, "/viewer", headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["detail"]


async def test_a_token_from_an_untrusted_key_is_a_401(app: FastAPI) -> None:
    TestTokens.install(app)
    stranger = TestTokens()
    response = await get(app, "/viewer", stranger.headers(tenant_id=TENANT))
    assert response.status_code == 401


def test_principal_without_a_client_has_no_client_role() -> None:
    principal = Principal(
        user_id=uuid.uuid4(),
        tenant_id=None,
        roles=frozenset({Role.ADMIN}),
        token_id="x",
        expires_at=datetime.now(UTC),
    )
    assert not principal.has_client_role(Role.VIEWER)
