from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.subscription import DeadLetter, Subscription
from contracts.envelope import Envelope
from contracts.events.privacy_replies import PrivacyReply, RequestReply, reply_type
from contracts.vocabulary import DataService
from privacy.clock import system_clock
from privacy.saga.replies import apply_reply
from privacy.settings import process_settings

SAGA_REPLIES: Final = (
    PrivacyReply.SUBJECT_ERASED,
    PrivacyReply.SUBJECT_EXPORTED,
    PrivacyReply.SUBJECT_RECTIFIED,
    PrivacyReply.SUBJECT_RESTRICTION_APPLIED,
)

replies = Subscription(service="privacy", name="replies", batch_linger_seconds=0.0)


async def on_reply(session: AsyncSession, envelope: Envelope[Any]) -> None:
    if not isinstance(envelope.data, RequestReply):
        raise DeadLetter(f"{envelope.type} is not a reply to a request")
    await apply_reply(session, reply=envelope.data, settings=process_settings(), now=system_clock())


for _service in DataService:
    for _reply in SAGA_REPLIES:
        replies.add(reply_type(_service, _reply), on_reply)
