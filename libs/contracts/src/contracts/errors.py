"""What goes wrong when an event does not match the contract.

Messages name fields and rules, never the offending values: they end up in logs, and
event data may hold emails.
"""

from pydantic import ValidationError


class ContractError(Exception):
    """Base of every error this package raises."""


class UnreadableEventError(ContractError):
    """A received message cannot be read as a catalogued event: dead-letter it."""


class MalformedEnvelopeError(UnreadableEventError):
    """The message is not JSON, or its envelope fields are missing, invalid or inconsistent."""


class UnknownEventTypeError(UnreadableEventError):
    """The event type is not in the catalogue."""

    def __init__(self, event_type: str) -> None:
        super().__init__(f"unknown event type {event_type!r}")
        self.event_type = event_type


class InvalidEventDataError(UnreadableEventError):
    """The event's data does not match the model registered for its type."""

    def __init__(self, event_type: str, problems: list[str]) -> None:
        super().__init__(f"invalid data for {event_type}: " + "; ".join(problems))
        self.event_type = event_type
        self.problems = problems


class EventTypeNotInferableError(ContractError):
    """A publisher wrapped data whose event type cannot be told from its model and source."""


def describe_problems(error: ValidationError) -> list[str]:
    """Each validation problem as ``location: message``, without the input values."""
    return [
        f"{'.'.join(str(part) for part in problem['loc']) or '(root)'}: {problem['msg']}"
        for problem in error.errors(include_url=False, include_input=False, include_context=False)
    ]
