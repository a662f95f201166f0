"""Platform staff: privacy officers, tied to no client."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from accounts.errors import ConflictError
from accounts.links.service import LinkPurpose, issue_link_token, link_url
from accounts.users.models import User
from accounts.users.service import find_by_email
from chassis.auth.principal import Role
from contracts.ids import uuid7


async def privacy_officer_password_link(
    session: AsyncSession, *, email: str, base_url: str, lifetime: timedelta
) -> str:
    """A one-time link to set the password of the privacy officer with this address (made
    now if new). The address must not belong to a client's user."""
    user = await find_by_email(session, email=email)
    if user is None:
        user = User(id=uuid7(), tenant_id=None, email=email, role=Role.PRIVACY_OFFICER)
        session.add(user)
        await session.flush()
    elif user.role != Role.PRIVACY_OFFICER:
        raise ConflictError("This address belongs to a client's user, not to platform staff.")
    token = await issue_link_token(
        session, user=user, purpose=LinkPurpose.PASSWORD_RESET, lifetime=lifetime
    )
    return link_url(base_url, LinkPurpose.PASSWORD_RESET, token)
