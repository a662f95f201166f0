"""What a provider call came to."""

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class Sent:
    """The provider took the message."""

    provider_message_id: str
    slack_channel_id: str | None = None


@dataclass(frozen=True)
class Refused:
    """A clear refusal that may pass (throttling, not reachable): try again later."""

    reason: str
    retry_after: float | None = None


@dataclass(frozen=True)
class Failed:
    """A refusal that will not pass (a rejected address, a removed app)."""

    reason: str


@dataclass(frozen=True)
class Unknown:
    """The call may or may not have reached the provider: never resent blindly."""

    reason: str


Outcome = Sent | Refused | Failed | Unknown


@dataclass(frozen=True)
class Result:
    message_id: UUID
    outcome: Outcome
