"""Privacy's notices addressed to a client's participants (accounts expands the others)."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from assessments.notices.service import notify_participants
from chassis.messaging.subscription import DeadLetter, Subscription
from contracts.envelope import Envelope
from contracts.events import privacy
from contracts.events.privacy import ClientParticipants, PrivacyNotificationRequested

notices = Subscription(service="assessments", name="notices")


@notices.on(privacy.NOTIFICATION_REQUESTED)
async def expand_participant_notice(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Each envelope on its own: the notices it asks for carry its correlation id."""
    notice = envelope.data
    if not isinstance(notice, PrivacyNotificationRequested):
        raise DeadLetter(f"{envelope.type} does not carry a privacy notice")
    if isinstance(notice.address, ClientParticipants):
        await notify_participants(session, notice=notice, group=notice.address)
