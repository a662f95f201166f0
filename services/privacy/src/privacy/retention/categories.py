"""What each retention category allows: its actions, whether the client sets it, and the
register activity whose data it limits (P17, Q8)."""

from typing import Final
from uuid import UUID

from contracts.events.privacy import RetentionAction, RetentionCategory
from privacy.register import seed

C = RetentionCategory
A = RetentionAction

ALLOWED_ACTIONS: Final[dict[RetentionCategory, frozenset[RetentionAction]]] = {
    C.ANSWERS: frozenset({A.DELETE, A.ANONYMISE}),
    C.ANSWER_TOKENS: frozenset({A.DELETE}),
    C.DISPATCHES: frozenset({A.DELETE}),
    C.DELIVERY_LOG: frozenset({A.DELETE}),
    C.SLACK_MEMBER_DIRECTORY: frozenset({A.DELETE}),
    C.PER_PERSON_STATISTICS: frozenset({A.ANONYMISE}),
    C.REFRESH_TOKENS: frozenset({A.DELETE}),
}
"""Answers may stay as anonymous rows; per-person statistics only ever lose their person."""

CLIENT_CONTROLLED: Final = frozenset({C.ANSWERS, C.DISPATCHES, C.PER_PERSON_STATISTICS})
"""Categories the client controls (it is their controller): a client admin may set their own
period and action; Soket's operational data (tokens, logs, sessions) follows Soket's policy."""

ACTIVITIES: Final[dict[RetentionCategory, UUID]] = {
    C.ANSWERS: seed.PARTICIPANT_ANSWERS,
    C.ANSWER_TOKENS: seed.PARTICIPANT_NAMES_AND_EMAILS,
    C.DISPATCHES: seed.PARTICIPANT_NAMES_AND_EMAILS,
    C.DELIVERY_LOG: seed.PARTICIPANT_NAMES_AND_EMAILS,
    C.SLACK_MEMBER_DIRECTORY: seed.PARTICIPANT_SLACK_IDS,
    C.PER_PERSON_STATISTICS: seed.ANSWER_STATISTICS,
    C.REFRESH_TOKENS: seed.CLIENT_REPRESENTATIVE_EMAIL,
}
"""The register-of-processing activity each category's policy implements."""
