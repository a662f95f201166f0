"""A client's users, managed by its admins: invite, list, change a role, remove."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status

from accounts.clients.service import get_client
from accounts.errors import ConflictError
from accounts.links.service import LinkPurpose
from accounts.notices.links import send_link
from accounts.runtime import RuntimeDep
from accounts.tenancy import tenant_of
from accounts.users.schemas import Invitation, RoleChange, UserOut, UserPage
from accounts.users.service import (
    EMAIL_TAKEN,
    add_client_user,
    change_role,
    find_by_email,
    get_client_user,
    list_client_users,
    remove_user,
)
from chassis.auth.dependencies import ClientAdmin
from chassis.database import SessionDep

router = APIRouter(prefix="/users", tags=["users"])

MAX_PAGE = 200


@router.get("")
async def list_users(
    principal: ClientAdmin,
    session: SessionDep,
    after: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> UserPage:
    async with session.begin():
        users = await list_client_users(
            session, tenant_id=tenant_of(principal), after=after, limit=limit + 1
        )
    page = [UserOut.of(user) for user in users[:limit]]
    return UserPage(items=page, next_after=page[-1].id if len(users) > limit else None)


@router.post("", status_code=status.HTTP_201_CREATED)
async def invite_user(
    body: Invitation, principal: ClientAdmin, session: SessionDep, runtime: RuntimeDep
) -> UserOut:
    """Emails a single-use invitation; inviting someone again sends a fresh link."""
    tenant_id = tenant_of(principal)
    async with session.begin():
        client = await get_client(session, tenant_id=tenant_id)
        user = await find_by_email(session, email=body.email)
        if user is None:
            user = await add_client_user(
                session,
                tenant_id=tenant_id,
                email=body.email,
                role=body.role,
                name=body.name,
                subject_ref_key=runtime.subject_ref_key,
            )
        elif user.tenant_id != tenant_id or user.joined_at is not None:
            raise ConflictError(EMAIL_TAKEN)
        else:
            user.role = body.role
        await send_link(
            session,
            settings=runtime.settings,
            user=user,
            purpose=LinkPurpose.INVITATION,
            client=client,
        )
        return UserOut.of(user)


@router.get("/{user_id}")
async def read_user(user_id: UUID, principal: ClientAdmin, session: SessionDep) -> UserOut:
    async with session.begin():
        user = await get_client_user(session, tenant_id=tenant_of(principal), user_id=user_id)
        return UserOut.of(user)


@router.patch("/{user_id}")
async def change_user_role(
    user_id: UUID, body: RoleChange, principal: ClientAdmin, session: SessionDep
) -> UserOut:
    """The last admin cannot be demoted (409)."""
    async with session.begin():
        user = await change_role(
            session, tenant_id=tenant_of(principal), user_id=user_id, role=body.role
        )
        return UserOut.of(user)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_user(user_id: UUID, principal: ClientAdmin, session: SessionDep) -> None:
    """Removes the user and their sessions; the last admin cannot be removed (409)."""
    async with session.begin():
        await remove_user(session, tenant_id=tenant_of(principal), user_id=user_id)
