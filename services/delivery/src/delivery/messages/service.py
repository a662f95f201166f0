"""Queueing messages, reading the log, and dropping the rows of a person or an assessment."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.assessments import DispatchRequested
from contracts.events.notifications import ConsentPurpose, NoticeTemplate
from contracts.ids import uuid7
from contracts.vocabulary import Channel, Language
from delivery.consent.service import Withheld, withheld_notices
from delivery.keys import DeliveryKeys
from delivery.messages.models import Message, MessageKind, MessageState
from delivery.slack.models import SlackInstallation

if TYPE_CHECKING:
    from delivery.sending.claims import ClaimedMessage

_table = cast(Table, Message.__table__)


@dataclass(frozen=True)
class Notice:
    """A notice to one address, whichever service asked for it."""

    notice_id: UUID
    tenant_id: UUID | None
    template: NoticeTemplate
    address: str
    language: Language
    parameters: dict[str, str]
    about_the_person: bool = True
    """Logged under the person's ``subject_ref``. False for privacy's notices about a
    person's own request: those are not stopped by that person's restriction, and an erasure's
    re-export must not find (nor its completion notice leave) a row about the erased person."""
    purpose: ConsentPurpose | None = None
    """Sent on consent: only if the person's grant for it stands (Q2), else logged suppressed."""
    correlation_id: str | None = None
    """The asking envelope's; every status event about the message carries it (Q10)."""


@dataclass(frozen=True)
class Requested:
    """A dispatch and when it was requested: a person's messages are sent in that order."""

    dispatch: DispatchRequested
    requested_at: datetime
    correlation_id: str | None = None


async def enqueue_dispatches(
    session: AsyncSession, *, dispatches: Sequence[Requested], keys: DeliveryKeys
) -> int:
    """One queued row per dispatch on the channel it goes by; a dispatch already queued (the
    same id, whatever the envelope) adds nothing. Returns how many rows were new."""
    if not dispatches:
        return 0
    installed = await _installed_teams(session, [item.dispatch for item in dispatches])
    rows = [
        {
            **_dispatch_row(item.dispatch, installed, keys),
            "next_attempt_at": item.requested_at,
            "correlation_id": item.correlation_id,
        }
        for item in dispatches
    ]
    return await _insert_new(session, rows)


async def enqueue_notices(
    session: AsyncSession, *, notices: Sequence[Notice], keys: DeliveryKeys
) -> int:
    withheld = await withheld_notices(session, notices=notices, keys=keys)
    rows = [_notice_row(notice, keys, withheld.get(notice.notice_id)) for notice in notices]
    return await _insert_new(session, rows)


async def enqueue_email_fallback(
    session: AsyncSession, *, failed: "ClaimedMessage", content: dict[str, Any], keys: DeliveryKeys
) -> int:
    """The email twin of a Slack dispatch that failed for good."""
    address = content["email"]
    row = {
        **_common(failed.tenant_id, MessageKind.DISPATCH, failed.reference_id, Channel.EMAIL),
        "assessment_id": failed.assessment_id,
        "subject_ref": failed.subject_ref,
        "language": content.get("language"),
        "address_hash": keys.address_hash(address),
        "content": {**content, "address": address},
        "correlation_id": failed.correlation_id,
    }
    return await _insert_new(session, [row])


async def _insert_new(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Inserts the rows not yet logged; how many were new.

    An executemany takes its columns from the first parameter set, so a key only later rows
    carry would be dropped without a word: rows are inserted in groups of the same keys (one
    group when they are built alike, as ``_common`` sees to)."""
    if not rows:
        return 0
    statement = (
        insert(_table)
        .on_conflict_do_nothing(constraint="uq_message_reference_channel")
        .returning(_table.c.id)
    )
    alike: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        alike.setdefault(frozenset(row), []).append(row)
    # One parameter set per row (not ``values(rows)``): the statement, and its cached
    # compilation, stay the same whatever the batch's size.
    inserted = 0
    for group in alike.values():
        inserted += len((await session.execute(statement, group)).all())
    return inserted


async def _installed_teams(
    session: AsyncSession, dispatches: Sequence[DispatchRequested]
) -> set[tuple[UUID, str]]:
    teams = {d.contacts.slack.team_id for d in dispatches if d.contacts.slack is not None}
    if not teams:
        return set()
    found = await session.execute(
        select(SlackInstallation.tenant_id, SlackInstallation.team_id).where(
            SlackInstallation.team_id.in_(teams)
        )
    )
    return {(tenant_id, team_id) for tenant_id, team_id in found}


def _common(
    tenant_id: UUID | None, kind: MessageKind, reference_id: UUID, channel: Channel
) -> dict[str, Any]:
    return {
        "id": uuid7(),
        "tenant_id": tenant_id,
        "kind": kind.value,
        "reference_id": reference_id,
        "channel": channel.value,
        "state": MessageState.QUEUED.value,
        "attempts": 0,
        "email_fallback": False,
        "language": None,
        "failure": None,
        "correlation_id": None,
        "purpose": None,
    }


def _dispatch_row(
    dispatch: DispatchRequested, installed: set[tuple[UUID, str]], keys: DeliveryKeys
) -> dict[str, Any]:
    slack, email = dispatch.contacts.slack, dispatch.contacts.email
    by_slack = slack is not None and (dispatch.tenant_id, slack.team_id) in installed
    channel = Channel.SLACK if by_slack else Channel.EMAIL
    content: dict[str, Any] = {
        "template": dispatch.kind.value,
        "language": dispatch.language.value,
        "title": dispatch.title,
        "question": None
        if dispatch.question is None
        else dispatch.question.model_dump(mode="json"),
        "answer_url": str(dispatch.answer_url),
        "answer_by": dispatch.answer_by.isoformat(),
        "email": email,
        "slack": None if slack is None else slack.model_dump(mode="json"),
    }
    row = _common(dispatch.tenant_id, MessageKind.DISPATCH, dispatch.dispatch_id, channel)
    row.update(
        assessment_id=dispatch.assessment_id,
        subject_ref=dispatch.subject_ref,
        address_hash=None if email is None else keys.address_hash(email),
        email_fallback=by_slack and dispatch.email_fallback,
        language=dispatch.language.value,
        content=content,
    )
    if channel is Channel.EMAIL and email is None:
        row.update(state=MessageState.FAILED.value, failure="no_channel", content=None)
    elif channel is Channel.EMAIL:
        content["address"] = email
    return row


def _notice_row(notice: Notice, keys: DeliveryKeys, withheld: Withheld | None) -> dict[str, Any]:
    row = _common(notice.tenant_id, MessageKind.NOTICE, notice.notice_id, Channel.EMAIL)
    row.update(
        subject_ref=(
            None
            if notice.tenant_id is None or not notice.about_the_person
            else keys.subject_ref(tenant_id=notice.tenant_id, email=notice.address)
        ),
        address_hash=keys.address_hash(notice.address),
        language=notice.language.value,
        correlation_id=notice.correlation_id,
        purpose=None if notice.purpose is None else notice.purpose.value,
        content={
            "template": notice.template.value,
            "language": notice.language.value,
            "address": notice.address,
            "parameters": notice.parameters,
        },
    )
    row["failure"] = None if withheld is None else f"suppressed:{withheld}"
    if withheld is not None:
        row.update(state=MessageState.SUPPRESSED.value, content=None)
    return row


async def messages_of(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    assessment_id: UUID | None,
    subject_ref: str | None,
    after: UUID | None,
    limit: int,
) -> list[Message]:
    """A page of the client's log, oldest first, after the row ``after``."""
    query = select(Message).where(Message.tenant_id == tenant_id)
    if assessment_id is not None:
        query = query.where(Message.assessment_id == assessment_id)
    if subject_ref is not None:
        query = query.where(Message.subject_ref == subject_ref)
    if after is not None:
        query = query.where(Message.id > after)
    return list((await session.scalars(query.order_by(Message.id).limit(limit))).all())


async def drop_person(session: AsyncSession, *, tenant_id: UUID, subject_ref: str) -> int:
    deleted = await session.execute(
        delete(Message).where(Message.tenant_id == tenant_id, Message.subject_ref == subject_ref)
    )
    return int(deleted.rowcount)  # type: ignore[attr-defined]


async def drop_assessment(session: AsyncSession, *, tenant_id: UUID, assessment_id: UUID) -> int:
    deleted = await session.execute(
        delete(Message).where(
            Message.tenant_id == tenant_id, Message.assessment_id == assessment_id
        )
    )
    return int(deleted.rowcount)  # type: ignore[attr-defined]
