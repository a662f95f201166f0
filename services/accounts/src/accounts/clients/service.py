"""Clients: signing up, their settings, the end of their contract."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.clients.models import Client
from accounts.errors import ConflictError, NotFoundError
from chassis.messaging.outbox import publish
from contracts.events.accounts import (
    ClientOffboardingRequested,
    ClientRegistered,
    ClientSettingsChanged,
)
from contracts.ids import uuid7
from contracts.vocabulary import Language

DEFAULT_TIME_ZONE = "Europe/Tallinn"


async def register_client(
    session: AsyncSession, *, organisation_name: str, time_zone: str, language: Language
) -> Client:
    client = Client(
        tenant_id=uuid7(),
        organisation_name=organisation_name,
        time_zone=time_zone,
        language=language,
    )
    session.add(client)
    await session.flush()
    await publish(
        session,
        ClientRegistered(
            tenant_id=client.tenant_id,
            organisation_name=organisation_name,
            time_zone=time_zone,
            language=language,
        ),
    )
    return client


async def get_client(session: AsyncSession, *, tenant_id: UUID, lock: bool = False) -> Client:
    """The client; with ``lock``, held until the transaction ends (changes to its admins)."""
    query = select(Client).where(Client.tenant_id == tenant_id)
    if lock:
        query = query.with_for_update()
    client = await session.scalar(query)
    if client is None:
        raise NotFoundError("This client no longer exists.")
    return client


async def change_settings(
    session: AsyncSession,
    *,
    tenant_id: UUID,
    time_zone: str | None,
    language: Language | None,
) -> Client:
    """Applies the given settings; announces the whole set when something changed."""
    client = await get_client(session, tenant_id=tenant_id, lock=True)
    before = (client.time_zone, client.language)
    if time_zone is not None:
        client.time_zone = time_zone
    if language is not None:
        client.language = language
    if (client.time_zone, client.language) != before:
        await session.flush()
        await publish(
            session,
            ClientSettingsChanged(
                tenant_id=tenant_id,
                time_zone=client.time_zone,
                language=Language(client.language),
            ),
        )
    return client


async def request_offboarding(
    session: AsyncSession, *, tenant_id: UUID, requested_by: UUID, now: datetime
) -> Client:
    client = await get_client(session, tenant_id=tenant_id, lock=True)
    if client.offboarding_requested_at is not None:
        raise ConflictError("Ending the contract was already requested; privacy is handling it.")
    client.offboarding_requested_at = now
    await session.flush()
    await publish(
        session,
        ClientOffboardingRequested(tenant_id=tenant_id, requested_by_user_id=requested_by),
    )
    return client
