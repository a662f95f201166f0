"""Access tokens are verified locally with accounts' published keys, and nothing else passes."""

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chassis.auth.principal import Role
from chassis.auth.signing import AccessTokenSigner, SigningKey, jwks_document
from chassis.auth.verifier import (
    InvalidTokenError,
    JwksKeySource,
    KeysUnavailableError,
    StaticKeySource,
    TokenVerifier,
)

from .conftest import JwksServer

TENANT = uuid.uuid4()
USER = uuid.uuid4()


def issue(key: SigningKey, *, now: datetime | None = None) -> str:
    signer = AccessTokenSigner(key)
    return signer.issue(user_id=USER, tenant_id=TENANT, roles={Role.EDITOR}, now=now)


def verifier_trusting(*keys: SigningKey) -> TokenVerifier:
    return TokenVerifier(StaticKeySource(jwks_document(key.public_jwk() for key in keys)))


async def test_a_token_names_its_user_client_and_roles() -> None:
    key = SigningKey.generate()
    principal = await verifier_trusting(key).verify(issue(key))
    assert principal.user_id == USER
    assert principal.tenant_id == TENANT
    assert principal.roles == {Role.EDITOR}
    assert principal.has_client_role(Role.VIEWER)
    assert not principal.has_client_role(Role.ADMIN)


async def test_an_expired_token_is_refused() -> None:
    key = SigningKey.generate()
    token = issue(key, now=datetime.now(UTC) - timedelta(hours=1))
    with pytest.raises(InvalidTokenError, match="expired"):
        await verifier_trusting(key).verify(token)


async def test_a_token_signed_by_another_key_with_a_known_kid_is_refused() -> None:
    trusted, forger = SigningKey.generate(), SigningKey.generate()
    header, payload, _ = issue(trusted).split(".")
    forged_signature = issue(forger).split(".")[2]
    with pytest.raises(InvalidTokenError):
        await verifier_trusting(trusted).verify(f"{header}.{payload}.{forged_signature}")


async def test_a_changed_claim_breaks_the_signature() -> None:
    key = SigningKey.generate()
    header, payload, signature = issue(key).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["roles"] = ["admin"]
    tampered = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidTokenError):
        await verifier_trusting(key).verify(f"{header}.{tampered}.{signature}")


def _unsigned(header: dict[str, str], claims: dict[str, object]) -> str:
    def part(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part(header)}.{part(claims)}."


async def test_alg_none_is_refused() -> None:
    key = SigningKey.generate()
    claims = jwt.decode(issue(key), options={"verify_signature": False})
    token = _unsigned({"alg": "none", "typ": "JWT", "kid": key.kid}, claims)
    with pytest.raises(InvalidTokenError, match="not signed the way"):
        await verifier_trusting(key).verify(token)


async def test_an_hmac_token_keyed_with_the_public_key_is_refused() -> None:
    key = SigningKey.generate()
    claims = jwt.decode(issue(key), options={"verify_signature": False})
    token = jwt.encode(claims, key.public_jwk()["x"], algorithm="HS256", headers={"kid": key.kid})
    with pytest.raises(InvalidTokenError, match="not signed the way"):
        await verifier_trusting(key).verify(token)


async def test_an_unknown_key_id_is_refused() -> None:
    trusted, unknown = SigningKey.generate(), SigningKey.generate()
    with pytest.raises(InvalidTokenError, match="unknown"):
        await verifier_trusting(trusted).verify(issue(unknown))


async def test_a_token_for_another_audience_is_refused() -> None:
    key = SigningKey.generate()
    signer = AccessTokenSigner(key, audience="someone-else")
    token = signer.issue(user_id=USER, tenant_id=TENANT, roles={Role.VIEWER})
    with pytest.raises(InvalidTokenError):
        await verifier_trusting(key).verify(token)


@pytest.mark.parametrize("token", ["", "not-a-token", "a.b.c", "Bearer x"])
async def test_garbage_is_refused(token: str) -> None:
    with pytest.raises(InvalidTokenError):
        await verifier_trusting(SigningKey.generate()).verify(token)


async def test_keys_are_fetched_over_http_and_cached(jwks_server: JwksServer) -> None:
    key = SigningKey.generate()
    jwks_server.keys = [key]
    verifier = TokenVerifier(JwksKeySource(jwks_server.url))
    for _ in range(5):
        await verifier.verify(issue(key))
    assert jwks_server.requests == 1


async def test_after_a_rotation_old_tokens_verify_and_new_ones_carry_the_new_kid(
    jwks_server: JwksServer,
) -> None:
    old, new = SigningKey.generate(), SigningKey.generate()
    jwks_server.keys = [old]
    verifier = TokenVerifier(JwksKeySource(jwks_server.url, min_refresh_seconds=0))
    old_token = issue(old)
    await verifier.verify(old_token)

    jwks_server.keys = [new, old]
    new_token = issue(new)
    assert jwt.get_unverified_header(new_token)["kid"] == new.kid != old.kid
    await verifier.verify(new_token)
    await verifier.verify(old_token)
    assert jwks_server.requests == 2

    jwks_server.keys = [new]
    verifier_after_expiry = TokenVerifier(JwksKeySource(jwks_server.url))
    with pytest.raises(InvalidTokenError, match="unknown"):
        await verifier_after_expiry.verify(old_token)


async def test_unknown_key_ids_do_not_flood_accounts(jwks_server: JwksServer) -> None:
    jwks_server.keys = [SigningKey.generate()]
    verifier = TokenVerifier(JwksKeySource(jwks_server.url, min_refresh_seconds=60))
    for _ in range(20):
        with pytest.raises(InvalidTokenError):
            await verifier.verify(issue(SigningKey.generate()))
    assert jwks_server.requests == 1


async def test_keys_that_cannot_be_fetched_are_reported_as_unavailable() -> None:
    verifier = TokenVerifier(JwksKeySource("http://127.0.0.1:9/.well-known/jwks.json"))
    with pytest.raises(KeysUnavailableError):
        await verifier.verify(issue(SigningKey.generate()))


def test_a_signing_key_from_a_seed_keeps_its_kid() -> None:
    seed = Ed25519PrivateKey.generate().private_bytes_raw()
    assert SigningKey.from_seed(seed).kid == SigningKey.from_seed(seed).kid
