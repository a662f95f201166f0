"""A client's offboarding (P12): recorded when accounts announces it, its erasure date
agreed, and its progress read."""

import secrets
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit, hold_audit_chain
from privacy.exports.models import ExportArchive
from privacy.offboarding.errors import OffboardingConflict, OffboardingInputError
from privacy.offboarding.export import ask_export
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.requests.paging import Paging
from privacy.requests.references import ALPHABET, LENGTH
from privacy.requests.states import Actor
from privacy.settings import Settings

REFERENCE_PREFIX = "OFF-"
_DATE_CHANGEABLE = (OffboardingState.EXPORTING, OffboardingState.OFFERED, OffboardingState.ON_HOLD)


def new_offboarding_reference() -> str:
    return REFERENCE_PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


async def start_offboarding(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    requested_by_user_id: UUID,
    requested_at: datetime,
    settings: Settings,
    now: datetime,
) -> ClientOffboarding | None:
    """Records the offboarding and asks every data service for the client's export; None
    when the client's offboarding is already on record (the event came twice)."""
    await hold_audit_chain(session)
    erase_on = requested_at + timedelta(days=settings.offboarding.erasure_days)
    offboarding_id = await session.scalar(
        insert(ClientOffboarding)
        .values(
            tenant_id=tenant_id,
            reference=new_offboarding_reference(),
            state=OffboardingState.EXPORTING,
            requested_at=requested_at,
            requested_by_user_id=requested_by_user_id,
            export_asked_at=now,
            erase_on=erase_on,
            erase_on_agreed_by="default",
            erasure_attempts=0,
        )
        .on_conflict_do_nothing(index_elements=[ClientOffboarding.tenant_id])
        .returning(ClientOffboarding.id)
    )
    if offboarding_id is None:
        return None
    offboarding = await session.get(ClientOffboarding, offboarding_id)
    assert offboarding is not None
    await ask_export(session, offboarding=offboarding)
    await append_audit(
        session,
        action="offboarding.requested",
        actor=Actor.CLIENT_ADMIN,
        actor_id=requested_by_user_id,
        at=now,
        request_id=offboarding.export_request_id,
        details={
            "offboarding": offboarding.reference,
            "tenant_id": str(tenant_id),
            "erase_on": erase_on.isoformat(),
        },
    )
    return offboarding


async def agree_erasure_date(
    session: AsyncSession,
    *,
    offboarding: ClientOffboarding,
    erase_on: datetime,
    actor: Actor,
    actor_id: UUID,
    settings: Settings,
    now: datetime,
) -> ClientOffboarding:
    """Moves the erasure to ``erase_on``: never before the export was offered, at most
    ``latest_erasure_days`` after the request, only while the erasure has not begun.
    A date already past (but after the offer) means at once."""
    if erase_on.tzinfo is None:
        raise OffboardingInputError("The erasure date needs a time zone (e.g. 2027-01-31T12:00Z).")
    if OffboardingState(offboarding.state) not in _DATE_CHANGEABLE:
        raise OffboardingConflict("The erasure has begun; its date can no longer change.")
    if offboarding.export_offered_at is None:
        raise OffboardingConflict(
            "The export has not been offered yet; the date can be agreed once it has."
        )
    if erase_on < offboarding.export_offered_at:
        raise OffboardingInputError(
            "The erasure cannot come before the export was offered "
            f"({offboarding.export_offered_at.isoformat()})."
        )
    latest = offboarding.requested_at + timedelta(days=settings.offboarding.latest_erasure_days)
    if erase_on > latest:
        raise OffboardingInputError(
            f"The erasure is at most {settings.offboarding.latest_erasure_days} days after the "
            f"request: {latest.isoformat()} at the latest."
        )
    previous = offboarding.erase_on
    offboarding.erase_on = erase_on
    offboarding.erase_on_agreed_by = actor.value
    archive = await session.get(ExportArchive, offboarding.export_request_id)
    if archive is not None and archive.purged_at is None:
        archive.expires_at = max(erase_on, now)
    await append_audit(
        session,
        action="offboarding.date_agreed",
        actor=actor,
        actor_id=actor_id,
        at=now,
        request_id=offboarding.export_request_id,
        details={
            "offboarding": offboarding.reference,
            "tenant_id": str(offboarding.tenant_id),
            "from": previous.isoformat(),
            "to": erase_on.isoformat(),
        },
    )
    await session.flush()
    return offboarding


async def offboarding_of(
    session: AsyncSession, *, tenant_id: UUID, lock: bool = False
) -> ClientOffboarding | None:
    query = select(ClientOffboarding).where(ClientOffboarding.tenant_id == tenant_id)
    return await session.scalar(query.with_for_update() if lock else query)


async def offboarding_by_id(
    session: AsyncSession, *, offboarding_id: UUID, lock: bool = False
) -> ClientOffboarding | None:
    query = select(ClientOffboarding).where(ClientOffboarding.id == offboarding_id)
    return await session.scalar(query.with_for_update() if lock else query)


async def offboarding_page(
    session: AsyncSession,
    *,
    paging: Paging,
    state: OffboardingState | None,
    pending: bool | None = None,
) -> tuple[list[ClientOffboarding], int]:
    """Newest request first; ``pending``: only those not yet erased (or, false, only those)."""
    query = select(ClientOffboarding)
    if state is not None:
        query = query.where(ClientOffboarding.state == state)
    if pending is not None:
        erased = ClientOffboarding.state == OffboardingState.ERASED
        query = query.where(~erased if pending else erased)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(
        query.order_by(ClientOffboarding.requested_at.desc(), ClientOffboarding.id)
        .offset(paging.offset)
        .limit(paging.page_size)
    )
    return list(rows), int(total or 0)
