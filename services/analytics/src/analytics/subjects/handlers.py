"""A participant whose email the client changed: their rows follow the new ``subject_ref``.

On the statistics queue, as a batch handler, so it comes after the events of the same batch
that were published before it under the old reference.
"""

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.ingest.handlers import statistics
from analytics.privacy.participant import AnalyticsPrivacy
from chassis.privacy.messaging_rows import rekey_subject_messages
from contracts.envelope import Envelope
from contracts.events import assessments
from contracts.events.assessments import ParticipantRekeyed


@statistics.on_batch(assessments.PARTICIPANT_REKEYED)
async def rekey_participants(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    """In the order they came, so a chain of edits ends under the last reference."""
    privacy = AnalyticsPrivacy()
    for envelope in envelopes:
        rekeyed = cast(ParticipantRekeyed, envelope.data)
        await privacy.rekey_subject(
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
