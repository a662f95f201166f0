"""Accounts' privacy participant, its handlers called as the worker's consumer calls them;
replies read back from the outbox."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import func, select, update

from accounts.privacy.participant import AccountsParticipant
from accounts.sessions.models import RefreshToken
from accounts.settings import Settings
from accounts.testing import PASSWORD, logged_in, signed_up
from accounts.users.models import User
from chassis.database import Database
from chassis.messaging.inbox import record_new
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.receipts import verify_receipt
from chassis.privacy.registration import PrivacyRegistration, register_participant
from chassis.privacy.subject_ref import subject_ref as subject_ref_of
from chassis.testing.outbox import outbox
from contracts.base import EventData
from contracts.envelope import Envelope
from contracts.events import privacy
from contracts.events.privacy_replies import (
    RestrictionApplied,
    RetentionApplied,
    SubjectDiscovered,
    SubjectErased,
    SubjectExported,
    SubjectRectified,
    TenantErased,
    TenantExported,
)
from contracts.vocabulary import Service


@pytest.fixture(scope="module")
def registration(settings: Settings) -> PrivacyRegistration:
    return register_participant(settings, AccountsParticipant())


async def handle(database: Database, registration: PrivacyRegistration, data: EventData) -> None:
    envelope = Envelope.wrap(data, source=Service.PRIVACY)
    handler = registration.subscription.handlers[envelope.type]
    async with database.sessions() as session, session.begin():
        await record_new(session, consumer=registration.subscription.queue, envelopes=[envelope])
        await handler(session, envelope)


async def replies(database: Database, request_id: UUID) -> list[Any]:
    return [
        envelope.data
        for envelope in await outbox(database)
        if getattr(envelope.data, "request_id", None) == request_id
    ]


async def user_row(database: Database, email: str) -> User | None:
    async with database.sessions() as session:
        return await session.scalar(select(User).where(User.email == email))


async def test_every_subscribed_request_has_a_handler(registration: PrivacyRegistration) -> None:
    handled = set(registration.subscription.handlers)
    assert privacy.SUBJECT_DISCOVERY_REQUESTED in handled
    assert privacy.SUBJECT_RECTIFICATION_REQUESTED in handled
    assert privacy.SUBJECT_REKEY_REQUESTED not in handled  # accounts holds the emails itself


async def test_discovery_export_and_erasure_of_a_client_user(
    api: httpx.AsyncClient, database: Database, registration: PrivacyRegistration, email: str
) -> None:
    tenant_id, user_id = await signed_up(api, database, email=email, name="Kati Karu")
    await logged_in(api, email=email)
    user = await user_row(database, email)
    assert user is not None
    assert user.subject_ref is not None
    reference = user.subject_ref

    discovery = privacy.SubjectDiscoveryRequested(request_id=uuid4(), email=email.upper())
    await handle(database, registration, discovery)
    [found] = await replies(database, discovery.request_id)
    assert isinstance(found, SubjectDiscovered)
    assert found.tenant_ids == [tenant_id]

    export = privacy.SubjectExportRequested(
        request_id=uuid4(), tenant_id=tenant_id, subject_ref=reference
    )
    await handle(database, registration, export)
    [exported] = await replies(database, export.request_id)
    assert isinstance(exported, SubjectExported)
    [account] = exported.categories["account"]
    assert (account["email"], account["name"], account["role"]) == (email, "Kati Karu", "admin")
    assert len(exported.categories["sessions"]) == 1

    erasure = privacy.SubjectErasureRequested(
        request_id=uuid4(), tenant_id=tenant_id, subject_ref=reference
    )
    await handle(database, registration, erasure)
    [erased] = await replies(database, erasure.request_id)
    assert isinstance(erased, SubjectErased)
    assert verify_receipt(erased.receipt, registration.signer.public_key_b64)
    assert erased.receipt.rows_deleted["user_account"] == 1
    assert erased.receipt.rows_deleted["refresh_token"] == 1
    assert await user_row(database, email) is None
    async with database.sessions() as session:
        sessions = await session.scalar(select(func.count()).where(RefreshToken.user_id == user_id))
    assert sessions == 0
    again = privacy.SubjectDiscoveryRequested(request_id=uuid4(), email=email)
    await handle(database, registration, again)
    assert (await replies(database, again.request_id))[0].tenant_ids == []


async def test_rectification_corrects_email_and_name_and_rekeys(
    api: httpx.AsyncClient,
    database: Database,
    registration: PrivacyRegistration,
    settings: Settings,
    email: str,
) -> None:
    tenant_id, _ = await signed_up(api, database, email=email, name="Vale Nimi")
    user = await user_row(database, email)
    assert user is not None
    assert user.subject_ref is not None
    corrected = "corrected-" + email
    new_reference = subject_ref_of(subject_ref_key(settings), tenant_id=tenant_id, email=corrected)
    request = privacy.SubjectRectificationRequested(
        request_id=uuid4(),
        tenant_id=tenant_id,
        subject_ref=user.subject_ref,
        corrected_email=corrected,
        new_subject_ref=new_reference,
        corrected_name="Õige Nimi",
    )
    await handle(database, registration, request)
    [rectified] = await replies(database, request.request_id)
    assert isinstance(rectified, SubjectRectified)
    assert rectified.rows_updated["user_account"] == 1
    fixed = await user_row(database, corrected)
    assert fixed is not None
    assert (fixed.name, fixed.subject_ref) == ("Õige Nimi", new_reference)
    await logged_in(api, email=corrected, password=PASSWORD)


async def test_restriction_stops_group_notices_and_is_lifted(
    api: httpx.AsyncClient, database: Database, registration: PrivacyRegistration, email: str
) -> None:
    tenant_id, _ = await signed_up(api, database, email=email)
    user = await user_row(database, email)
    assert user is not None
    assert user.subject_ref is not None
    for restricted in (True, False):
        request = privacy.SubjectRestrictionChanged(
            request_id=uuid4(),
            tenant_id=tenant_id,
            subject_ref=user.subject_ref,
            restricted=restricted,
        )
        await handle(database, registration, request)
        [applied] = await replies(database, request.request_id)
        assert isinstance(applied, RestrictionApplied)
        changed = await user_row(database, email)
        assert changed is not None
        assert changed.restricted is restricted


async def test_a_whole_client_is_exported_then_erased(
    api: httpx.AsyncClient, database: Database, registration: PrivacyRegistration, email: str
) -> None:
    tenant_id, _ = await signed_up(api, database, email=email, organisation="Lõpp OÜ")
    admin = await logged_in(api, email=email)
    await api.post("/users", json={"email": "second-" + email, "role": "viewer"}, headers=admin)

    export = privacy.TenantExportRequested(request_id=uuid4(), tenant_id=tenant_id)
    await handle(database, registration, export)
    [exported] = await replies(database, export.request_id)
    assert isinstance(exported, TenantExported)
    assert exported.categories["client"]["organisation_name"] == "Lõpp OÜ"
    assert sorted(user["email"] for user in exported.categories["users"]) == sorted(
        [email, "second-" + email]
    )

    erasure = privacy.TenantErasureRequested(request_id=uuid4(), tenant_id=tenant_id)
    await handle(database, registration, erasure)
    [erased] = await replies(database, erasure.request_id)
    assert isinstance(erased, TenantErased)
    assert verify_receipt(erased.receipt, registration.signer.public_key_b64)
    assert erased.receipt.rows_deleted["client"] == 1
    assert erased.receipt.rows_deleted["user_account"] == 2
    async with database.sessions() as session:
        left = await session.scalar(select(func.count()).where(User.tenant_id == tenant_id))
    assert left == 0
    # Only the replies to privacy are left, until the relay sends them.
    assert [
        envelope.type for envelope in await outbox(database) if envelope.tenant_id == tenant_id
    ] == ["accounts.tenant.exported.v1", "accounts.tenant.erased.v1"]


async def test_retention_deletes_old_refresh_tokens_except_held_clients(
    api: httpx.AsyncClient, database: Database, registration: PrivacyRegistration, email: str
) -> None:
    kept_tenant, _ = await signed_up(api, database, email="held-" + email)
    tenant_id, user_id = await signed_up(api, database, email=email)
    for address in (email, "held-" + email):
        await logged_in(api, email=address)
    async with database.sessions() as session, session.begin():
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.tenant_id.in_([tenant_id, kept_tenant]))
            .values(created_at=datetime.now(UTC) - timedelta(days=400))
        )

    def due(dry_run: bool) -> privacy.RetentionDue:
        return privacy.RetentionDue(
            request_id=uuid4(),
            category=privacy.RetentionCategory.REFRESH_TOKENS,
            action=privacy.RetentionAction.DELETE,
            cutoff=datetime.now(UTC) - timedelta(days=365),
            tenant_id=None,
            excluded_tenant_ids=[kept_tenant],
            excluded_subject_refs=[],
            dry_run=dry_run,
        )

    counted = due(dry_run=True)
    await handle(database, registration, counted)
    [dry] = await replies(database, counted.request_id)
    assert isinstance(dry, RetentionApplied)
    assert dry.rows_affected["refresh_token"] >= 1
    assert dry.receipt is None

    applied = due(dry_run=False)
    await handle(database, registration, applied)
    [done] = await replies(database, applied.request_id)
    assert done.receipt is not None
    assert verify_receipt(done.receipt, registration.signer.public_key_b64)
    async with database.sessions() as session:
        mine = await session.scalar(select(func.count()).where(RefreshToken.user_id == user_id))
        held = await session.scalar(
            select(func.count()).where(RefreshToken.tenant_id == kept_tenant)
        )
    assert (mine, held) == (0, 1)

    other = privacy.RetentionDue(
        **{**counted.model_dump(), "request_id": uuid4(), "category": "answers"}
    )
    await handle(database, registration, other)
    assert (await replies(database, other.request_id))[0].rows_affected == {}
