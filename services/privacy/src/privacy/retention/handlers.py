from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.subscription import DeadLetter, Subscription
from contracts.envelope import Envelope
from contracts.events.privacy_replies import PrivacyReply, RetentionApplied, reply_type
from contracts.vocabulary import DataService
from privacy.clock import system_clock
from privacy.retention.results import record_result

retention = Subscription(service="privacy", name="retention", batch_linger_seconds=0.0)


async def on_retention_applied(session: AsyncSession, envelope: Envelope[Any]) -> None:
    if not isinstance(envelope.data, RetentionApplied):
        raise DeadLetter(f"{envelope.type} is not a retention reply")
    await record_result(session, reply=envelope.data, now=system_clock())


for _service in DataService:
    retention.add(reply_type(_service, PrivacyReply.RETENTION_APPLIED), on_retention_applied)
