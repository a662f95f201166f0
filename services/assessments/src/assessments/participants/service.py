from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.errors import ConflictError, NotFoundError
from assessments.groups.models import GroupMember, ParticipantGroup
from assessments.keys import SubjectRefs
from assessments.paging import Page, PageRequest
from assessments.participants.erasure import erase_participants
from assessments.participants.models import Participant
from assessments.participants.rekeying import rekey_participant
from assessments.participants.schemas import ParticipantCreate, ParticipantRead, ParticipantUpdate
from assessments.privacy.models import SubjectRestriction
from chassis.messaging.outbox import publish
from contracts.events.assessments import ParticipantRemoved


async def _group_ids(
    session: AsyncSession, participant_ids: Sequence[UUID]
) -> dict[UUID, list[UUID]]:
    rows = await session.execute(
        select(GroupMember.participant_id, GroupMember.group_id).where(
            GroupMember.participant_id.in_(participant_ids)
        )
    )
    found: dict[UUID, list[UUID]] = {participant_id: [] for participant_id in participant_ids}
    for participant_id, group_id in rows:
        found[participant_id].append(group_id)
    return found


async def _restricted(
    session: AsyncSession, *, tenant_id: UUID, subject_refs: Sequence[str]
) -> set[str]:
    found = await session.scalars(
        select(SubjectRestriction.subject_ref).where(
            SubjectRestriction.tenant_id == tenant_id,
            SubjectRestriction.subject_ref.in_(subject_refs),
        )
    )
    return set(found)


def _read(participant: Participant, group_ids: list[UUID], restricted: set[str]) -> ParticipantRead:
    return ParticipantRead(
        id=participant.id,
        name=participant.name,
        email=participant.email,
        language=participant.language,
        slack_linked=participant.slack_user_id is not None,
        restricted=participant.subject_ref in restricted,
        email_unsubscribed=participant.email_unsubscribed,
        group_ids=sorted(group_ids),
        created_at=participant.created_at,
        subject_ref=participant.subject_ref,
    )


async def get(session: AsyncSession, *, tenant_id: UUID, participant_id: UUID) -> Participant:
    participant = await session.scalar(
        select(Participant).where(
            Participant.tenant_id == tenant_id, Participant.id == participant_id
        )
    )
    if participant is None:
        raise NotFoundError("participant")
    return participant


async def read(session: AsyncSession, *, tenant_id: UUID, participant_id: UUID) -> ParticipantRead:
    participant = await get(session, tenant_id=tenant_id, participant_id=participant_id)
    groups = await _group_ids(session, [participant.id])
    restricted = await _restricted(
        session, tenant_id=tenant_id, subject_refs=[participant.subject_ref]
    )
    return _read(participant, groups[participant.id], restricted)


async def listing(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    page: PageRequest,
    search: str | None,
    group_id: UUID | None,
) -> Page[ParticipantRead]:
    conditions = [Participant.tenant_id == tenant_id]
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(or_(Participant.name.ilike(pattern), Participant.email.ilike(pattern)))
    if group_id is not None:
        conditions.append(
            Participant.id.in_(
                select(GroupMember.participant_id).where(
                    GroupMember.group_id == group_id, GroupMember.tenant_id == tenant_id
                )
            )
        )
    total = await session.scalar(select(func.count()).select_from(Participant).where(*conditions))
    participants = list(
        await session.scalars(
            select(Participant)
            .where(*conditions)
            .order_by(Participant.name, Participant.id)
            .limit(page.limit)
            .offset(page.offset)
        )
    )
    groups = await _group_ids(session, [participant.id for participant in participants])
    restricted = await _restricted(
        session,
        tenant_id=tenant_id,
        subject_refs=[participant.subject_ref for participant in participants],
    )
    return Page(
        items=[
            _read(participant, groups[participant.id], restricted) for participant in participants
        ],
        total=total or 0,
        limit=page.limit,
        offset=page.offset,
    )


async def _check_groups(session: AsyncSession, *, tenant_id: UUID, group_ids: set[UUID]) -> None:
    if not group_ids:
        return
    found = set(
        await session.scalars(
            select(ParticipantGroup.id).where(
                ParticipantGroup.tenant_id == tenant_id, ParticipantGroup.id.in_(group_ids)
            )
        )
    )
    if found != group_ids:
        raise NotFoundError("group")


async def create(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    details: ParticipantCreate,
    default_language: str,
    subject_refs: SubjectRefs,
) -> ParticipantRead:
    await _check_groups(session, tenant_id=tenant_id, group_ids=set(details.group_ids))
    participant = Participant(
        tenant_id=tenant_id,
        name=details.name,
        email=details.email,
        subject_ref=subject_refs.of(tenant_id=tenant_id, email=details.email),
        language=details.language or default_language,
        email_unsubscribed=False,
    )
    session.add(participant)
    try:
        await session.flush()
    except IntegrityError:
        raise ConflictError("A participant with this email already exists.") from None
    session.add_all(
        GroupMember(group_id=group_id, participant_id=participant.id, tenant_id=tenant_id)
        for group_id in set(details.group_ids)
    )
    await session.flush()
    await session.refresh(participant)
    restricted = await _restricted(
        session, tenant_id=tenant_id, subject_refs=[participant.subject_ref]
    )
    return _read(participant, list(set(details.group_ids)), restricted)


async def change(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    participant_id: UUID,
    changes: ParticipantUpdate,
    subject_refs: SubjectRefs,
) -> ParticipantRead:
    """Edits a participant; a new email gives them a new ``subject_ref``, which their rows
    here and in the other services follow."""
    participant = await get(session, tenant_id=tenant_id, participant_id=participant_id)
    if changes.email is not None and changes.email != participant.email:
        # Two edits of one person re-key one after the other, each from the ref the last left.
        await session.refresh(participant, with_for_update=True)
    old_ref = participant.subject_ref
    if changes.name is not None:
        participant.name = changes.name
    if changes.language is not None:
        participant.language = changes.language
    if changes.email is not None and changes.email != participant.email:
        participant.email = changes.email
        participant.subject_ref = subject_refs.of(tenant_id=tenant_id, email=changes.email)
    try:
        await session.flush()
    except IntegrityError:
        raise ConflictError("A participant with this email already exists.") from None
    if participant.subject_ref != old_ref:
        await rekey_participant(
            session,
            tenant_id=tenant_id,
            subject_ref=old_ref,
            new_subject_ref=participant.subject_ref,
        )
    groups = await _group_ids(session, [participant.id])
    restricted = await _restricted(
        session, tenant_id=tenant_id, subject_refs=[participant.subject_ref]
    )
    return _read(participant, groups[participant.id], restricted)


async def remove(session: AsyncSession, *, tenant_id: UUID, participant_id: UUID) -> None:
    """Deletes the participant now, with their dispatches, tokens and free-text answers
    (choice answers stay as anonymous rows), and tells the other services (P13)."""
    participant = await get(session, tenant_id=tenant_id, participant_id=participant_id)
    subject_ref = participant.subject_ref
    await erase_participants(session, tenant_id=tenant_id, participant_ids=[participant.id])
    await publish(session, ParticipantRemoved(tenant_id=tenant_id, subject_ref=subject_ref))
