"""The email that announces a version to every client representative (Q13)."""

from typing import Final
from uuid import UUID, uuid5

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.outbox import publish
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import AllClientRepresentatives, PrivacyNotificationRequested
from privacy.policies.models import PolicyVersion
from privacy.settings import Settings

_ANNOUNCEMENTS: Final = UUID("5b0f6c1e-8f43-4c36-9a0e-2f1d7c9e4a10")


def announcement_id(version_id: UUID) -> UUID:
    """The notice id of a version's announcement: the same on every retry and redelivery, so
    accounts derives the same per-user ids and delivery sends each of them once."""
    return uuid5(_ANNOUNCEMENTS, f"policy-change:{version_id}")


def version_link(settings: Settings, label: str) -> str:
    base = settings.public_base_url.rstrip("/")
    return f"{base}{settings.policies.page_path.rstrip('/')}/{label}"


async def announce(session: AsyncSession, *, version: PolicyVersion, settings: Settings) -> None:
    """One group notice to every client representative; accounts expands it, one per user."""
    await publish(
        session,
        PrivacyNotificationRequested(
            notice_id=announcement_id(version.id),
            tenant_id=None,
            template=NoticeTemplate.POLICY_CHANGE,
            address=AllClientRepresentatives(group="all_client_representatives"),
            language=None,
            parameters={
                "effective_on": version.effective_on.isoformat(),
                "link": version_link(settings, version.label),
            },
        ),
    )
