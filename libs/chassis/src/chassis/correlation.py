"""The correlation id and W3C ``traceparent`` of the work in progress.

An HTTP request brings them (or gets new ones); they are bound to every log line of that
request, echoed in the response, and later copied into the envelope of every event it emits.
"""

import re
import secrets
import uuid
from contextvars import ContextVar

import structlog

CORRELATION_HEADER = "x-correlation-id"
TRACEPARENT_HEADER = "traceparent"

_VALID_CORRELATION_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
_VALID_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")

correlation_id_var: ContextVar[str | None] = ContextVar("correlation_id", default=None)
traceparent_var: ContextVar[str | None] = ContextVar("traceparent", default=None)
causation_id_var: ContextVar[uuid.UUID | None] = ContextVar("causation_id", default=None)


def new_correlation_id() -> str:
    return uuid.uuid4().hex


def accepted_correlation_id(candidate: str | None) -> str:
    """The caller's id when it is well-formed, else a fresh one (ids end up in logs)."""
    if candidate and _VALID_CORRELATION_ID.match(candidate):
        return candidate
    return new_correlation_id()


def child_traceparent(parent: str | None) -> str:
    """A span id of our own under the caller's trace, or a new trace."""
    match = _VALID_TRACEPARENT.match(parent or "")
    trace_id = match.group(1) if match and match.group(1) != "0" * 32 else secrets.token_hex(16)
    return f"00-{trace_id}-{secrets.token_hex(8)}-01"


def bind(*, correlation_id: str, traceparent: str, causation_id: uuid.UUID | None = None) -> None:
    """Makes these the ids of the work in progress: its logs and the events it publishes."""
    correlation_id_var.set(correlation_id)
    traceparent_var.set(traceparent)
    causation_id_var.set(causation_id)
    structlog.contextvars.bind_contextvars(correlation_id=correlation_id, traceparent=traceparent)


def current_correlation_id() -> str | None:
    return correlation_id_var.get()


def current_traceparent() -> str | None:
    return traceparent_var.get()


def current_causation_id() -> uuid.UUID | None:
    return causation_id_var.get()
