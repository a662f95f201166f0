"""Access tokens: accounts' verifier refuses every bad token, and keys rotate without
refusing the tokens already issued."""

import base64
import json
import secrets
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import update

from accounts.main import create_app
from accounts.runtime import Runtime
from accounts.signing.models import SigningKeyRecord
from accounts.signing.service import CLOCK_LEEWAY
from accounts.testing import client_for, logged_in, settings_for_tests, signed_up
from chassis.auth.principal import Role
from chassis.auth.signing import AccessTokenSigner, SigningKey
from chassis.auth.verifier import InvalidTokenError, JwksKeySource, TokenVerifier
from chassis.database import Database


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def kid_of(token: str) -> str:
    kid: str = jwt.get_unverified_header(token)["kid"]
    return kid


def runtime_of(app: FastAPI) -> Runtime:
    runtime: Runtime = app.state.accounts
    return runtime


async def test_a_token_from_login_opens_protected_routes_and_names_the_user(
    api: httpx.AsyncClient, app: FastAPI, database: Database, email: str
) -> None:
    tenant_id, user_id = await signed_up(api, database, email=email)
    headers = await logged_in(api, email=email)
    claims = jwt.decode(
        headers["Authorization"].removeprefix("Bearer "), options={"verify_signature": False}
    )
    assert (claims["sub"], claims["tid"], claims["roles"]) == (
        str(user_id),
        str(tenant_id),
        ["admin"],
    )
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert (await api.get("/client", headers=headers)).status_code == 200
    jwks = (await api.get("/.well-known/jwks.json")).json()
    assert runtime_of(app).keys.key.kid in [key["kid"] for key in jwks["keys"]]
    assert all(key["kty"] == "OKP" and key["crv"] == "Ed25519" for key in jwks["keys"])
    assert all("d" not in key for key in jwks["keys"])  # never the private part


async def test_expired_forged_unsigned_and_unknown_key_tokens_are_refused(
    api: httpx.AsyncClient, app: FastAPI, database: Database, email: str
) -> None:
    tenant_id, user_id = await signed_up(api, database, email=email)
    keys = runtime_of(app).keys
    good = keys.signer.issue(user_id=user_id, tenant_id=tenant_id, roles={Role.ADMIN})
    assert (await api.get("/me", headers=bearer(good))).status_code == 200

    expired = keys.signer.issue(
        user_id=user_id,
        tenant_id=tenant_id,
        roles={Role.ADMIN},
        now=datetime.now(UTC) - timedelta(hours=1),
    )
    other = SigningKey.generate()
    forged_signer = AccessTokenSigner(other)
    forged_signer._kid = keys.key.kid  # claims to be accounts' key, signed by another
    forged = forged_signer.issue(user_id=user_id, tenant_id=tenant_id, roles={Role.ADMIN})
    unknown_key = AccessTokenSigner(other).issue(
        user_id=user_id, tenant_id=tenant_id, roles={Role.ADMIN}
    )
    claims = jwt.decode(good, options={"verify_signature": False})
    unsigned = jwt.encode(claims, key=None, algorithm="none", headers={"kid": keys.key.kid})
    header, _payload, signature = good.split(".")
    escalated_claims = {**claims, "roles": ["privacy_officer"]}
    tampered_payload = (
        base64.urlsafe_b64encode(json.dumps(escalated_claims).encode()).rstrip(b"=").decode()
    )
    tampered = f"{header}.{tampered_payload}.{signature}"

    for name, token in [
        ("expired", expired),
        ("forged", forged),
        ("alg none", unsigned),
        ("unknown key", unknown_key),
        ("tampered", tampered),
        ("garbage", "not.a.token"),
    ]:
        response = await api.get("/me", headers=bearer(token))
        assert response.status_code == 401, name
    assert (await api.get("/me")).status_code == 401


async def test_after_a_rotation_old_tokens_verify_until_they_expire(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    await signed_up(api, database, email=email)
    seed_a, seed_b = (base64.b64encode(secrets.token_bytes(32)).decode() for _ in range(2))
    before = create_app(settings_for_tests(access_token_signing_key=SecretStr(seed_a)))
    after = create_app(settings_for_tests(access_token_signing_key=SecretStr(seed_b)))
    kid_a, kid_b = runtime_of(before).keys.key.kid, runtime_of(after).keys.key.kid
    async with LifespanManager(before), LifespanManager(after):
        async with client_for(before) as old_api:
            old_token = (await logged_in(old_api, email=email))["Authorization"]
        async with client_for(after) as new_api:
            published = (await new_api.get("/.well-known/jwks.json")).json()["keys"]
            kids = [key["kid"] for key in published]
            assert kids[0] == kid_b  # the current key first; earlier ones stay for their tokens
            assert kid_a in kids
            assert (
                await new_api.get("/me", headers={"Authorization": old_token})
            ).status_code == 200
            new_token = (await logged_in(new_api, email=email))["Authorization"]
            assert kid_of(new_token.removeprefix("Bearer ")) == kid_b
            assert kid_of(old_token.removeprefix("Bearer ")) == kid_a

            # Once a token's lifetime has passed since the rotation, the old key is gone.
            async with database.sessions() as session, session.begin():
                await session.execute(
                    update(SigningKeyRecord)
                    .where(SigningKeyRecord.kid == kid_a)
                    .values(retired_at=datetime.now(UTC) - timedelta(minutes=15) - CLOCK_LEEWAY)
                )
            published = (await new_api.get("/.well-known/jwks.json")).json()["keys"]
            assert kid_a not in [key["kid"] for key in published]
            assert (
                await new_api.get("/me", headers={"Authorization": old_token})
            ).status_code == 401
            assert (
                await new_api.get("/me", headers={"Authorization": new_token})
            ).status_code == 200


async def test_another_service_verifies_accounts_tokens_through_the_jwks(
    api: httpx.AsyncClient, app: FastAPI, database: Database, email: str
) -> None:
    """What every other service does: fetch accounts' JWKS (here over ASGI, not a socket),
    cache it, verify locally; a token of a key it has not seen yet makes it fetch again."""
    tenant_id, user_id = await signed_up(api, database, email=email)
    token = (await logged_in(api, email=email))["Authorization"].removeprefix("Bearer ")
    jwks_client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://accounts.test"
    )
    source = JwksKeySource("https://accounts.test/.well-known/jwks.json", client=jwks_client)
    verifier = TokenVerifier(source, leeway_seconds=0)
    try:
        principal = await verifier.verify(token)
        assert (principal.user_id, principal.tenant_id, principal.roles) == (
            user_id,
            tenant_id,
            frozenset({Role.ADMIN}),
        )
        unknown = AccessTokenSigner(SigningKey.generate()).issue(
            user_id=user_id, tenant_id=tenant_id, roles={Role.ADMIN}
        )
        with pytest.raises(InvalidTokenError):
            await verifier.verify(unknown)
    finally:
        await source.close()
