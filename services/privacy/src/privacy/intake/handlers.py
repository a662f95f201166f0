from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.subscription import DeadLetter, Subscription
from contracts.envelope import Envelope
from contracts.events.privacy_replies import PrivacyReply, SubjectDiscovered, reply_type
from privacy.clock import system_clock
from privacy.intake.discovery import DISCOVERY_SERVICES, record_discovery
from privacy.settings import process_settings

discovery = Subscription(service="privacy", name="discovery", batch_linger_seconds=0.0)


async def record_subject_discovered(session: AsyncSession, envelope: Envelope[Any]) -> None:
    reply = envelope.data
    if not isinstance(reply, SubjectDiscovered):
        raise DeadLetter(f"{envelope.type} does not carry a discovery reply")
    await record_discovery(
        session,
        settings=process_settings(),
        intake_id=reply.request_id,
        service=reply.service,
        tenant_ids=list(reply.tenant_ids),
        now=system_clock(),
    )


for _service in sorted(DISCOVERY_SERVICES):
    discovery.add(reply_type(_service, PrivacyReply.SUBJECT_DISCOVERED), record_subject_discovered)
