"""``subject_ref``: how every service names a person of a client without their email (DESIGN.md)."""

import base64
import hashlib
import hmac
import unicodedata
from uuid import UUID


def normalise_email(email: str) -> str:
    """The form of an address that ``subject_ref`` hashes.

    Surrounding whitespace removed, Unicode NFC, then lower-cased as a whole (the local part
    too: in practice mailboxes are case-insensitive, and a person must not become two people
    by typing their address differently). Nothing else is rewritten (no dots or ``+tags``).
    """
    normalised = unicodedata.normalize("NFC", email.strip()).lower()
    if "@" not in normalised:
        raise ValueError("not an email address")
    return normalised


def subject_ref(key: bytes, *, tenant_id: UUID, email: str) -> str:
    """base32(HMAC-SHA256(key, "<tenant_id>:<normalised email>")), 52 characters, unpadded."""
    if not key:
        raise ValueError("the subject_ref key is empty")
    message = f"{tenant_id}:{normalise_email(email)}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=")
