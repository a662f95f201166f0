"""What became of each person's breach notice: asked for (by accounts or assessments), then
sent, delivered, bounced or suppressed (by delivery)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.envelope import Envelope
from contracts.events.delivery import (
    MessageBounced,
    MessageDelivered,
    MessageSent,
    MessageStatus,
    MessageSuppressed,
    NoticeMessage,
)
from contracts.events.notifications import NoticeTemplate, NotificationRequested
from privacy.breaches.models import Breach, BreachNoticeRecipient
from privacy.breaches.notices import breach_of_correlation

OUTCOME_COLUMNS: Final[dict[type[MessageStatus], str]] = {
    MessageSent: "sent_at",
    MessageDelivered: "delivered_at",
    MessageBounced: "bounced_at",
    MessageSuppressed: "suppressed_at",
}


async def record_requested(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> int:
    """Per-person breach notices accounts or assessments asked delivery for; how many new."""
    rows: dict[UUID, dict[str, Any]] = {}
    for envelope in envelopes:
        notice = envelope.data
        breach_id = breach_of_correlation(envelope.correlation_id)
        if (
            breach_id is None
            or not isinstance(notice, NotificationRequested)
            or notice.template is not NoticeTemplate.BREACH_NOTICE
        ):
            continue
        rows[notice.notice_id] = {
            "notice_id": notice.notice_id,
            "breach_id": breach_id,
            "requested_at": envelope.occurred_at,
        }
    return await _insert_known(session, list(rows.values()))


async def record_outcomes(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> int:
    """Delivery's reports on notices; only breach notices are kept. How many rows changed."""
    changed = 0
    for envelope in envelopes:
        status = envelope.data
        column = OUTCOME_COLUMNS.get(type(status))
        if column is None or not isinstance(status.message, NoticeMessage):
            continue
        notice_id = status.message.notice_id
        recipient = await session.get(BreachNoticeRecipient, notice_id)
        if recipient is None:
            breach_id = breach_of_correlation(envelope.correlation_id)
            if breach_id is None or not await _insert_known(
                session,
                [{"notice_id": notice_id, "breach_id": breach_id, "requested_at": None}],
            ):
                continue
            recipient = await session.get(BreachNoticeRecipient, notice_id)
            assert recipient is not None
        if getattr(recipient, column) is None:
            setattr(recipient, column, _at(envelope))
            changed += 1
    return changed


async def _insert_known(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Inserts the rows whose breach exists; how many were new."""
    if not rows:
        return 0
    known = set(
        await session.scalars(
            select(Breach.id).where(Breach.id.in_({row["breach_id"] for row in rows}))
        )
    )
    rows = [row for row in rows if row["breach_id"] in known]
    if not rows:
        return 0
    result = await session.execute(
        insert(BreachNoticeRecipient)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["notice_id"])
        .returning(BreachNoticeRecipient.notice_id)
    )
    return len(result.all())


def _at(envelope: Envelope[Any]) -> datetime:
    return envelope.occurred_at
