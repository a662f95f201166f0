"""Unsubscribe links: the client and the person, signed, so no row is needed to answer one."""

import base64
import hashlib
import hmac
from dataclasses import dataclass
from uuid import UUID

_MAC_BYTES = 16
_SUBJECT_REF_CHARS = 52


@dataclass(frozen=True)
class UnsubscribeTarget:
    tenant_id: UUID
    subject_ref: str


class InvalidUnsubscribeTokenError(ValueError):
    """The token was not made by us, or was changed."""


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()[:_MAC_BYTES]


def make_token(key: bytes, target: UnsubscribeTarget) -> str:
    payload = target.tenant_id.bytes + target.subject_ref.encode("ascii")
    return base64.urlsafe_b64encode(payload + _mac(key, payload)).decode("ascii").rstrip("=")


def read_token(key: bytes, token: str) -> UnsubscribeTarget:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except ValueError:
        raise InvalidUnsubscribeTokenError("not a token") from None
    if len(raw) != 16 + _SUBJECT_REF_CHARS + _MAC_BYTES:
        raise InvalidUnsubscribeTokenError("not a token")
    payload, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
    if not hmac.compare_digest(mac, _mac(key, payload)):
        raise InvalidUnsubscribeTokenError("not a token of ours")
    return UnsubscribeTarget(
        tenant_id=UUID(bytes=payload[:16]), subject_ref=payload[16:].decode("ascii")
    )
