"""The one state machine of a data-subject request: every allowed move, in one table."""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class RequestState(StrEnum):
    RECEIVED = "received"
    AWAITING_VERIFICATION = "awaiting_verification"
    IDENTITY_VERIFIED = "identity_verified"
    AWAITING_DECISION = "awaiting_decision"
    APPROVED = "approved"
    DENIED = "denied"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    VERIFIED = "verified"
    """An erasure whose re-export came back empty from every service: nothing left."""
    FAILED = "failed"
    """Retryable: a job failed for good, or the re-export after an erasure found data."""
    CANCELED = "canceled"
    """Stopped by staff."""
    WITHDRAWN = "withdrawn"
    """Stopped by the subject."""


class Actor(StrEnum):
    """Who moves a request: the subject, a client admin, a privacy officer, or the service."""

    SUBJECT = "subject"
    CLIENT_ADMIN = "client_admin"
    CLIENT_USER = "client_user"
    PRIVACY_OFFICER = "privacy_officer"
    SYSTEM = "system"


S = RequestState
_DECIDERS: Final = frozenset({Actor.CLIENT_ADMIN, Actor.PRIVACY_OFFICER, Actor.SYSTEM})
_STAFF: Final = frozenset({Actor.CLIENT_ADMIN, Actor.PRIVACY_OFFICER})
_SYSTEM: Final = frozenset({Actor.SYSTEM})
_BEFORE_NO_RETURN: Final = (
    S.RECEIVED,
    S.AWAITING_VERIFICATION,
    S.IDENTITY_VERIFIED,
    S.AWAITING_DECISION,
    S.APPROVED,
)
"""An erasure can be stopped until its jobs start (``in_progress``): the point of no return."""

TRANSITIONS: Final[Mapping[tuple[RequestState, RequestState], frozenset[Actor]]] = {
    (S.RECEIVED, S.AWAITING_VERIFICATION): _SYSTEM,
    (S.RECEIVED, S.IDENTITY_VERIFIED): _SYSTEM,
    (S.AWAITING_VERIFICATION, S.IDENTITY_VERIFIED): frozenset({Actor.SUBJECT}),
    (S.IDENTITY_VERIFIED, S.AWAITING_DECISION): _SYSTEM,
    (S.AWAITING_DECISION, S.APPROVED): _DECIDERS,
    (S.AWAITING_DECISION, S.DENIED): _DECIDERS,
    (S.APPROVED, S.IN_PROGRESS): _SYSTEM,
    (S.APPROVED, S.DENIED): _SYSTEM,
    (S.IN_PROGRESS, S.COMPLETED): _SYSTEM,
    (S.IN_PROGRESS, S.FAILED): _SYSTEM,
    (S.COMPLETED, S.VERIFIED): _SYSTEM,
    (S.COMPLETED, S.FAILED): _SYSTEM,
    (S.FAILED, S.IN_PROGRESS): frozenset({Actor.PRIVACY_OFFICER, Actor.SYSTEM}),
    **{(state, S.CANCELED): _STAFF for state in _BEFORE_NO_RETURN},
    **{(state, S.WITHDRAWN): frozenset({Actor.SUBJECT}) for state in _BEFORE_NO_RETURN},
}
"""(from, to) → who may make that move. Nothing else is a move."""

TERMINAL: Final = frozenset({S.DENIED, S.VERIFIED, S.CANCELED, S.WITHDRAWN})
"""No move leaves these (``completed`` is final too for requests that are not erasures)."""

OPEN: Final = frozenset(set(RequestState) - TERMINAL - {S.COMPLETED})
"""States whose legal clock runs (or is paused, while unverified)."""


class TransitionRefused(Exception):  # noqa: N818 - says what happened to the move
    """The move is not in the table, or not for this actor."""

    def __init__(self, source: RequestState, target: RequestState, actor: Actor) -> None:
        super().__init__(f"a request cannot go from {source} to {target} (by {actor})")
        self.source = source
        self.target = target
        self.actor = actor


def check_transition(source: RequestState, target: RequestState, *, actor: Actor) -> None:
    """Raises :class:`TransitionRefused` unless the table allows this actor this move."""
    if actor not in TRANSITIONS.get((source, target), frozenset()):
        raise TransitionRefused(source, target, actor)


def is_before_point_of_no_return(state: RequestState) -> bool:
    return state in _BEFORE_NO_RETURN
