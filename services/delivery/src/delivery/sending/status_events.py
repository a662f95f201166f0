"""Envelopes of status events about one message."""

from typing import Any

from chassis.correlation import current_causation_id, current_correlation_id, current_traceparent
from contracts.envelope import Envelope
from contracts.events.delivery import MessageStatus


def status_envelope(status: MessageStatus, *, correlation_id: str | None) -> Envelope[Any]:
    """``status`` under the correlation of the event that asked for its message (Q10), not of
    the batch, claim or SNS call at hand; the work in progress's when the message has none."""
    return Envelope.wrap(
        status,
        correlation_id=correlation_id or current_correlation_id(),
        causation_id=current_causation_id(),
        traceparent=current_traceparent(),
    )
