"""Telling privacy which public key verifies this service's receipts."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from chassis.privacy.receipts import ReceiptSigner
from contracts.envelope import Envelope
from contracts.events.privacy_replies import KeysPublished
from contracts.vocabulary import DataService


async def announce_keys(
    session: AsyncSession,
    *,
    service: DataService,
    signer: ReceiptSigner,
    valid_from: datetime | None = None,
) -> Envelope[Any]:
    """Publishes ``<service>.keys.published.v1`` through the outbox (the caller commits).

    Every worker start announces again; privacy keeps each key id once, from its earliest
    ``valid_from``.
    """
    announcement = KeysPublished(
        service=service,
        key_id=signer.key_id,
        algorithm="Ed25519",
        public_key=signer.public_key_b64,
        valid_from=valid_from or datetime.now(UTC),
    )
    return await publish(session, announcement)
