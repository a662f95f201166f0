"""The client's address for its offboarding (P12): signed links to the export and the
certificate. Both carry the same signature, so the offer's link also opens the certificate."""

import hashlib
import hmac
from typing import Final, Literal
from uuid import UUID

from privacy.exports.links import download_link_key
from privacy.settings import Settings

_PURPOSE: Final = b"soket-offboarding-link-v1:"

Document = Literal["export", "certificate"]


def offboarding_signature(settings: Settings, *, offboarding_id: UUID) -> str:
    key = download_link_key(settings)
    return hmac.new(key, _PURPOSE + str(offboarding_id).encode(), hashlib.sha256).hexdigest()


def offboarding_signature_holds(
    settings: Settings, *, offboarding_id: UUID, signature: str
) -> bool:
    expected = offboarding_signature(settings, offboarding_id=offboarding_id)
    return hmac.compare_digest(expected, signature.lower())


def offboarding_link(settings: Settings, *, offboarding_id: UUID, document: Document) -> str:
    """``{public_base_url}/api/privacy/offboarding/{id}/{document}?signature=<hex>``."""
    signature = offboarding_signature(settings, offboarding_id=offboarding_id)
    base = settings.public_base_url.rstrip("/")
    return f"{base}/api/privacy/offboarding/{offboarding_id}/{document}?signature={signature}"
