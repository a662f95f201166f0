from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from assessments.client_settings import service
from chassis.messaging.subscription import Subscription
from contracts.envelope import Envelope
from contracts.events import accounts
from contracts.events.accounts import ClientRegistered, ClientSettingsChanged

client_settings = Subscription(service="assessments", name="client_settings")


@client_settings.on(accounts.CLIENT_REGISTERED, accounts.CLIENT_SETTINGS_CHANGED)
async def remember_settings(session: AsyncSession, envelope: Envelope[Any]) -> None:
    data: ClientRegistered | ClientSettingsChanged = envelope.data
    await service.remember(
        session,
        tenant_id=data.tenant_id,
        time_zone=data.time_zone,
        language=data.language,
        as_of=envelope.occurred_at,
    )
