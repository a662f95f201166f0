"""The global retention policies migration 0009 seeds.

Frozen: 0009 inserts exactly these rows. A later change of a default is a new migration (or
the privacy officer's edit through ``/retention/policies``), never an edit here.
"""

from typing import Final
from uuid import UUID

from contracts.events.privacy import RetentionAction, RetentionCategory

C = RetentionCategory
A = RetentionAction

DEFAULT_POLICIES: Final[list[dict[str, object]]] = [
    {
        "id": UUID("00000000-0000-7000-8000-000000000901"),
        "category": C.ANSWERS,
        "period_days": 365,
        "action": A.ANONYMISE,
        "rationale": "Answers a year old lose their person; choice answers stay, anonymous.",
    },
    {
        "id": UUID("00000000-0000-7000-8000-000000000902"),
        "category": C.ANSWER_TOKENS,
        "period_days": 0,
        "action": A.DELETE,
        "rationale": "An answer token goes once it has expired with its dispatch.",
    },
    {
        "id": UUID("00000000-0000-7000-8000-000000000903"),
        "category": C.DISPATCHES,
        "period_days": 365,
        "action": A.DELETE,
        "rationale": "Who was sent which question is kept a year.",
    },
    {
        "id": UUID("00000000-0000-7000-8000-000000000904"),
        "category": C.DELIVERY_LOG,
        "period_days": 90,
        "action": A.DELETE,
        "rationale": "The delivery log is kept 90 days, to answer for sends and bounces.",
    },
    {
        "id": UUID("00000000-0000-7000-8000-000000000905"),
        "category": C.SLACK_MEMBER_DIRECTORY,
        "period_days": 180,
        "action": A.DELETE,
        "rationale": "Slack members not seen in an import for 180 days are forgotten.",
    },
    {
        "id": UUID("00000000-0000-7000-8000-000000000906"),
        "category": C.PER_PERSON_STATISTICS,
        "period_days": 365,
        "action": A.ANONYMISE,
        "rationale": "Per-person figures a year old lose their person; the totals stay.",
    },
    {
        "id": UUID("00000000-0000-7000-8000-000000000907"),
        "category": C.REFRESH_TOKENS,
        "period_days": 44,
        "action": A.DELETE,
        "rationale": "A session's refresh tokens go 30 days after the session (14 days) has ended.",
    },
]
