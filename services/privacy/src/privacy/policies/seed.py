"""The privacy policy version migration 0015 seeds: the product's own policy (seeds/000), in
force from a fixed past date, so a fresh install has a version in effect.

Frozen: 0015 inserts exactly this row, its texts read from ``texts/`` next to this module (the
repository's own copy of the policy: Estonian as written, lightly formatted as Markdown, and an
English translation). A later policy is a version the privacy officer publishes through
``POST /policies`` (it supersedes this one in the normal way), never an edit here.

The seed is not a change of policy: it is recorded without the announcement a published
version asks for (no email to client representatives) and without an audit entry.
"""

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, Final
from uuid import UUID
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

TEXTS: Final = Path(__file__).parent / "texts"

VERSION_ID: Final = UUID("00000000-0000-7000-8000-000000001501")
PUBLISHED_BY: Final = UUID("00000000-0000-7000-8000-000000001500")
"""Not a person: the installation itself recorded the version."""

LABEL: Final = "2025-12"
EFFECTIVE_ON: Final = date(2025, 12, 1)
EFFECTIVE_AT: Final = datetime.combine(EFFECTIVE_ON, time(0), tzinfo=ZoneInfo("Europe/Tallinn"))
"""Midnight in Tallinn, the policies' time zone when this seed was written."""
SUMMARY: Final = (
    "Soket's privacy policy as in force when this record of versions begins: the client data "
    "collected and why, Slack, processors, security, deletion and the client's rights. "
    "Soketi privaatsuspõhimõtted, nagu need kehtisid versioonide arvestuse alguses."
)


def policy_text(language: str) -> str:
    """The seeded version's text in ``et`` or ``en``, from the package's own copy."""
    return (TEXTS / f"{LABEL}.{language}.md").read_text(encoding="utf-8").strip()


def seeded_version() -> dict[str, Any]:
    """The row 0015 inserts: published and in force at the same moment (it is the policy the
    record starts from, not a change announced ahead)."""
    effective_at = EFFECTIVE_AT.astimezone(UTC)
    return {
        "id": VERSION_ID,
        "label": LABEL,
        "effective_on": EFFECTIVE_ON,
        "effective_at": effective_at,
        "summary": SUMMARY,
        "text_et": policy_text("et"),
        "text_en": policy_text("en"),
        "url_et": None,
        "url_en": None,
        "published_at": effective_at,
        "published_by": PUBLISHED_BY,
    }


_VERSIONS: Final = sa.table(
    "policy_version",
    sa.column("id", sa.Uuid()),
    sa.column("label", sa.String(40)),
    sa.column("effective_on", sa.Date()),
    sa.column("effective_at", sa.DateTime(timezone=True)),
    sa.column("summary", sa.Text()),
    sa.column("text_et", sa.Text()),
    sa.column("text_en", sa.Text()),
    sa.column("url_et", sa.String(500)),
    sa.column("url_en", sa.String(500)),
    sa.column("published_at", sa.DateTime(timezone=True)),
    sa.column("published_by", sa.Uuid()),
    sa.column("withdrawn_at", sa.DateTime(timezone=True)),
)


def seed_statement() -> sa.Insert:
    """Inserts the seeded version unless one is already in effect, or its id, label or
    effective date is taken: running it again changes nothing, and versions an officer
    published stay as they are."""
    row = seeded_version()
    in_force = (
        sa.select(sa.literal(1))
        .select_from(_VERSIONS)
        .where(
            _VERSIONS.c.withdrawn_at.is_(None),
            _VERSIONS.c.effective_at <= sa.func.now(),
        )
    )
    values = sa.select(*(sa.literal(value, _VERSIONS.c[key].type) for key, value in row.items()))
    return (
        postgresql.insert(_VERSIONS)
        .from_select(list(row), values.where(~in_force.exists()))
        .on_conflict_do_nothing()
    )


def unseed_statement() -> sa.Delete:
    """Removes the seeded version unless a user accepted it (acceptances are kept)."""
    acceptances = sa.table("policy_acceptance", sa.column("version_id", sa.Uuid()))
    accepted = sa.select(sa.literal(1)).where(acceptances.c.version_id == VERSION_ID)
    return sa.delete(_VERSIONS).where(_VERSIONS.c.id == VERSION_ID, ~accepted.exists())
