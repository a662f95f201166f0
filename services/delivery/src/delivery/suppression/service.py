"""Adding to the lists of those not sent to."""

from uuid import UUID

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.delivery import MessageUnsubscribed
from delivery.suppression.models import SuppressedAddress, Unsubscription


async def suppress_address(session: AsyncSession, *, address_hash: str, reason: str) -> None:
    await session.execute(
        insert(SuppressedAddress)
        .values(address_hash=address_hash, reason=reason)
        .on_conflict_do_nothing(index_elements=["address_hash"])
    )


async def unsubscribe(session: AsyncSession, *, tenant_id: UUID, subject_ref: str) -> bool:
    """Records the unsubscription and tells assessments; False if it was already recorded."""
    added = await session.execute(
        insert(Unsubscription)
        .values(tenant_id=tenant_id, subject_ref=subject_ref)
        .on_conflict_do_nothing(index_elements=["tenant_id", "subject_ref"])
        .returning(Unsubscription.tenant_id)
    )
    if added.first() is None:
        return False
    await publish(session, MessageUnsubscribed(tenant_id=tenant_id, subject_ref=subject_ref))
    return True
