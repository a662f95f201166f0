"""Signing access tokens (EdDSA over Ed25519, with a key id) and publishing their keys."""

import base64
import hashlib
import uuid
from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from chassis.auth.principal import Role

ISSUER = "soket-accounts"
AUDIENCE = "soket"
ALGORITHM = "EdDSA"
DEFAULT_ACCESS_TOKEN_TTL = timedelta(minutes=15)

Jwk = dict[str, str]


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_jwk(public_key: Ed25519PublicKey) -> Jwk:
    """The JWK (RFC 8037) of an Ed25519 public key, its ``kid`` derived from the key."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    kid = _b64url(hashlib.sha256(raw).digest()[:12])
    return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw), "kid": kid, "alg": ALGORITHM}


@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 private key and the key id its tokens carry."""

    private_key: Ed25519PrivateKey

    @classmethod
    def from_seed(cls, seed: bytes) -> "SigningKey":
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def generate(cls) -> "SigningKey":
        return cls(Ed25519PrivateKey.generate())

    def public_jwk(self) -> Jwk:
        return public_jwk(self.private_key.public_key())

    @property
    def kid(self) -> str:
        return self.public_jwk()["kid"]


class AccessTokenSigner:
    """Issues short-lived access tokens naming the user, their client and roles."""

    def __init__(
        self,
        key: SigningKey,
        *,
        ttl: timedelta = DEFAULT_ACCESS_TOKEN_TTL,
        issuer: str = ISSUER,
        audience: str = AUDIENCE,
    ) -> None:
        self._key = key
        self._kid = key.kid
        self.ttl = ttl
        self._issuer = issuer
        self._audience = audience

    @property
    def kid(self) -> str:
        return self._kid

    def issue(
        self,
        *,
        user_id: uuid.UUID,
        tenant_id: uuid.UUID | None,
        roles: Set[Role],
        now: datetime | None = None,
    ) -> str:
        issued_at = now or datetime.now(UTC)
        claims: dict[str, Any] = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": str(user_id),
            "tid": str(tenant_id) if tenant_id else None,
            "roles": sorted(roles),
            "jti": uuid.uuid4().hex,
            "iat": int(issued_at.timestamp()),
            "exp": int((issued_at + self.ttl).timestamp()),
        }
        return jwt.encode(
            claims, self._key.private_key, algorithm=ALGORITHM, headers={"kid": self._kid}
        )


def jwks_document(keys: Iterable[Jwk]) -> dict[str, list[Jwk]]:
    """The body of ``/.well-known/jwks.json``."""
    return {"keys": list(keys)}
