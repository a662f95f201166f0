"""Consent checked again at send time (Q2): a notice queued while its purpose's grant stood
is not sent once the person has withdrawn it."""

from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from delivery.consent.models import ConsentState

if TYPE_CHECKING:
    from delivery.sending.claims import ClaimedMessage


async def consent_withdrawn(
    session: AsyncSession, messages: Sequence["ClaimedMessage"]
) -> set[UUID]:
    """The messages sent on a purpose whose person's latest state for it is no longer a grant
    (withdrawn, objected to, or gone). A message is checked under the ``subject_ref`` it is
    logged by; one logged under none was checked only when queued."""
    asked: dict[UUID, tuple[UUID, str, str]] = {}
    for message in messages:
        if message.purpose and message.tenant_id and message.subject_ref:
            asked[message.id] = (message.tenant_id, message.subject_ref, message.purpose)
    if not asked:
        return set()
    people = sorted(set(asked.values()), key=lambda person: (str(person[0]), person[1], person[2]))
    found = await session.execute(
        select(ConsentState.tenant_id, ConsentState.subject_ref, ConsentState.purpose).where(
            tuple_(ConsentState.tenant_id, ConsentState.subject_ref, ConsentState.purpose).in_(
                people
            ),
            ConsentState.granted.is_(True),
        )
    )
    standing = {(tenant_id, subject_ref, purpose) for tenant_id, subject_ref, purpose in found}
    return {message_id for message_id, person in asked.items() if person not in standing}
