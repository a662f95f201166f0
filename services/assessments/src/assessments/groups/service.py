from uuid import UUID

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.errors import ConflictError, NotFoundError
from assessments.groups.models import GroupMember, ParticipantGroup
from assessments.paging import PageRequest
from assessments.participants.models import Participant


async def get(session: AsyncSession, *, tenant_id: UUID, group_id: UUID) -> ParticipantGroup:
    group = await session.scalar(
        select(ParticipantGroup).where(
            ParticipantGroup.tenant_id == tenant_id, ParticipantGroup.id == group_id
        )
    )
    if group is None:
        raise NotFoundError("group")
    return group


async def member_count(session: AsyncSession, *, group_id: UUID) -> int:
    count = await session.scalar(
        select(func.count()).select_from(GroupMember).where(GroupMember.group_id == group_id)
    )
    return count or 0


async def listing(
    session: AsyncSession, *, tenant_id: UUID, page: PageRequest
) -> tuple[list[tuple[ParticipantGroup, int]], int]:
    total = await session.scalar(
        select(func.count())
        .select_from(ParticipantGroup)
        .where(ParticipantGroup.tenant_id == tenant_id)
    )
    members = (
        select(func.count())
        .where(GroupMember.group_id == ParticipantGroup.id)
        .correlate(ParticipantGroup)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(ParticipantGroup, members)
        .where(ParticipantGroup.tenant_id == tenant_id)
        .order_by(ParticipantGroup.name)
        .limit(page.limit)
        .offset(page.offset)
    )
    return [(group, count) for group, count in rows.all()], total or 0


async def create(session: AsyncSession, *, tenant_id: UUID, name: str) -> ParticipantGroup:
    group = ParticipantGroup(tenant_id=tenant_id, name=name)
    session.add(group)
    try:
        await session.flush()
    except IntegrityError:
        raise ConflictError("A group with this name already exists.") from None
    await session.refresh(group)
    return group


async def rename(
    session: AsyncSession, *, tenant_id: UUID, group_id: UUID, name: str
) -> ParticipantGroup:
    group = await get(session, tenant_id=tenant_id, group_id=group_id)
    group.name = name
    try:
        await session.flush()
    except IntegrityError:
        raise ConflictError("A group with this name already exists.") from None
    return group


async def remove(session: AsyncSession, *, tenant_id: UUID, group_id: UUID) -> None:
    group = await get(session, tenant_id=tenant_id, group_id=group_id)
    await session.delete(group)


async def add_members(
    session: AsyncSession, *, tenant_id: UUID, group_id: UUID, participant_ids: list[UUID]
) -> None:
    await get(session, tenant_id=tenant_id, group_id=group_id)
    wanted = set(participant_ids)
    found = set(
        await session.scalars(
            select(Participant.id).where(
                Participant.tenant_id == tenant_id, Participant.id.in_(wanted)
            )
        )
    )
    if found != wanted:
        raise NotFoundError("participant")
    await session.execute(
        insert(GroupMember)
        .values(
            [
                {"group_id": group_id, "participant_id": participant_id, "tenant_id": tenant_id}
                for participant_id in sorted(wanted)
            ]
        )
        .on_conflict_do_nothing()
    )


async def remove_member(
    session: AsyncSession, *, tenant_id: UUID, group_id: UUID, participant_id: UUID
) -> None:
    await get(session, tenant_id=tenant_id, group_id=group_id)
    result = await session.execute(
        delete(GroupMember).where(
            GroupMember.tenant_id == tenant_id,
            GroupMember.group_id == group_id,
            GroupMember.participant_id == participant_id,
        )
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NotFoundError("member of this group")
