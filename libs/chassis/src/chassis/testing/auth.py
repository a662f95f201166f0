"""Access tokens for tests: a fresh key the app under test trusts, signed by the real signer."""

import uuid
from collections.abc import Set
from datetime import datetime

from fastapi import FastAPI

from chassis.auth.principal import Role
from chassis.auth.signing import AccessTokenSigner, SigningKey, jwks_document
from chassis.auth.verifier import StaticKeySource, TokenVerifier


class TestTokens:
    """Issues tokens an app accepts once :meth:`install` has replaced its verifier."""

    __test__ = False

    def __init__(self, key: SigningKey | None = None) -> None:
        self.key = key or SigningKey.generate()
        self.signer = AccessTokenSigner(self.key)

    @classmethod
    def install(cls, app: FastAPI) -> "TestTokens":
        tokens = cls()
        app.state.token_verifier = TokenVerifier(
            StaticKeySource(jwks_document([tokens.key.public_jwk()]))
        )
        return tokens

    def issue(
        self,
        *,
        tenant_id: uuid.UUID | None,
        roles: Set[Role] = frozenset({Role.ADMIN}),
        user_id: uuid.UUID | None = None,
        now: datetime | None = None,
    ) -> str:
        return self.signer.issue(
            user_id=user_id or uuid.uuid4(), tenant_id=tenant_id, roles=roles, now=now
        )

    def headers(
        self,
        *,
        tenant_id: uuid.UUID | None,
        roles: Set[Role] = frozenset({Role.ADMIN}),
        user_id: uuid.UUID | None = None,
    ) -> dict[str, str]:
        token = self.issue(tenant_id=tenant_id, roles=roles, user_id=user_id)
        return {"Authorization": f"Bearer {token}"}
