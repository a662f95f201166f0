"""A participant whose email the client changed: their rows follow the new ``subject_ref``."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy import rekeying
from contracts.envelope import Envelope
from delivery.rekeying.service import rekey_person


async def rekey_participants(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    await rekeying.rekey_participants(session, envelopes, rekey_rows=rekey_person)
