"""The sender's transactions: claim due messages (marking them *sending*), settle outcomes,
and turn messages whose sender died mid-call into *unknown*.

Every status event about a message carries that message's own correlation id (Q10)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Interval, Table, bindparam, func, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import add_to_outbox
from contracts.events.delivery import (
    DispatchMessage,
    MessageSent,
    MessageSuppressed,
    NoticeMessage,
    SuppressionReason,
)
from contracts.vocabulary import Channel
from delivery.messages.models import Message, MessageKind, MessageState
from delivery.sending.consent import consent_withdrawn
from delivery.sending.outcomes import Failed, Refused, Result, Sent, Unknown
from delivery.sending.status_events import status_envelope
from delivery.suppression.models import Restriction, SuppressedAddress, Unsubscription

_table = cast(Table, Message.__table__)


@dataclass(frozen=True)
class ClaimedMessage:
    id: UUID
    tenant_id: UUID | None
    kind: str
    reference_id: UUID
    channel: str
    assessment_id: UUID | None
    subject_ref: str | None
    address_hash: str | None
    email_fallback: bool
    attempts: int
    content: dict[str, Any]
    correlation_id: str | None = None
    purpose: str | None = None


async def claim_due(session: AsyncSession, *, channel: Channel, limit: int) -> list[ClaimedMessage]:
    """Marks up to ``limit`` due messages *sending* and returns those that may be sent;
    those to suppressed, unsubscribed or restricted people, or sent on a consent withdrawn
    since they were queued (Q2), become *suppressed* instead."""
    due = (
        select(Message.id)
        .where(
            Message.state == MessageState.QUEUED,
            Message.channel == channel.value,
            Message.next_attempt_at <= func.now(),
        )
        .order_by(Message.next_attempt_at, Message.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = await session.execute(
        update(Message)
        .where(Message.id.in_(due.scalar_subquery()))
        .values(
            state=MessageState.SENDING,
            attempts=Message.attempts + 1,
            sending_started_at=func.now(),
        )
        .returning(
            Message.id,
            Message.tenant_id,
            Message.kind,
            Message.reference_id,
            Message.channel,
            Message.assessment_id,
            Message.subject_ref,
            Message.address_hash,
            Message.email_fallback,
            Message.attempts,
            Message.content,
            Message.correlation_id,
            Message.purpose,
        )
        .execution_options(synchronize_session=False)
    )
    messages = [ClaimedMessage(**row._asdict()) for row in claimed]
    messages.sort(key=lambda message: message.id)
    blocked = await _blocked(session, messages)
    if blocked:
        await _suppress(session, [(m, blocked[m.id]) for m in messages if m.id in blocked])
    return [message for message in messages if message.id not in blocked]


async def _blocked(
    session: AsyncSession, messages: Sequence[ClaimedMessage]
) -> dict[UUID, SuppressionReason]:
    people = {(m.tenant_id, m.subject_ref) for m in messages if m.tenant_id and m.subject_ref}
    hashes = {m.address_hash for m in messages if m.address_hash and m.channel == "email"}
    restricted: set[tuple[UUID, str]] = set()
    unsubscribed: set[tuple[UUID, str]] = set()
    suppressed: dict[str, str] = {}
    if people:
        pairs = list(people)
        restricted = {
            (tenant_id, subject_ref)
            for tenant_id, subject_ref in await session.execute(
                select(Restriction.tenant_id, Restriction.subject_ref).where(
                    tuple_(Restriction.tenant_id, Restriction.subject_ref).in_(pairs)
                )
            )
        }
        unsubscribed = {
            (tenant_id, subject_ref)
            for tenant_id, subject_ref in await session.execute(
                select(Unsubscription.tenant_id, Unsubscription.subject_ref).where(
                    tuple_(Unsubscription.tenant_id, Unsubscription.subject_ref).in_(pairs)
                )
            )
        }
    if hashes:
        found = await session.execute(
            select(SuppressedAddress.address_hash, SuppressedAddress.reason).where(
                SuppressedAddress.address_hash.in_(hashes)
            )
        )
        suppressed = dict(found.all())
    withdrawn = await consent_withdrawn(session, messages)
    blocked: dict[UUID, SuppressionReason] = {}
    for message in messages:
        person = (message.tenant_id, message.subject_ref)
        if person in restricted:
            blocked[message.id] = SuppressionReason.RESTRICTED
        elif message.id in withdrawn:
            blocked[message.id] = SuppressionReason.CONSENT_WITHDRAWN
        elif message.kind == MessageKind.DISPATCH and person in unsubscribed:
            blocked[message.id] = SuppressionReason.UNSUBSCRIBED
        elif message.channel == "email" and message.address_hash in suppressed:
            blocked[message.id] = SuppressionReason(suppressed[message.address_hash])
    return blocked


async def _suppress(
    session: AsyncSession, messages: Sequence[tuple[ClaimedMessage, SuppressionReason]]
) -> None:
    await session.execute(
        update(_table)
        .where(_table.c.id == bindparam("message_id"))
        .values(state=MessageState.SUPPRESSED.value, failure=bindparam("failure"), content=None),
        [
            {"message_id": message.id, "failure": f"suppressed:{reason.value}"}
            for message, reason in messages
        ],
    )
    await add_to_outbox(
        session,
        *(
            status_envelope(
                MessageSuppressed(
                    tenant_id=message.tenant_id,
                    channel=Channel(message.channel),
                    message=message_subject(message),
                    reason=reason,
                ),
                correlation_id=message.correlation_id,
            )
            for message, reason in messages
        ),
    )


def message_subject(message: ClaimedMessage) -> DispatchMessage | NoticeMessage:
    if message.kind == MessageKind.DISPATCH:
        assert message.assessment_id is not None
        assert message.subject_ref is not None
        return DispatchMessage(
            kind="dispatch",
            dispatch_id=message.reference_id,
            assessment_id=message.assessment_id,
            subject_ref=message.subject_ref,
        )
    return NoticeMessage(kind="notice", notice_id=message.reference_id)


async def settle(
    session: AsyncSession,
    *,
    results: Sequence[tuple[ClaimedMessage, Result]],
    retry_delays: Sequence[float],
) -> list[tuple[ClaimedMessage, Failed]]:
    """Writes each outcome; returns the messages that failed for good."""
    sent = [(m, r.outcome) for m, r in results if isinstance(r.outcome, Sent)]
    refused = [(m, r.outcome) for m, r in results if isinstance(r.outcome, Refused)]
    failed = [(m, r.outcome) for m, r in results if isinstance(r.outcome, Failed)]
    unknown = [(m, r.outcome) for m, r in results if isinstance(r.outcome, Unknown)]
    if sent:
        await session.execute(
            update(_table)
            .where(_table.c.id == bindparam("message_id"))
            .values(
                state=MessageState.SENT.value,
                provider_message_id=bindparam("provider_id"),
                slack_channel_id=bindparam("slack_channel"),
                failure=None,
                content=None,
            ),
            [
                {
                    "message_id": m.id,
                    "provider_id": outcome.provider_message_id,
                    "slack_channel": outcome.slack_channel_id,
                }
                for m, outcome in sent
            ],
        )
        await add_to_outbox(
            session,
            *(
                status_envelope(
                    MessageSent(
                        tenant_id=m.tenant_id,
                        channel=Channel(m.channel),
                        message=message_subject(m),
                    ),
                    correlation_id=m.correlation_id,
                )
                for m, _ in sent
            ),
        )
    if refused:
        await session.execute(
            update(_table)
            .where(_table.c.id == bindparam("message_id"))
            .values(
                state=MessageState.QUEUED.value,
                sending_started_at=None,
                failure=bindparam("failure"),
                next_attempt_at=func.now() + bindparam("delay", type_=Interval()),
            ),
            [
                {
                    "message_id": m.id,
                    "failure": outcome.reason[:64],
                    "delay": timedelta(seconds=_delay(m.attempts, outcome, retry_delays)),
                }
                for m, outcome in refused
            ],
        )
    for group, state in ((failed, MessageState.FAILED), (unknown, MessageState.UNKNOWN)):
        if group:
            await session.execute(
                update(_table)
                .where(_table.c.id == bindparam("message_id"))
                .values(state=state.value, failure=bindparam("failure"), content=None),
                [{"message_id": m.id, "failure": outcome.reason[:64]} for m, outcome in group],
            )
    return [(m, outcome) for m, outcome in failed if isinstance(outcome, Failed)]


def _delay(attempts: int, outcome: Refused, retry_delays: Sequence[float]) -> float:
    planned = retry_delays[min(attempts, len(retry_delays)) - 1]
    return max(planned, outcome.retry_after or 0.0)


async def release_unsent(session: AsyncSession, *, message_ids: Sequence[UUID]) -> None:
    """Claimed messages whose provider call never began go back to the queue."""
    await session.execute(
        update(Message)
        .where(Message.id.in_(message_ids), Message.state == MessageState.SENDING)
        .values(state=MessageState.QUEUED, attempts=Message.attempts - 1, sending_started_at=None)
        .execution_options(synchronize_session=False)
    )


async def mark_stale_unknown(session: AsyncSession, *, older_than: timedelta) -> list[UUID]:
    """Messages whose provider call began ``older_than`` ago and never settled: their sender
    died between the call and the commit. They become *unknown*, never resent blindly."""
    stale = await session.execute(
        update(Message)
        .where(
            Message.state == MessageState.SENDING,
            Message.sending_started_at < func.now() - older_than,
        )
        .values(state=MessageState.UNKNOWN, failure="interrupted_while_sending", content=None)
        .returning(Message.id)
        .execution_options(synchronize_session=False)
    )
    return [message_id for (message_id,) in stale]
