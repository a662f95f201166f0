from uuid import UUID

from fastapi import APIRouter, status

from assessments.groups import service
from assessments.groups.models import ParticipantGroup
from assessments.groups.schemas import GroupCreate, GroupRead, Members
from assessments.paging import Page, PageParams
from assessments.tenancy import tenant_of
from chassis.auth.dependencies import ClientEditor, ClientViewer
from chassis.database import SessionDep

router = APIRouter(prefix="/groups", tags=["groups"])


def _read(group: ParticipantGroup, members: int) -> GroupRead:
    return GroupRead(id=group.id, name=group.name, members=members, created_at=group.created_at)


@router.get("")
async def list_groups(
    principal: ClientViewer, session: SessionDep, page: PageParams
) -> Page[GroupRead]:
    async with session.begin():
        rows, total = await service.listing(session, tenant_id=tenant_of(principal), page=page)
    return Page(
        items=[_read(group, members) for group, members in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_group(
    principal: ClientEditor, session: SessionDep, details: GroupCreate
) -> GroupRead:
    async with session.begin():
        group = await service.create(session, tenant_id=tenant_of(principal), name=details.name)
        return _read(group, 0)


@router.get("/{group_id}")
async def read_group(principal: ClientViewer, session: SessionDep, group_id: UUID) -> GroupRead:
    async with session.begin():
        group = await service.get(session, tenant_id=tenant_of(principal), group_id=group_id)
        return _read(group, await service.member_count(session, group_id=group.id))


@router.put("/{group_id}")
async def rename_group(
    principal: ClientEditor, session: SessionDep, group_id: UUID, details: GroupCreate
) -> GroupRead:
    async with session.begin():
        group = await service.rename(
            session, tenant_id=tenant_of(principal), group_id=group_id, name=details.name
        )
        return _read(group, await service.member_count(session, group_id=group.id))


@router.delete("/{group_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_group(principal: ClientEditor, session: SessionDep, group_id: UUID) -> None:
    """Deletes the group; its members stay participants."""
    async with session.begin():
        await service.remove(session, tenant_id=tenant_of(principal), group_id=group_id)


@router.post("/{group_id}/members", status_code=status.HTTP_204_NO_CONTENT)
async def add_members(
    principal: ClientEditor, session: SessionDep, group_id: UUID, members: Members
) -> None:
    async with session.begin():
        await service.add_members(
            session,
            tenant_id=tenant_of(principal),
            group_id=group_id,
            participant_ids=members.participant_ids,
        )


@router.delete("/{group_id}/members/{participant_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_member(
    principal: ClientEditor, session: SessionDep, group_id: UUID, participant_id: UUID
) -> None:
    async with session.begin():
        await service.remove_member(
            session,
            tenant_id=tenant_of(principal),
            group_id=group_id,
            participant_id=participant_id,
        )
