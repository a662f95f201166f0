"""Signed, expiring download links of export archives (HMAC-SHA256 with a 32-byte key)."""

import base64
import binascii
import hashlib
import hmac
from datetime import datetime
from typing import Final
from uuid import UUID

from chassis.privacy.keys import DOWNLOAD_LINK_KEY_BYTES, DOWNLOAD_LINK_KEY_VARIABLE
from privacy.settings import Settings

_PURPOSE: Final = b"soket-export-link-v1:"


class DownloadLinkKeyMissing(RuntimeError):  # noqa: N818 - says what is wrong
    """``PRIVACY_DOWNLOAD_LINK_KEY`` is unset or not base64 of 32 bytes."""


def download_link_key(settings: Settings) -> bytes:
    """The HMAC key; ``DownloadLinkKeyMissing`` naming the variable when unset or wrong."""
    value = settings.download_link_key
    if value is None or not value.get_secret_value().strip():
        raise DownloadLinkKeyMissing(
            f"{DOWNLOAD_LINK_KEY_VARIABLE} is not set: export download links are signed with "
            f"it (base64 of {DOWNLOAD_LINK_KEY_BYTES} random bytes; `./soket up` generates "
            "a development key)"
        )
    try:
        key = base64.b64decode(value.get_secret_value().strip(), validate=True)
    except binascii.Error:
        raise DownloadLinkKeyMissing(f"{DOWNLOAD_LINK_KEY_VARIABLE} is not valid base64") from None
    if len(key) != DOWNLOAD_LINK_KEY_BYTES:
        raise DownloadLinkKeyMissing(
            f"{DOWNLOAD_LINK_KEY_VARIABLE} must decode to {DOWNLOAD_LINK_KEY_BYTES} bytes, "
            f"not {len(key)}"
        )
    return key


def link_signature(key: bytes, *, request_id: UUID, expires: int) -> str:
    message = _PURPOSE + f"{request_id}:{expires}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signature_holds(key: bytes, *, request_id: UUID, expires: int, signature: str) -> bool:
    expected = link_signature(key, request_id=request_id, expires=expires)
    return hmac.compare_digest(expected, signature.lower())


def download_link(settings: Settings, *, request_id: UUID, expires_at: datetime) -> str:
    """``{public_base_url}/api/privacy/exports/{request_id}?expires=<unix>&signature=<hex>``."""
    expires = int(expires_at.timestamp())
    signature = link_signature(download_link_key(settings), request_id=request_id, expires=expires)
    base = settings.public_base_url.rstrip("/")
    return f"{base}/api/privacy/exports/{request_id}?expires={expires}&signature={signature}"
