"""A participant whose email the client changed: their rows follow the new ``subject_ref``."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.messaging_rows import rekey_subject_messages
from contracts.envelope import Envelope
from contracts.events.assessments import ParticipantRekeyed
from delivery.rekeying.service import rekey_person


async def rekey_participants(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    """In the order they came, so a chain of edits ends under the last reference."""
    for envelope in envelopes:
        rekeyed: ParticipantRekeyed = envelope.data
        await rekey_person(
            session,
            tenant_id=rekeyed.tenant_id,
            subject_ref=rekeyed.subject_ref,
            new_subject_ref=rekeyed.new_subject_ref,
        )
        await rekey_subject_messages(
            session,
            tenant_id=rekeyed.tenant_id,
            subject_ref=rekeyed.subject_ref,
            new_subject_ref=rekeyed.new_subject_ref,
        )
