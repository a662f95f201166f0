from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.envelope import Envelope
from contracts.events.privacy import ConsentChanged
from delivery.consent.service import keep_changes


async def keep_consent_changes(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    """Q2: a withdrawal holds for the next notice of its purpose as soon as this commits."""
    changes: list[ConsentChanged] = [envelope.data for envelope in envelopes]
    await keep_changes(session, changes=changes)
