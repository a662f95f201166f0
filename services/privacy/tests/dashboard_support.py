"""Rows the privacy officer's dashboard counts and its filtered lists show, made the same way for
the tests of both."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from chassis.database import Database
from privacy.backups.service import mark_deleted, record_backup
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.register.seed import PARTICIPANT_ANSWERS, PARTICIPANT_NAMES_AND_EMAILS

from .scratch_support import Scratch

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # the conftest clock's time


async def seed_backups(database: Database) -> list[str]:
    """Backups taken 70, 30 and 1 day before NOW, each to be kept 60 days; the oldest is
    deleted. Their names, oldest first."""
    names = []
    async with database.sessions() as session, session.begin():
        for days in (70, 30, 1):
            taken = NOW - timedelta(days=days)
            names.append(f"{taken:%Y%m%dT%H%M%SZ}")
            await record_backup(
                session, name=names[-1], taken_at=taken, expires_at=taken + timedelta(days=60)
            )
        await mark_deleted(session, names=[names[0]], at=NOW)
    return names


def breach_body(discovered_at: datetime) -> dict[str, Any]:
    return {
        "discovered_at": discovered_at.isoformat(),
        "nature": "An export link was shared beyond the client.",
        "data_category_ids": [str(PARTICIPANT_NAMES_AND_EMAILS), str(PARTICIPANT_ANSWERS)],
        "tenant_ids": [str(uuid.uuid4())],
        "likely_consequences": "Colleagues may see scores.",
        "measures_taken": "The link was revoked.",
        "measures_proposed": "Shorter-lived links.",
    }


async def record_breach(scratch: Scratch, discovered_at: datetime) -> dict[str, Any]:
    response = await scratch.client.post(
        "/breaches", json=breach_body(discovered_at), headers=scratch.officer
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def notify_authority(scratch: Scratch, breach: dict[str, Any], at: datetime) -> None:
    """Records that the supervisory authority was told of ``breach`` at ``at``, late."""
    told = await scratch.client.post(
        f"/breaches/{breach['id']}/authority-notification",
        json={"notified_at": at.isoformat(), "delay_reasons": "Late."},
        headers=scratch.officer,
    )
    assert told.status_code == 200, told.text


def offboarding_row(
    state: OffboardingState, *, requested_at: datetime, erase_on: datetime | None = None
) -> ClientOffboarding:
    """An offboarding in ``state``; unless told, erasure is due 30 days after the request."""
    return ClientOffboarding(
        tenant_id=uuid.uuid4(),
        reference=f"OFF-{uuid.uuid4().hex[:8].upper()}",
        state=state,
        requested_at=requested_at,
        export_asked_at=requested_at,
        erase_on=erase_on or requested_at + timedelta(days=30),
        erase_on_agreed_by="default",
        erasure_attempts=0,
        certificate={"issued": True} if state is OffboardingState.ERASED else None,
    )
