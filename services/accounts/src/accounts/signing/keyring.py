"""The API process's access-token keys: the signer, and the key source of its own verifier."""

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from accounts.signing.service import activate_key, published_keys
from chassis.auth.signing import AccessTokenSigner, Jwk, SigningKey
from chassis.auth.verifier import keys_from_jwks
from chassis.database import Database

PUBLISHED_KEYS_MAX_AGE_SECONDS = 30.0


class AccessTokenKeys:
    """Signs with the configured key, once it is recorded as current; knows which keys are
    still published (read from the database, cached briefly).

    Also the key source of accounts' own verifier: accounts never asks itself over HTTP.
    """

    def __init__(
        self, key: SigningKey, *, ttl: timedelta, database: Callable[[], Database]
    ) -> None:
        self.key = key
        self.ttl = ttl
        self.signer = AccessTokenSigner(key, ttl=ttl)
        self._database = database
        self._activated = False
        self._lock = asyncio.Lock()
        self._published: list[Jwk] = []
        self._published_at = float("-inf")

    async def ready_signer(self) -> AccessTokenSigner:
        """The signer, after the key is recorded as current (once per process)."""
        if not self._activated:
            async with self._lock:
                if not self._activated:
                    async with self._database().sessions() as session, session.begin():
                        await activate_key(session, key=self.key, now=datetime.now(UTC))
                    self._activated = True
                    self._published_at = float("-inf")
        return self.signer

    async def published(self) -> list[Jwk]:
        """The JWKS keys, fresh from the database."""
        await self.ready_signer()
        async with self._database().sessions() as session:
            keys = await published_keys(session, now=datetime.now(UTC), token_ttl=self.ttl)
        self._published, self._published_at = keys, time.monotonic()
        return keys

    async def public_key(self, kid: str) -> Ed25519PublicKey | None:
        if kid == self.key.kid:
            return self.key.private_key.public_key()
        if time.monotonic() - self._published_at > PUBLISHED_KEYS_MAX_AGE_SECONDS:
            await self.published()
        return keys_from_jwks({"keys": self._published}).get(kid)
