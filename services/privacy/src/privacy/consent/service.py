"""The consent ledger (Q2, Q16): entries appended with their proof, the current state read as
each purpose's latest entry, and every change told to delivery in the same transaction."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.notifications import ConsentPurpose
from contracts.events.privacy import ConsentChanged
from privacy.consent.models import (
    ConsentAction,
    ConsentChannel,
    ConsentEntry,
    ConsentRequest,
    KnownClientUser,
)
from privacy.policies.service import current_version
from privacy.requests.models import DataSubjectRequest, IntakeChannel, RequestType


@dataclass(frozen=True)
class Person:
    """Someone of one client, as every service knows them."""

    tenant_id: UUID
    subject_ref: str


@dataclass(frozen=True)
class Proof:
    """How, under which policy version and after reading which text the person acted."""

    channel: ConsentChannel
    policy_version: str | None = None
    wording: str | None = None
    request_id: UUID | None = None
    actor_id: UUID | None = None


async def record(
    session: AsyncSession,
    *,
    person: Person,
    purpose: ConsentPurpose,
    action: ConsentAction,
    proof: Proof,
    now: datetime,
) -> ConsentEntry:
    """Appends one entry and publishes ``privacy.consent.changed.v1`` with it (the caller
    commits both together: the change takes effect in delivery as soon as it commits). A proof
    that names no policy version gets the one in effect."""
    policy_version = proof.policy_version
    if policy_version is None:
        in_effect = await current_version(session, now=now)
        policy_version = None if in_effect is None else in_effect.label
    entry = ConsentEntry(
        tenant_id=person.tenant_id,
        subject_ref=person.subject_ref,
        purpose=purpose.value,
        action=action,
        granted=action is ConsentAction.GRANT,
        channel=proof.channel,
        policy_version=policy_version,
        wording=proof.wording,
        request_id=proof.request_id,
        actor_id=proof.actor_id,
        at=now,
    )
    session.add(entry)
    await session.flush()
    await announce(session, person=person, purpose=purpose, granted=entry.granted, at=now)
    return entry


async def announce(
    session: AsyncSession, *, person: Person, purpose: ConsentPurpose, granted: bool, at: datetime
) -> None:
    await publish(
        session,
        ConsentChanged(
            tenant_id=person.tenant_id,
            subject_ref=person.subject_ref,
            purpose=purpose,
            granted=granted,
            changed_at=at,
        ),
        tenant_id=person.tenant_id,
        subject_ref=person.subject_ref,
    )


async def current_entries(session: AsyncSession, *, person: Person) -> dict[str, ConsentEntry]:
    """Each purpose's latest entry: the person's state for it (no entry: never given)."""
    latest = (
        select(ConsentEntry)
        .where(
            ConsentEntry.tenant_id == person.tenant_id,
            ConsentEntry.subject_ref == person.subject_ref,
        )
        .ext(distinct_on(ConsentEntry.purpose))
        .order_by(ConsentEntry.purpose, ConsentEntry.at.desc(), ConsentEntry.id.desc())
    )
    return {entry.purpose: entry for entry in await session.scalars(latest)}


async def history_page(
    session: AsyncSession, *, person: Person, offset: int, limit: int
) -> tuple[list[ConsentEntry], int]:
    """The person's whole history, newest first, one page, and how many entries there are."""
    where = (
        ConsentEntry.tenant_id == person.tenant_id,
        ConsentEntry.subject_ref == person.subject_ref,
    )
    total = await session.scalar(select(func.count()).select_from(ConsentEntry).where(*where))
    rows = await session.scalars(
        select(ConsentEntry)
        .where(*where)
        .order_by(ConsentEntry.at.desc(), ConsentEntry.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)


async def client_user(session: AsyncSession, *, user_id: UUID) -> KnownClientUser | None:
    return await session.get(KnownClientUser, user_id)


async def rekey(
    session: AsyncSession, *, person: Person, new_subject_ref: str, now: datetime
) -> None:
    """The person's address changed: their history moves to the new ``subject_ref``, delivery
    learns their standing grants under it, and nothing stands any longer under the old one."""
    if new_subject_ref == person.subject_ref:
        return
    states = await current_entries(session, person=person)
    await session.execute(
        update(ConsentEntry)
        .where(
            ConsentEntry.tenant_id == person.tenant_id,
            ConsentEntry.subject_ref == person.subject_ref,
        )
        .values(subject_ref=new_subject_ref)
        .execution_options(synchronize_session=False)
    )
    moved = Person(tenant_id=person.tenant_id, subject_ref=new_subject_ref)
    for purpose, entry in sorted(states.items()):
        await announce(
            session, person=moved, purpose=ConsentPurpose(purpose), granted=entry.granted, at=now
        )
        if entry.granted:
            await announce(
                session, person=person, purpose=ConsentPurpose(purpose), granted=False, at=now
            )


async def own_consent_requests(
    session: AsyncSession, *, tenant_id: UUID, user_id: UUID, offset: int, limit: int
) -> tuple[list[tuple[DataSubjectRequest, ConsentRequest | None]], int]:
    """A client user's own withdrawals and objections, newest first, with what each is about."""
    where = (
        DataSubjectRequest.tenant_id == tenant_id,
        DataSubjectRequest.submitted_by == user_id,
        DataSubjectRequest.channel == IntakeChannel.CLIENT_USER,
        DataSubjectRequest.request_type.in_(
            [RequestType.CONSENT_WITHDRAWAL, RequestType.OBJECTION]
        ),
    )
    total = await session.scalar(select(func.count()).select_from(DataSubjectRequest).where(*where))
    rows = await session.execute(
        select(DataSubjectRequest, ConsentRequest)
        .outerjoin(ConsentRequest, ConsentRequest.request_id == DataSubjectRequest.id)
        .where(*where)
        .order_by(DataSubjectRequest.received_at.desc(), DataSubjectRequest.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [(request, detail) for request, detail in rows.all()], int(total or 0)


async def forget_client_users(session: AsyncSession, *, tenant_id: UUID) -> int:
    """An erased client's users are no longer known by id (the ledger keeps its proofs, which
    name people only by ``subject_ref``); how many."""
    forgotten = await session.execute(
        delete(KnownClientUser).where(KnownClientUser.tenant_id == tenant_id)
    )
    return int(forgotten.rowcount)  # type: ignore[attr-defined]
