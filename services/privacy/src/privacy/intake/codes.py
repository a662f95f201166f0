"""The secrets of an intake: a 6-digit code emailed to the subject, and the status token
returned once; only their hashes are stored."""

import hashlib
import hmac
import secrets
from uuid import UUID

CODE_DIGITS = 6


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(intake_id: UUID, code: str) -> str:
    """HMAC-SHA256 keyed by the intake id: the same code of two intakes hashes apart."""
    return hmac.new(intake_id.bytes, code.strip().encode(), hashlib.sha256).hexdigest()


def code_matches(intake_id: UUID, code: str, stored_hash: str | None) -> bool:
    if stored_hash is None:
        return False
    return hmac.compare_digest(code_hash(intake_id, code), stored_hash)


def new_status_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_hash: str | None) -> bool:
    if stored_hash is None:
        return False
    return hmac.compare_digest(token_hash(token), stored_hash)


def address_hash(key: bytes, email: str) -> str:
    """What the throttle counts submissions by: never the address itself."""
    return hmac.new(key, b"intake-throttle:" + email.encode(), hashlib.sha256).hexdigest()
