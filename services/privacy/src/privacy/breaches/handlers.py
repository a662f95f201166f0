"""Census replies from the data services, and the fate of breach notices (Q10): delivery's
status events only, matched by the breach's correlation id; the per-person notification events
of accounts and assessments (which carry addresses) are not consumed."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.subscription import DeadLetter, Subscription
from contracts.envelope import Envelope
from contracts.events import delivery
from contracts.events.privacy_replies import CensusReported, PrivacyReply, reply_type
from contracts.vocabulary import DataService
from privacy.breaches.service import record_census_reply
from privacy.breaches.tracking import record_outcomes
from privacy.clock import system_clock

breaches = Subscription(service="privacy", name="breaches", batch_linger_seconds=0.0)


async def on_census_reported(session: AsyncSession, envelope: Envelope[Any]) -> None:
    if not isinstance(envelope.data, CensusReported):
        raise DeadLetter(f"{envelope.type} does not carry census counts")
    await record_census_reply(session, reply=envelope.data, now=system_clock())


async def on_message_status(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
    await record_outcomes(session, envelopes)


for _service in DataService:
    breaches.add(reply_type(_service, PrivacyReply.CENSUS_REPORTED), on_census_reported)
for _status in (
    delivery.MESSAGE_SENT,
    delivery.MESSAGE_DELIVERED,
    delivery.MESSAGE_BOUNCED,
    delivery.MESSAGE_SUPPRESSED,
):
    breaches.add_batch(_status, on_message_status)
