"""The ``privacy.offboarding`` subscription (P12): a client's request to end its contract, and
the data services' whole-client exports and erasure receipts."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.subscription import DeadLetter, Subscription
from contracts.envelope import Envelope
from contracts.events.accounts import CLIENT_OFFBOARDING_REQUESTED, ClientOffboardingRequested
from contracts.events.privacy_replies import (
    PrivacyReply,
    TenantErased,
    TenantExported,
    reply_type,
)
from contracts.vocabulary import DataService
from privacy.audit.service import hold_audit_chain
from privacy.clock import system_clock
from privacy.offboarding.erasure import take_erasure_receipt
from privacy.offboarding.export import take_export_part
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.offboarding.service import start_offboarding
from privacy.settings import process_settings

offboarding = Subscription(service="privacy", name="offboarding", batch_linger_seconds=0.0)


async def on_offboarding_requested(session: AsyncSession, envelope: Envelope[Any]) -> None:
    request = envelope.data
    if not isinstance(request, ClientOffboardingRequested):
        raise DeadLetter(f"{envelope.type} does not carry ClientOffboardingRequested")
    await start_offboarding(
        session,
        tenant_id=request.tenant_id,
        requested_by_user_id=request.requested_by_user_id,
        requested_at=envelope.occurred_at,
        settings=process_settings(),
        now=system_clock(),
    )


async def on_tenant_exported(session: AsyncSession, envelope: Envelope[Any]) -> None:
    reply = envelope.data
    if not isinstance(reply, TenantExported):
        raise DeadLetter(f"{envelope.type} does not carry TenantExported")
    await hold_audit_chain(session)
    found = await session.scalar(
        select(ClientOffboarding)
        .where(ClientOffboarding.export_request_id == reply.request_id)
        .with_for_update()
    )
    if found is None or OffboardingState(found.state) is not OffboardingState.EXPORTING:
        return  # another request's export, or a part that came again after the offer
    await take_export_part(
        session, offboarding=found, reply=reply, settings=process_settings(), now=system_clock()
    )


async def on_tenant_erased(session: AsyncSession, envelope: Envelope[Any]) -> None:
    reply = envelope.data
    if not isinstance(reply, TenantErased):
        raise DeadLetter(f"{envelope.type} does not carry TenantErased")
    await hold_audit_chain(session)
    found = await session.scalar(
        select(ClientOffboarding)
        .where(ClientOffboarding.erasure_request_id == reply.request_id)
        .with_for_update()
    )
    if found is None:
        return
    await take_erasure_receipt(
        session, offboarding=found, reply=reply, settings=process_settings(), now=system_clock()
    )


offboarding.add(CLIENT_OFFBOARDING_REQUESTED, on_offboarding_requested)
for _service in DataService:
    offboarding.add(reply_type(_service, PrivacyReply.TENANT_EXPORTED), on_tenant_exported)
    offboarding.add(reply_type(_service, PrivacyReply.TENANT_ERASED), on_tenant_erased)
