"""SES events (by SNS): bounces, complaints, deliveries and rejections, applied to the log;
each status event carries its message's correlation id (Q10), not the SNS call's."""

import contextlib
from typing import Any
from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.logs import get_logger
from chassis.messaging.outbox import add_to_outbox
from contracts.events.delivery import BounceReason, MessageBounced, MessageDelivered
from contracts.vocabulary import Channel
from delivery.keys import DeliveryKeys
from delivery.messages.models import Message, MessageState
from delivery.sending.claims import ClaimedMessage, message_subject
from delivery.sending.status_events import status_envelope
from delivery.suppression.service import suppress_address

_log = get_logger("delivery.ses_events")

MESSAGE_TAG = "soket_message"


async def apply_ses_event(
    session: AsyncSession, *, event: dict[str, Any], keys: DeliveryKeys
) -> None:
    """One SES event publishing record (``eventType``) or notification (``notificationType``)."""
    kind = str(event.get("eventType") or event.get("notificationType") or "")
    mail = event.get("mail") or {}
    message = await _message_of(session, mail)
    if kind == "Bounce":
        bounce = event.get("bounce") or {}
        permanent = bounce.get("bounceType") == "Permanent"
        if permanent:
            for recipient in bounce.get("bouncedRecipients") or []:
                await _suppress(session, recipient.get("emailAddress"), "bounced", keys)
        await _bounced(
            session,
            message,
            BounceReason.PERMANENT if permanent else BounceReason.TRANSIENT,
            MessageState.BOUNCED if permanent else None,
        )
    elif kind == "Complaint":
        for recipient in (event.get("complaint") or {}).get("complainedRecipients") or []:
            await _suppress(session, recipient.get("emailAddress"), "complained", keys)
        await _bounced(session, message, BounceReason.COMPLAINT, MessageState.COMPLAINED)
    elif kind == "Reject":
        await _bounced(session, message, BounceReason.REJECTED, MessageState.FAILED)
    elif kind == "Delivery":
        if message is not None and message.state == MessageState.SENT:
            message.state = MessageState.DELIVERED
            await add_to_outbox(
                session,
                status_envelope(
                    MessageDelivered(
                        tenant_id=message.tenant_id,
                        channel=Channel.EMAIL,
                        message=message_subject(_claimed(message)),
                    ),
                    correlation_id=message.correlation_id,
                ),
            )
    else:
        _log.info("ses event ignored", event_type=kind)


async def _message_of(session: AsyncSession, mail: dict[str, Any]) -> Message | None:
    tags = mail.get("tags") or {}
    ours = (tags.get(MESSAGE_TAG) or [None])[0]
    conditions = []
    if ours:
        with contextlib.suppress(ValueError):
            conditions.append(Message.id == UUID(str(ours)))
    if mail.get("messageId"):
        conditions.append(Message.provider_message_id == str(mail["messageId"]))
    if not conditions:
        return None
    return await session.scalar(
        select(Message).where(or_(*conditions), Message.channel == Channel.EMAIL).limit(1)
    )


async def _suppress(
    session: AsyncSession, address: object, reason: str, keys: DeliveryKeys
) -> None:
    if isinstance(address, str) and "@" in address:
        await suppress_address(session, address_hash=keys.address_hash(address), reason=reason)


async def _bounced(
    session: AsyncSession,
    message: Message | None,
    reason: BounceReason,
    state: MessageState | None,
) -> None:
    if message is None:
        _log.info("ses event for an unknown message", reason=reason.value)
        return
    failure = f"bounce:{reason.value}"
    if message.failure == failure and (state is None or message.state == state):
        _log.info("ses event already applied", reason=reason.value)  # SNS delivers again
        return
    if state is not None:
        message.state = state
    message.failure = failure
    await add_to_outbox(
        session,
        status_envelope(
            MessageBounced(
                tenant_id=message.tenant_id,
                channel=Channel.EMAIL,
                message=message_subject(_claimed(message)),
                reason=reason,
            ),
            correlation_id=message.correlation_id,
        ),
    )


def _claimed(message: Message) -> ClaimedMessage:
    return ClaimedMessage(
        id=message.id,
        tenant_id=message.tenant_id,
        kind=message.kind,
        reference_id=message.reference_id,
        channel=message.channel,
        assessment_id=message.assessment_id,
        subject_ref=message.subject_ref,
        address_hash=message.address_hash,
        email_fallback=message.email_fallback,
        attempts=message.attempts,
        content={},
        correlation_id=message.correlation_id,
        purpose=message.purpose,
    )
