"""Emailing a single-use link: the token, and the notice that carries it."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from accounts.clients.models import Client
from accounts.links.service import LinkPurpose, issue_link_token, link_url
from accounts.notices.service import request_notice
from accounts.settings import Settings
from accounts.users.models import User
from contracts.events.notifications import NoticeTemplate
from contracts.vocabulary import Language

STAFF_LANGUAGE = Language.ENGLISH

TEMPLATES: dict[LinkPurpose, NoticeTemplate] = {
    LinkPurpose.EMAIL_VERIFICATION: NoticeTemplate.EMAIL_VERIFICATION,
    LinkPurpose.EMAIL_CHANGE: NoticeTemplate.EMAIL_VERIFICATION,
    LinkPurpose.INVITATION: NoticeTemplate.CLIENT_INVITATION,
    LinkPurpose.PASSWORD_RESET: NoticeTemplate.PASSWORD_RESET,
}


def link_lifetime(settings: Settings, purpose: LinkPurpose) -> timedelta:
    seconds = {
        LinkPurpose.EMAIL_VERIFICATION: settings.email_verification_ttl_seconds,
        LinkPurpose.EMAIL_CHANGE: settings.email_verification_ttl_seconds,
        LinkPurpose.INVITATION: settings.invitation_ttl_seconds,
        LinkPurpose.PASSWORD_RESET: settings.password_reset_ttl_seconds,
    }[purpose]
    return timedelta(seconds=seconds)


async def send_link(
    session: AsyncSession,
    *,
    settings: Settings,
    user: User,
    purpose: LinkPurpose,
    client: Client | None,
    new_email: str | None = None,
) -> None:
    """Issues the link's token and asks delivery to email it (to ``new_email`` when the link
    verifies a change of address, else to the user's address)."""
    token = await issue_link_token(
        session,
        user=user,
        purpose=purpose,
        lifetime=link_lifetime(settings, purpose),
        new_email=new_email,
    )
    parameters = {"link": link_url(settings.public_base_url, purpose, token)}
    if purpose is LinkPurpose.INVITATION and client is not None:
        parameters["organisation_name"] = client.organisation_name
    await request_notice(
        session,
        template=TEMPLATES[purpose],
        address=new_email or user.email,
        language=Language(client.language) if client is not None else STAFF_LANGUAGE,
        parameters=parameters,
        tenant_id=user.tenant_id,
        subject_ref=user.subject_ref,
    )
