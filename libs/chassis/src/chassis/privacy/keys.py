"""The keys services read from their settings, and fresh ones for development."""

import base64
import binascii
import secrets

from pydantic import SecretStr

from chassis.privacy.receipts import SEED_BYTES, ReceiptSigner
from chassis.settings import ServiceSettings
from contracts.vocabulary import DataService

SUBJECT_REF_KEY_VARIABLE = "SUBJECT_REF_KEY"
SUBJECT_REF_KEY_BYTES = 32
ACCESS_TOKEN_SIGNING_KEY_VARIABLE = "ACCOUNTS_ACCESS_TOKEN_SIGNING_KEY"  # noqa: S105 (a name)
"""Base64 of the 32-byte Ed25519 seed accounts signs access tokens with."""
SLACK_TOKEN_ENCRYPTION_KEY_VARIABLE = "DELIVERY_SLACK_TOKEN_ENCRYPTION_KEY"  # noqa: S105 (a name)
"""Base64 of the 32-byte AES-256-GCM key delivery encrypts Slack bot tokens with."""
SLACK_TOKEN_ENCRYPTION_KEY_BYTES = 32
DOWNLOAD_LINK_KEY_VARIABLE = "PRIVACY_DOWNLOAD_LINK_KEY"
"""Base64 of the 32-byte HMAC key privacy signs export download links with."""
DOWNLOAD_LINK_KEY_BYTES = 32
BACKUP_ENCRYPTION_KEY_VARIABLE = "SOKET_BACKUP_ENCRYPTION_KEY"
"""Base64 of the 32-byte AES-256-GCM key ``./soket backup`` encrypts database dumps with."""
BACKUP_ENCRYPTION_KEY_BYTES = 32


class MissingKeyError(RuntimeError):
    """A key the privacy wiring needs is not set, or is not what it must be."""


def receipt_signing_key_variable(service: str) -> str:
    """The environment variable of a service's receipt-signing key."""
    return f"{service.upper()}_RECEIPT_SIGNING_KEY"


def receipt_signer(settings: ServiceSettings) -> ReceiptSigner:
    """The service's receipt signer; ``MissingKeyError`` naming the variable when unset."""
    variable = receipt_signing_key_variable(settings.service_name)
    return ReceiptSigner(_decoded(settings.receipt_signing_key, variable, exact=SEED_BYTES))


def subject_ref_key(settings: ServiceSettings) -> bytes:
    """The HMAC key of ``subject_ref``; ``MissingKeyError`` naming the variable when unset."""
    return _decoded(settings.subject_ref_key, SUBJECT_REF_KEY_VARIABLE, exact=SUBJECT_REF_KEY_BYTES)


def generate_development_keys() -> dict[str, str]:
    """Fresh keys for a development or test run: environment variable → base64 value."""
    keys = {SUBJECT_REF_KEY_VARIABLE: _random_b64(SUBJECT_REF_KEY_BYTES)}
    for service in DataService:
        keys[receipt_signing_key_variable(service)] = _random_b64(SEED_BYTES)
    keys[ACCESS_TOKEN_SIGNING_KEY_VARIABLE] = _random_b64(SEED_BYTES)
    keys[SLACK_TOKEN_ENCRYPTION_KEY_VARIABLE] = _random_b64(SLACK_TOKEN_ENCRYPTION_KEY_BYTES)
    keys[DOWNLOAD_LINK_KEY_VARIABLE] = _random_b64(DOWNLOAD_LINK_KEY_BYTES)
    keys[BACKUP_ENCRYPTION_KEY_VARIABLE] = _random_b64(BACKUP_ENCRYPTION_KEY_BYTES)
    return keys


def _random_b64(size: int) -> str:
    return base64.b64encode(secrets.token_bytes(size)).decode("ascii")


def _decoded(value: SecretStr | None, variable: str, *, exact: int) -> bytes:
    if value is None or not value.get_secret_value().strip():
        raise MissingKeyError(
            f"{variable} is not set: the privacy participant needs it "
            f"(base64 of {exact} random bytes; `./soket up` generates development keys)"
        )
    try:
        key = base64.b64decode(value.get_secret_value().strip(), validate=True)
    except binascii.Error:
        raise MissingKeyError(f"{variable} is not valid base64") from None
    if len(key) != exact:
        raise MissingKeyError(f"{variable} must decode to {exact} bytes, not {len(key)}")
    return key
