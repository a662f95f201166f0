"""A participant whose email the client changed: their rows follow the new ``subject_ref``.

On the statistics queue, as a batch handler, so it comes after the events of the same batch
that were published before it under the old reference.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.ingest.handlers import statistics
from analytics.privacy.participant import AnalyticsPrivacy
from chassis.privacy import rekeying
from contracts.envelope import Envelope
from contracts.events import assessments


@statistics.on_batch(assessments.PARTICIPANT_REKEYED)
async def rekey_participants(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    """In the order they came, so a chain of edits ends under the last reference."""
    await rekeying.rekey_participants(
        session, envelopes, rekey_rows=AnalyticsPrivacy().rekey_subject
    )
