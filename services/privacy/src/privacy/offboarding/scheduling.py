"""The scheduler's part of offboarding (P12): erasures whose agreed date has come (unless a
legal hold stands, P14), and services asked again when they have not answered."""

from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit, hold_audit_chain
from privacy.offboarding.erasure import announce_erasure, ask_erasure
from privacy.offboarding.export import ask_export
from privacy.offboarding.holds import standing_hold_reason
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.requests.states import Actor
from privacy.settings import Settings

BATCH: Final = 20
_MAX_BACKOFF_STEPS: Final = 5

Off = ClientOffboarding


async def erase_due_clients(session: AsyncSession, *, settings: Settings, now: datetime) -> int:
    """Starts the erasure of clients whose agreed date has come; how many."""
    await hold_audit_chain(session)
    options = settings.offboarding
    timeout = timedelta(seconds=options.reply_timeout_seconds)
    lead = timedelta(seconds=options.notice_lead_seconds)
    due = list(
        await session.scalars(
            select(Off)
            .where(
                or_(
                    and_(
                        Off.state.in_([OffboardingState.OFFERED, OffboardingState.ON_HOLD]),
                        Off.erase_on <= now,
                    ),
                    and_(
                        Off.state == OffboardingState.NOTIFYING,
                        Off.certificate_notice_at <= now - lead,
                    ),
                    and_(
                        Off.state == OffboardingState.ERASING, Off.erasure_asked_at <= now - timeout
                    ),
                    and_(
                        Off.state == OffboardingState.EXPORTING,
                        Off.export_asked_at <= now - timeout,
                    ),
                )
            )
            .order_by(Off.erase_on)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    )
    started = 0
    for offboarding in due:
        state = OffboardingState(offboarding.state)
        if state is OffboardingState.EXPORTING:
            offboarding.export_asked_at = now
            await ask_export(session, offboarding=offboarding)
        elif state is OffboardingState.ERASING:
            await _ask_again(session, offboarding=offboarding, wait=timeout, now=now)
        elif await _held(session, offboarding=offboarding, now=now):
            continue
        elif state is OffboardingState.NOTIFYING:
            await ask_erasure(session, offboarding=offboarding, now=now)
            started += 1
        else:
            await announce_erasure(session, offboarding=offboarding, settings=settings, now=now)
            if lead <= timedelta(0):
                await ask_erasure(session, offboarding=offboarding, now=now)
                started += 1
    return started


async def _ask_again(
    session: AsyncSession, *, offboarding: ClientOffboarding, wait: timedelta, now: datetime
) -> None:
    """Services that have not answered are asked again, each time waiting longer."""
    assert offboarding.erasure_asked_at is not None
    steps = min(offboarding.erasure_attempts - 1, _MAX_BACKOFF_STEPS)
    if offboarding.erasure_asked_at > now - wait * (2**steps):
        return
    await ask_erasure(session, offboarding=offboarding, now=now)


async def _held(session: AsyncSession, *, offboarding: ClientOffboarding, now: datetime) -> bool:
    """A legal hold on the client or one of its people stops the erasure, recorded (P14)."""
    reason = await standing_hold_reason(session, tenant_id=offboarding.tenant_id)
    if reason is None:
        return False
    if offboarding.state != OffboardingState.ON_HOLD or offboarding.hold_reason != reason:
        offboarding.state = OffboardingState.ON_HOLD
        offboarding.hold_reason = reason
        await append_audit(
            session,
            action="offboarding.held",
            actor=Actor.SYSTEM,
            at=now,
            request_id=offboarding.erasure_request_id,
            details={"offboarding": offboarding.reference, "tenant_id": str(offboarding.tenant_id)},
        )
    return True
