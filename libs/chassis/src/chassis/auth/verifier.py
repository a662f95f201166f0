"""Verifying access tokens locally, with keys from accounts' JWKS."""

import asyncio
import base64
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from chassis.auth.principal import Principal, Role
from chassis.auth.signing import ALGORITHM, AUDIENCE, ISSUER
from chassis.logs import get_logger

_log = get_logger("soket.auth")


class InvalidTokenError(Exception):
    """The token is missing, malformed, forged, expired or signed by an unknown key."""


class KeysUnavailableError(Exception):
    """The token's key is unknown and the JWKS cannot be fetched to learn it."""


class KeySource(Protocol):
    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        """The key with this id; None when it is not (or no longer) published."""
        ...


def keys_from_jwks(document: Mapping[str, Any]) -> dict[str, Ed25519PublicKey]:
    """The Ed25519 keys of a JWKS document by key id; other kinds of key are ignored."""
    keys: dict[str, Ed25519PublicKey] = {}
    for jwk in document.get("keys", []):
        if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or not jwk.get("kid"):
            continue
        raw = base64.urlsafe_b64decode(jwk["x"] + "=" * (-len(jwk["x"]) % 4))
        keys[jwk["kid"]] = Ed25519PublicKey.from_public_bytes(raw)
    return keys


class StaticKeySource:
    """Keys known up front: accounts' own, or a test's."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._keys = keys_from_jwks(document)

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        return self._keys.get(kid)


class JwksKeySource:
    """Keys fetched from a JWKS URL, cached, and fetched again for an unknown key id.

    A refetch for unknown ids happens at most every ``min_refresh_seconds`` so forged key ids
    cannot turn into a flood of requests to accounts.
    """

    def __init__(
        self,
        url: str,
        *,
        client: httpx.AsyncClient | None = None,
        max_age_seconds: float = 300.0,
        min_refresh_seconds: float = 10.0,
    ) -> None:
        self._url = url
        self._client = client
        self._max_age = max_age_seconds
        self._min_refresh = min_refresh_seconds
        self._keys: dict[str, Ed25519PublicKey] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        age = time.monotonic() - self._fetched_at
        if kid in self._keys and age < self._max_age:
            return self._keys[kid]
        if kid not in self._keys and age < self._min_refresh:
            return None
        async with self._lock:
            if time.monotonic() - self._fetched_at >= self._min_refresh:
                await self._refresh()
        return self._keys.get(kid)

    async def _refresh(self) -> None:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=5.0)
        try:
            response = await self._client.get(self._url)
            response.raise_for_status()
            self._keys = keys_from_jwks(response.json())
        except (httpx.HTTPError, ValueError, KeyError) as error:
            _log.warning("jwks fetch failed", error_type=type(error).__name__)
            if not self._keys:
                raise KeysUnavailableError("the signing keys cannot be fetched") from error
        self._fetched_at = time.monotonic()

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()


class TokenVerifier:
    """Checks an access token's signature, algorithm, issuer, audience and expiry."""

    def __init__(
        self,
        source: KeySource,
        *,
        issuer: str = ISSUER,
        audience: str = AUDIENCE,
        leeway_seconds: float = 5.0,
    ) -> None:
        self.source = source
        self._issuer = issuer
        self._audience = audience
        self._leeway = leeway_seconds

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise InvalidTokenError("the token is malformed") from error
        if header.get("alg") != ALGORITHM or not isinstance(header.get("kid"), str):
            raise InvalidTokenError("the token is not signed the way Soket signs tokens")
        key = await self.source.public_key(header["kid"])
        if key is None:
            raise InvalidTokenError("the token's signing key is unknown")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iat", "sub", "jti", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise InvalidTokenError("the token has expired") from error
        except jwt.PyJWTError as error:
            raise InvalidTokenError("the token is not valid") from error
        return _principal(claims)


def _principal(claims: Mapping[str, Any]) -> Principal:
    try:
        tenant = claims.get("tid")
        return Principal(
            user_id=uuid.UUID(claims["sub"]),
            tenant_id=uuid.UUID(tenant) if tenant else None,
            roles=frozenset(Role(role) for role in claims.get("roles", [])),
            token_id=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(claims["exp"], UTC),
        )
    except (ValueError, TypeError) as error:
        raise InvalidTokenError("the token's claims are not valid") from error
