"""What became of each person's breach notice (Q10), from delivery's reports alone: sent,
delivered, bounced or suppressed.

Accounts and assessments expand a breach's group notices into one notice per person, with ids
that cannot be traced back; delivery reports each under the correlation id of the breach
(``breach-<hex>``), which is how a report is matched here. The per-person notification events
carry addresses and are not read. A person's notice counts as requested from delivery's first
report about it (``requested_at``): the requested figure is the number of distinct notices
delivery reported on."""

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
from privacy.breaches.models import Breach, BreachNoticeRecipient
from privacy.breaches.notices import breach_of_correlation

OUTCOME_COLUMNS: Final[dict[type[MessageStatus], str]] = {
    MessageSent: "sent_at",
    MessageDelivered: "delivered_at",
    MessageBounced: "bounced_at",
    MessageSuppressed: "suppressed_at",
}


async def record_outcomes(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> int:
    """Delivery's reports on the notices of a known breach, matched by correlation id only;
    how many rows changed."""
    reported: list[tuple[Envelope[Any], UUID, str, UUID]] = []
    for envelope in envelopes:
        status = envelope.data
        column = OUTCOME_COLUMNS.get(type(status))
        breach_id = breach_of_correlation(envelope.correlation_id)
        if column is None or breach_id is None or not isinstance(status.message, NoticeMessage):
            continue
        reported.append((envelope, breach_id, column, status.message.notice_id))
    known = await _known_breaches(session, {breach_id for _, breach_id, _, _ in reported})
    reported = [report for report in reported if report[1] in known]
    changed = await _insert_first_reports(session, reported)
    if not reported:
        return changed
    recipients = {
        recipient.notice_id: recipient
        for recipient in await session.scalars(
            select(BreachNoticeRecipient).where(
                BreachNoticeRecipient.notice_id.in_({report[3] for report in reported})
            )
        )
    }
    for envelope, _, column, notice_id in reported:
        recipient = recipients[notice_id]
        if recipient.requested_at is None:  # a row from before requests were counted so
            recipient.requested_at = _at(envelope)
        if getattr(recipient, column) is None:
            setattr(recipient, column, _at(envelope))
            changed += 1
    return changed


async def _known_breaches(session: AsyncSession, breach_ids: set[UUID]) -> set[UUID]:
    if not breach_ids:
        return set()
    return set(await session.scalars(select(Breach.id).where(Breach.id.in_(breach_ids))))


async def _insert_first_reports(
    session: AsyncSession, reported: list[tuple[Envelope[Any], UUID, str, UUID]]
) -> int:
    """A row per notice not seen before, requested as of its earliest report; how many new."""
    rows: dict[UUID, dict[str, Any]] = {}
    for envelope, breach_id, _, notice_id in reported:
        first = rows.get(notice_id)
        if first is None or _at(envelope) < first["requested_at"]:
            rows[notice_id] = {
                "notice_id": notice_id,
                "breach_id": breach_id,
                "requested_at": _at(envelope),
            }
    if not rows:
        return 0
    result = await session.execute(
        insert(BreachNoticeRecipient)
        .values(sorted(rows.values(), key=lambda row: row["notice_id"]))
        .on_conflict_do_nothing(index_elements=["notice_id"])
        .returning(BreachNoticeRecipient.notice_id)
    )
    return len(result.all())


def _at(envelope: Envelope[Any]) -> datetime:
    return envelope.occurred_at
