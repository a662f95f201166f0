"""Keeps emails, names, passwords, tokens and answers out of every log line.

Two nets: a field whose *name* says it is personal or secret is replaced whole, and every
string value is scrubbed of what looks like an email, a JWT, a bearer token or a
``secret=value`` pair (query strings, form bodies, messages built with f-strings).
"""

import re
from collections.abc import Mapping
from typing import Any

REDACTED = "[redacted]"

_SENSITIVE_KEY_PARTS = (
    "email",
    "password",
    "passwd",
    "secret",
    "token",
    "authorization",
    "cookie",
    "answer",
    "free_text",
    "phone",
    "address",
    "signature",
    "private_key",
    "api_key",
)
_SENSITIVE_KEYS = {"name", "first_name", "last_name", "full_name", "display_name", "real_name"}
_SENSITIVE_KEY_SUFFIXES = ("_name",)
_SAFE_KEYS = {"event", "logger", "level", "timestamp", "service", "process", "logger_name"}
_WRITTEN_BY_US = frozenset(
    {"logger", "level", "timestamp", "service", "process", "correlation_id", "traceparent"}
)
"""Fields the logging setup itself fills in: never personal, so never scrubbed."""

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]+")
_SECRET_PAIR = re.compile(
    r"(?i)([\"']?\b(?:[a-z_]*(?:password|passwd|secret|token|answer|email)|code|key|api_key"
    r"|name|username|first_name|last_name|full_name)\b[\"']?"
    r"\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|[^\s&,;}\]]+)"
)
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s:@]+:[^/\s@]+@")
_MIGHT_HOLD_ANY = re.compile(r"[@=:]|eyJ|(?i:bearer|basic)\s")
"""Every pattern above needs one of these; most log strings have none and skip the rest."""


def is_sensitive_key(key: str) -> bool:
    lowered = key.lower()
    if lowered in _SAFE_KEYS:
        return False
    return (
        lowered in _SENSITIVE_KEYS
        or lowered.endswith(_SENSITIVE_KEY_SUFFIXES)
        or any(part in lowered for part in _SENSITIVE_KEY_PARTS)
    )


def scrub_text(text: str) -> str:
    if not _MIGHT_HOLD_ANY.search(text):
        return text
    text = _URL_CREDENTIALS.sub(r"\1[redacted]@", text)
    text = _JWT.sub("[token]", text)
    text = _BEARER.sub(r"\1 [redacted]", text)
    text = _SECRET_PAIR.sub(rf"\1{REDACTED}", text)
    return _EMAIL.sub("[email]", text)


def redact(value: Any) -> Any:
    """A copy of ``value`` with sensitive fields replaced and strings scrubbed."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, Mapping):
        return {key: _redact_field(key, item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [redact(item) for item in value]
    return value


def redaction_processor(_logger: object, _method: str, event_dict: Any) -> Any:
    """structlog processor: the last step before rendering."""
    return {
        key: item if key in _WRITTEN_BY_US else _redact_field(key, item)
        for key, item in event_dict.items()
    }


def _redact_field(key: Any, item: Any) -> Any:
    return REDACTED if isinstance(key, str) and is_sensitive_key(key) else redact(item)
