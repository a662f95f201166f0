"""What the subject reads about a decision, in their language (English when we lack theirs)."""

from typing import Final

from privacy.requests.models import DenialReason

_DENIAL_REASONS: Final[dict[str, dict[DenialReason, str]]] = {
    "en": {
        DenialReason.INSUFFICIENT_VERIFICATION: (
            "we could not verify that the request came from you"
        ),
        DenialReason.NO_MATCH: "we hold no data about this email address",
        DenialReason.MANIFESTLY_UNFOUNDED_OR_EXCESSIVE: (
            "the request is manifestly unfounded or excessive (GDPR art. 12(5))"
        ),
        DenialReason.LEGAL_OBLIGATION_TO_KEEP: "a legal obligation requires us to keep the data",
        DenialReason.OTHER: "another reason",
    },
    "et": {
        DenialReason.INSUFFICIENT_VERIFICATION: "me ei saanud kinnitada, et taotlus tuli sinult",
        DenialReason.NO_MATCH: "meil ei ole selle e-posti aadressiga seotud andmeid",
        DenialReason.MANIFESTLY_UNFOUNDED_OR_EXCESSIVE: (
            "taotlus on ilmselgelt põhjendamatu või ülemäärane (IKÜM art 12 lg 5)"
        ),
        DenialReason.LEGAL_OBLIGATION_TO_KEEP: (
            "seadusest tulenev kohustus nõuab andmete säilitamist"
        ),
        DenialReason.OTHER: "muu põhjus",
    },
}


def denial_in_words(reason: DenialReason, *, language: str, note: str | None) -> str:
    """The reason as the subject reads it; the decider's note, when given, explains it."""
    words = _DENIAL_REASONS.get(language, _DENIAL_REASONS["en"])[reason]
    return f"{words}: {note}" if note else words
