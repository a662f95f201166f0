"""Single-use tokens of emailed links: issued with a lifetime, consumed once."""

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import urlencode

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.errors import InvalidLinkError
from accounts.links.models import SingleUseToken
from accounts.opaque_tokens import new_token, token_hash
from accounts.users.models import User
from contracts.ids import uuid7


class LinkPurpose(StrEnum):
    EMAIL_VERIFICATION = "email_verification"
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"  # noqa: S105 (a purpose, not a password)
    EMAIL_CHANGE = "email_change"


WEB_PATHS: dict[LinkPurpose, str] = {
    LinkPurpose.EMAIL_VERIFICATION: "/verify-email",
    LinkPurpose.INVITATION: "/accept-invitation",
    LinkPurpose.PASSWORD_RESET: "/reset-password",
    LinkPurpose.EMAIL_CHANGE: "/verify-new-email",
}
"""The web app's pages that take each link's token and post it to the API."""


def link_url(base_url: str, purpose: LinkPurpose, token: str) -> str:
    return f"{base_url.rstrip('/')}{WEB_PATHS[purpose]}?{urlencode({'token': token})}"


async def issue_link_token(
    session: AsyncSession,
    *,
    user: User,
    purpose: LinkPurpose,
    lifetime: timedelta,
    new_email: str | None = None,
) -> str:
    """A fresh token for the user and purpose; earlier ones of that purpose stop working,
    and expired links of anyone are forgotten."""
    now = datetime.now(UTC)
    await session.execute(
        delete(SingleUseToken).where(
            or_(
                and_(SingleUseToken.user_id == user.id, SingleUseToken.purpose == purpose),
                SingleUseToken.expires_at <= now,
            )
        )
    )
    token = new_token()
    session.add(
        SingleUseToken(
            id=uuid7(),
            tenant_id=user.tenant_id,
            user_id=user.id,
            purpose=purpose,
            token_hash=token_hash(token),
            new_email=new_email,
            expires_at=now + lifetime,
        )
    )
    await session.flush()
    return token


async def consume_link_token(
    session: AsyncSession, *, token: str, purpose: LinkPurpose
) -> SingleUseToken:
    """The token's row, deleted so it cannot be used twice; ``InvalidLinkError`` if unknown,
    used already or expired."""
    found: SingleUseToken | None = await session.scalar(
        delete(SingleUseToken)
        .where(SingleUseToken.token_hash == token_hash(token), SingleUseToken.purpose == purpose)
        .returning(SingleUseToken)
    )
    if found is None or found.expires_at <= datetime.now(UTC):
        raise InvalidLinkError()
    return found


async def pending_new_email(session: AsyncSession, *, user: User) -> str | None:
    return await session.scalar(
        select(SingleUseToken.new_email).where(
            SingleUseToken.user_id == user.id,
            SingleUseToken.purpose == LinkPurpose.EMAIL_CHANGE,
            SingleUseToken.expires_at > datetime.now(UTC),
        )
    )
