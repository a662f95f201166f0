"""Bot tokens encrypted at rest: AES-256-GCM, the team id as associated data."""

import base64
import binascii
import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import SecretStr

NONCE_BYTES = 12


class TokenCipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the Slack token key is 32 bytes")
        self._aead = AESGCM(key)

    @classmethod
    def from_setting(cls, value: SecretStr | None) -> "TokenCipher":
        if value is None or not value.get_secret_value().strip():
            raise ValueError(
                "DELIVERY_SLACK_TOKEN_ENCRYPTION_KEY is not set (base64 of 32 random bytes; "
                "`./soket up` generates one for development)"
            )
        try:
            return cls(base64.b64decode(value.get_secret_value().strip(), validate=True))
        except binascii.Error:
            raise ValueError("DELIVERY_SLACK_TOKEN_ENCRYPTION_KEY is not base64") from None

    def encrypt(self, token: str, *, team_id: str) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, token.encode(), team_id.encode())

    def decrypt(self, sealed: bytes, *, team_id: str) -> str:
        nonce, ciphertext = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
        return self._aead.decrypt(nonce, ciphertext, team_id.encode()).decode()
