"""What the API's routes share: settings, the password hasher, the token keys."""

import base64
import binascii
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from accounts.passwords.hashing import PasswordHasher
from accounts.settings import Settings
from accounts.signing.keyring import AccessTokenKeys
from chassis.auth.signing import SigningKey
from chassis.database import Database
from chassis.privacy.keys import ACCESS_TOKEN_SIGNING_KEY_VARIABLE, subject_ref_key

SEED_BYTES = 32


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    passwords: PasswordHasher
    keys: AccessTokenKeys
    subject_ref_key: bytes


def access_token_key(settings: Settings) -> SigningKey:
    """The configured access-token key; a clear error naming the variable when it is wrong."""
    value = settings.access_token_signing_key
    if value is None or not value.get_secret_value().strip():
        raise RuntimeError(
            f"{ACCESS_TOKEN_SIGNING_KEY_VARIABLE} is not set (base64 of a 32-byte Ed25519 seed; "
            "`./soket up` generates a development key)"
        )
    try:
        seed = base64.b64decode(value.get_secret_value().strip(), validate=True)
    except binascii.Error:
        raise RuntimeError(f"{ACCESS_TOKEN_SIGNING_KEY_VARIABLE} is not valid base64") from None
    if len(seed) != SEED_BYTES:
        raise RuntimeError(f"{ACCESS_TOKEN_SIGNING_KEY_VARIABLE} must decode to 32 bytes")
    return SigningKey.from_seed(seed)


def build_runtime(settings: Settings, app: FastAPI) -> Runtime:
    def database() -> Database:
        found: Database = app.state.database
        return found

    return Runtime(
        settings=settings,
        passwords=PasswordHasher(
            cost=settings.bcrypt_cost, concurrency=settings.password_hashing_concurrency
        ),
        keys=AccessTokenKeys(
            access_token_key(settings), ttl=settings.access_token_ttl, database=database
        ),
        subject_ref_key=subject_ref_key(settings),
    )


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.accounts
    return runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]
