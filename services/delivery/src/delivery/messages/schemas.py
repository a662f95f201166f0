"""The delivery log and send-time estimates as the API shows them."""

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel

from contracts.vocabulary import Channel


class LogEntry(BaseModel):
    """One message on one channel: where it is, never what it said."""

    id: UUID
    channel: Channel
    kind: str
    reference_id: UUID
    """The dispatch id (or notice id)."""
    assessment_id: UUID | None
    subject_ref: str | None
    state: str
    attempts: int
    failure: str | None
    provider_message_id: str | None
    created_at: datetime
    updated_at: datetime


class LogPage(BaseModel):
    entries: list[LogEntry]
    next_after: UUID | None
    """Pass as ``after`` for the next page; None on the last page."""


class EstimateChannel(StrEnum):
    EMAIL = "email"
    SLACK = "slack"


class Estimate(BaseModel):
    channel: EstimateChannel
    recipients: int
    messages_per_second: float
    seconds: float
    summary: str
    """E.g. "10,000 Slack DMs ≈ 42 min"."""
