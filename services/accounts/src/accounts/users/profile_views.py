"""The caller's own profile: read it, correct the name, change the email (verified first)."""

from fastapi import APIRouter, status
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.auth.schemas import LinkOpened
from accounts.clients.service import get_client
from accounts.errors import ConflictError
from accounts.links.service import LinkPurpose, consume_link_token, pending_new_email
from accounts.notices.links import send_link
from accounts.runtime import RuntimeDep
from accounts.users.models import User
from accounts.users.profile_schemas import EmailChange, Profile, ProfileChange
from accounts.users.service import EMAIL_TAKEN, change_email, find_by_email, get_user
from chassis.auth.dependencies import CurrentPrincipal
from chassis.database import SessionDep

router = APIRouter(tags=["profile"])


async def _profile(session: AsyncSession, user: User) -> Profile:
    return Profile(
        id=user.id,
        tenant_id=user.tenant_id,
        email=user.email,
        name=user.name,
        role=user.role,
        pending_email=await pending_new_email(session, user=user),
    )


@router.get("/me")
async def read_profile(principal: CurrentPrincipal, session: SessionDep) -> Profile:
    async with session.begin():
        return await _profile(session, await get_user(session, user_id=principal.user_id))


@router.patch("/me")
async def correct_profile(
    body: ProfileChange, principal: CurrentPrincipal, session: SessionDep
) -> Profile:
    async with session.begin():
        user = await get_user(session, user_id=principal.user_id)
        user.name = body.name
        await session.flush()
        return await _profile(session, user)


@router.post("/me/email", status_code=status.HTTP_202_ACCEPTED)
async def ask_email_change(
    body: EmailChange, principal: CurrentPrincipal, session: SessionDep, runtime: RuntimeDep
) -> Profile:
    """Emails a verification link to the new address; the change waits for it."""
    async with session.begin():
        user = await get_user(session, user_id=principal.user_id)
        if body.email != user.email:
            if await find_by_email(session, email=body.email) is not None:
                raise ConflictError(EMAIL_TAKEN)
            client = await get_client(session, tenant_id=user.tenant_id) if user.tenant_id else None
            await send_link(
                session,
                settings=runtime.settings,
                user=user,
                purpose=LinkPurpose.EMAIL_CHANGE,
                client=client,
                new_email=body.email,
            )
        return await _profile(session, user)


@router.post("/auth/verify-new-email", status_code=status.HTTP_204_NO_CONTENT)
async def verify_new_email(body: LinkOpened, session: SessionDep, runtime: RuntimeDep) -> None:
    """The new address is proven: it becomes the account's email and login name."""
    async with session.begin():
        link = await consume_link_token(session, token=body.token, purpose=LinkPurpose.EMAIL_CHANGE)
        user = await get_user(session, user_id=link.user_id)
        assert link.new_email is not None
        await change_email(
            session, user=user, new_email=link.new_email, subject_ref_key=runtime.subject_ref_key
        )
