"""Placing, releasing and finding legal holds (P14); every change is audited (Q15)."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit, hold_audit_chain
from privacy.holds.errors import HoldConflictError, HoldNotFoundError
from privacy.holds.models import LegalHold
from privacy.requests.paging import Paging
from privacy.requests.states import Actor

_ACTIVE = LegalHold.released_at.is_(None)


async def place_hold(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    subject_ref: str | None,
    reason: str,
    owner: str,
    officer_id: UUID,
    now: datetime,
) -> LegalHold:
    hold = LegalHold(
        tenant_id=tenant_id,
        subject_ref=subject_ref,
        reason=reason.strip(),
        owner=owner.strip(),
        placed_by=officer_id,
        placed_at=now,
    )
    session.add(hold)
    await session.flush()
    await append_audit(
        session,
        action="legal_hold.placed",
        actor=Actor.PRIVACY_OFFICER,
        actor_id=officer_id,
        at=now,
        details=_details(hold),
    )
    return hold


async def release_hold(
    session: AsyncSession, *, hold_id: UUID, note: str | None, officer_id: UUID, now: datetime
) -> LegalHold:
    """Released, never deleted: the hold's history stays."""
    await hold_audit_chain(session)
    hold = await session.scalar(select(LegalHold).where(LegalHold.id == hold_id).with_for_update())
    if hold is None:
        raise HoldNotFoundError(f"no legal hold {hold_id}")
    if hold.released_at is not None:
        raise HoldConflictError(f"legal hold {hold_id} was already released")
    hold.released_at = now
    hold.released_by = officer_id
    hold.release_note = note.strip() if note and note.strip() else None
    await append_audit(
        session,
        action="legal_hold.released",
        actor=Actor.PRIVACY_OFFICER,
        actor_id=officer_id,
        at=now,
        details={**_details(hold), "release_note": hold.release_note},
    )
    return hold


async def find_hold(session: AsyncSession, *, hold_id: UUID) -> LegalHold:
    hold = await session.get(LegalHold, hold_id)
    if hold is None:
        raise HoldNotFoundError(f"no legal hold {hold_id}")
    return hold


async def list_holds(
    session: AsyncSession, *, paging: Paging, active: bool | None, tenant_id: UUID | None
) -> tuple[Sequence[LegalHold], int]:
    """Newest first; ``active`` True only standing holds, False only released ones."""
    conditions: list[ColumnElement[bool]] = []
    if active is not None:
        conditions.append(_ACTIVE if active else LegalHold.released_at.is_not(None))
    if tenant_id is not None:
        conditions.append(LegalHold.tenant_id == tenant_id)
    total = await session.scalar(select(func.count()).select_from(LegalHold).where(*conditions))
    found = await session.scalars(
        select(LegalHold)
        .where(*conditions)
        .order_by(LegalHold.placed_at.desc(), LegalHold.id.desc())
        .offset(paging.offset)
        .limit(paging.page_size)
    )
    return found.all(), total or 0


async def held_clients(session: AsyncSession) -> set[UUID]:
    """Clients under a standing hold on the whole client."""
    found = await session.scalars(
        select(LegalHold.tenant_id).where(_ACTIVE, LegalHold.subject_ref.is_(None)).distinct()
    )
    return set(found)


async def held_people(session: AsyncSession) -> list[str]:
    """``subject_ref``s of people under a standing hold (each names its client already)."""
    found = await session.scalars(
        select(LegalHold.subject_ref)
        .where(_ACTIVE, LegalHold.subject_ref.is_not(None))
        .distinct()
        .order_by(LegalHold.subject_ref)
    )
    return [reference for reference in found if reference is not None]


async def hold_over(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str | None
) -> LegalHold | None:
    """The standing hold (the oldest) on this client, or on this person of it; None if free."""
    about: ColumnElement[bool] = LegalHold.subject_ref.is_(None)
    if subject_ref is not None:
        about = or_(about, LegalHold.subject_ref == subject_ref)
    return await session.scalar(
        select(LegalHold)
        .where(_ACTIVE, LegalHold.tenant_id == tenant_id, about)
        .order_by(LegalHold.placed_at, LegalHold.id)
        .limit(1)
    )


def _details(hold: LegalHold) -> dict[str, object]:
    return {
        "hold_id": str(hold.id),
        "tenant_id": str(hold.tenant_id),
        "subject_ref": hold.subject_ref,
        "reason": hold.reason,
    }
    # The owner is a person's name: kept on the hold, never in the audit log.
