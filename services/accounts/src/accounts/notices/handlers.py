"""Privacy's notices to a group of people, expanded to one notice per address."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.clients.models import Client
from accounts.notices.links import STAFF_LANGUAGE
from accounts.notices.service import request_notice
from accounts.users.models import User
from chassis.auth.principal import Role
from chassis.messaging.subscription import DeadLetter
from contracts.envelope import Envelope
from contracts.events.privacy import (
    AllClientRepresentatives,
    ClientAdmins,
    ClientParticipants,
    ClientUsers,
    PrivacyNotificationRequested,
    PrivacyOfficers,
)
from contracts.vocabulary import Language

PAGE = 500


async def expand_group_notice(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """One ``accounts.notification.requested.v1`` per member of the group, each with an id
    derived from the notice's and the user's, so a redelivery asks for the same notices.
    A notice to a single address is delivery's to send, one to participants assessments' to
    expand: nothing to do here."""
    notice = envelope.data
    if not isinstance(notice, PrivacyNotificationRequested):
        raise DeadLetter(f"{envelope.type} does not carry a privacy notice")
    group = notice.address
    if isinstance(group, str | ClientParticipants):
        return
    async for user, client_language in _members(session, group):
        await request_notice(
            session,
            notice_id=uuid.uuid5(notice.notice_id, str(user.id)),
            template=notice.template,
            address=user.email,
            language=notice.language or client_language,
            parameters=dict(notice.parameters),
            tenant_id=user.tenant_id,
            subject_ref=user.subject_ref,
            purpose=notice.purpose,
        )


async def _members(
    session: AsyncSession,
    group: ClientAdmins | AllClientRepresentatives | ClientUsers | PrivacyOfficers,
) -> AsyncIterator[tuple[User, Language]]:
    """Members who joined and whose processing is not restricted, page by page."""
    query: Select[User, str] = (
        select(User, Client.language)
        .outerjoin(Client, Client.tenant_id == User.tenant_id)
        .where(User.joined_at.is_not(None), User.restricted.is_(False))
        .order_by(User.id)
        .limit(PAGE)
    )
    if isinstance(group, ClientAdmins):
        query = query.where(User.tenant_id == group.tenant_id, User.role == Role.ADMIN)
    elif isinstance(group, ClientUsers):
        query = query.where(User.tenant_id == group.tenant_id)
    elif isinstance(group, AllClientRepresentatives):
        query = query.where(User.tenant_id.is_not(None))
    else:
        query = query.where(User.role == Role.PRIVACY_OFFICER)
    after: uuid.UUID | None = None
    while True:
        page = (await session.execute(query.where(User.id > after) if after else query)).all()
        for user, language in page:
            yield user, Language(language) if language else STAFF_LANGUAGE
        if len(page) < PAGE:
            return
        after = page[-1][0].id
