"""Client users as accounts announces them, so a token's ``user_id`` names a person of the
consent ledger (Q2, Q3, Q16)."""

from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.subscription import Subscription
from contracts.envelope import Envelope
from contracts.events import accounts
from contracts.events.accounts import UserCreated, UserRemoved, UserUpdated
from privacy.clock import system_clock
from privacy.consent.models import KnownClientUser
from privacy.consent.service import Person, client_user, rekey

consent = Subscription(service="privacy", name="consent", batch_linger_seconds=0.0)


@consent.on(accounts.USER_CREATED, accounts.USER_UPDATED)
async def know_client_user(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Keeps the user's ``subject_ref``; a changed address re-keys their consent history."""
    user: UserCreated | UserUpdated = envelope.data
    known = await client_user(session, user_id=user.user_id)
    if known is not None and known.subject_ref != user.subject_ref:
        await rekey(
            session,
            person=Person(tenant_id=known.tenant_id, subject_ref=known.subject_ref),
            new_subject_ref=user.subject_ref,
            now=system_clock(),
        )
    await session.execute(
        insert(KnownClientUser)
        .values(user_id=user.user_id, tenant_id=user.tenant_id, subject_ref=user.subject_ref)
        .on_conflict_do_update(
            index_elements=[KnownClientUser.user_id],
            set_={"tenant_id": user.tenant_id, "subject_ref": user.subject_ref},
        )
    )


@consent.on(accounts.USER_REMOVED)
async def forget_client_user(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """The user is gone; their consent history stays as the proof it is."""
    removed: UserRemoved = envelope.data
    await session.execute(delete(KnownClientUser).where(KnownClientUser.user_id == removed.user_id))
