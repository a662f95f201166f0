"""Soket's integration events: the envelope, the catalogue of event data, their schemas.

Event data models live in ``contracts.events.<producer>``; this package root gathers what
every publisher and consumer needs.
"""

from contracts.base import ContractModel, EventData
from contracts.catalogue import (
    CATALOGUE,
    event_types_for,
    event_types_of,
    model_for,
    producer_of,
)
from contracts.envelope import Envelope, WireEnvelope, parse_envelope
from contracts.errors import (
    ContractError,
    EventTypeNotInferableError,
    InvalidEventDataError,
    MalformedEnvelopeError,
    UnknownEventTypeError,
    UnreadableEventError,
)
from contracts.ids import uuid7, uuid7_time

__all__ = [
    "CATALOGUE",
    "ContractError",
    "ContractModel",
    "Envelope",
    "EventData",
    "EventTypeNotInferableError",
    "InvalidEventDataError",
    "MalformedEnvelopeError",
    "UnknownEventTypeError",
    "UnreadableEventError",
    "WireEnvelope",
    "event_types_for",
    "event_types_of",
    "model_for",
    "parse_envelope",
    "producer_of",
    "uuid7",
    "uuid7_time",
]
