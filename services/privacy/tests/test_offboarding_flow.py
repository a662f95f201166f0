"""A client's offboarding over the real database (P12): the whole-client export offered to
the client's admins, the erasure date agreed within the rules, the erasure asked on that date
(not under a legal hold, P14), asked again when a service is silent, and the certificate of
deletion a proof bundle whose receipts verify. Replies are built as the data services'
chassis builds them."""

import io
import json
import secrets
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
from pydantic import JsonValue
from sqlalchemy import select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.messaging.inbox import record_new
from chassis.testing.auth import TestTokens
from chassis.testing.outbox import outbox
from contracts.envelope import Envelope
from contracts.events.accounts import ClientOffboardingRequested
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import (
    NOTIFICATION_REQUESTED,
    TENANT_ERASURE_REQUESTED,
    TENANT_EXPORT_REQUESTED,
)
from contracts.events.privacy_replies import TenantErased, TenantExported
from contracts.events.receipt import ErasureMethod, ReceiptContent, ReceiptScope
from contracts.vocabulary import DataService
from privacy.consent.models import KnownClientUser
from privacy.holds.models import LegalHold
from privacy.offboarding.certificate import organisation_digest
from privacy.offboarding.handlers import offboarding
from privacy.offboarding.links import offboarding_signature
from privacy.offboarding.models import ClientOffboarding, OffboardingState
from privacy.offboarding.options import OffboardingOptions
from privacy.offboarding.scheduling import erase_due_clients
from privacy.proofs.bundle_check import check_bundle, holds
from privacy.requests.models import DataSubjectRequest, IntakeChannel, SubjectKind
from privacy.settings import Settings

from .conftest import FixedClock
from .test_saga_support import SIGNERS, announce_keys

ORGANISATION = "Offboarded Marker OÜ"


async def handle(database: Database, envelope: Envelope[Any]) -> None:
    """An event through the ``offboarding`` subscription, as the worker handles it."""
    async with database.sessions() as session, session.begin():
        if envelope.id in await record_new(
            session, consumer=offboarding.queue, envelopes=[envelope]
        ):
            await offboarding.handlers[envelope.type](session, envelope)


async def requested(database: Database) -> UUID:
    tenant_id = uuid4()
    await handle(
        database,
        Envelope.wrap(
            ClientOffboardingRequested(tenant_id=tenant_id, requested_by_user_id=uuid4()),
            tenant_id=tenant_id,
        ),
    )
    return tenant_id


def exported(tenant_id: UUID, request_id: UUID, service: DataService) -> Envelope[Any]:
    categories: dict[str, JsonValue] = {"rows": [{"service": service.value}]}
    if service is DataService.ACCOUNTS:
        categories = {"client": {"organisation_name": ORGANISATION}, "users": []}
    reply = TenantExported(
        service=service, request_id=request_id, part=1, total_parts=1, categories=categories
    )
    return Envelope.wrap(reply, tenant_id=tenant_id)


def erased(tenant_id: UUID, request_id: UUID, service: DataService) -> Envelope[Any]:
    signer = SIGNERS[service]
    content = ReceiptContent(
        request_id=request_id,
        service=service,
        scope=ReceiptScope.TENANT_ERASURE,
        tenant_id=tenant_id,
        subject_ref=None,
        method=ErasureMethod.DELETE,
        rows_deleted={"some_table": 3},
        rows_anonymised={},
        completed_at=datetime.now(UTC),
        key_id=signer.key_id,
    )
    reply = TenantErased(service=service, request_id=request_id, receipt=signer.sign(content))
    return Envelope.wrap(reply, tenant_id=tenant_id)


async def record(database: Database, tenant_id: UUID) -> ClientOffboarding:
    async with database.sessions() as session:
        found = await session.scalar(
            select(ClientOffboarding).where(ClientOffboarding.tenant_id == tenant_id)
        )
        assert found is not None
        return found


async def offered(database: Database) -> ClientOffboarding:
    tenant_id = await requested(database)
    found = await record(database, tenant_id)
    for service in DataService:
        await handle(database, exported(tenant_id, found.export_request_id, service))
    return await record(database, tenant_id)


async def scheduler(database: Database, settings: Settings, *, now: datetime) -> int:
    async with database.sessions() as session, session.begin():
        return await erase_due_clients(session, settings=settings, now=now)


def immediate(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"offboarding": OffboardingOptions(notice_lead_seconds=0, reply_timeout_seconds=5)}
    )


def about(envelopes: list[Envelope[Any]], request_id: UUID) -> list[Envelope[Any]]:
    return [envelope for envelope in envelopes if envelope.data.request_id == request_id]


async def test_p12_offboarding_asks_every_service_for_the_client_and_offers_the_zip(
    database: Database, settings: Settings, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    clock.now = datetime.now(UTC)
    tenant_id = await requested(database)
    found = await record(database, tenant_id)
    assert found.state == OffboardingState.EXPORTING
    asked = about(await outbox(database, TENANT_EXPORT_REQUESTED), found.export_request_id)
    assert [envelope.data.tenant_id for envelope in asked] == [tenant_id]
    assert (found.erase_on - found.requested_at) == timedelta(days=30)

    for service in DataService:
        await handle(database, exported(tenant_id, found.export_request_id, service))
    found = await record(database, tenant_id)
    assert found.state == OffboardingState.OFFERED
    assert found.organisation_sha256 == organisation_digest(
        tenant_id=str(tenant_id), organisation_name=ORGANISATION
    )
    [offer] = [
        envelope
        for envelope in await outbox(database, NOTIFICATION_REQUESTED)
        if envelope.data.template == NoticeTemplate.CLIENT_EXPORT_OFFERED
        and envelope.tenant_id == tenant_id
    ]
    assert offer.data.address.group == "client_admins"
    assert offer.data.parameters["expires_on"] == found.erase_on.date().isoformat()
    link = str(offer.data.parameters["link"])
    path = link.split("/api/privacy", 1)[1]
    downloaded = await client.get(path)
    assert downloaded.status_code == 200, downloaded.text
    with zipfile.ZipFile(io.BytesIO(downloaded.content)) as archive:
        assert set(archive.namelist()) >= {f"{service}.json" for service in DataService}
        assert ORGANISATION in archive.read("accounts.json").decode()
    forged = await client.get(path.replace("signature=", "signature=00"))
    assert forged.status_code == 403


async def test_p12_the_erasure_date_is_agreed_only_after_the_offer_and_within_bounds(
    database: Database,
    settings: Settings,
    client: httpx.AsyncClient,
    clock: FixedClock,
    tokens: TestTokens,
) -> None:
    clock.now = datetime.now(UTC)
    tenant_id = await requested(database)
    admin = tokens.headers(tenant_id=tenant_id)
    officer = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})
    early = await client.put(
        "/client/offboarding/erasure-date",
        json={"erase_on": clock.now.isoformat()},
        headers=admin,
    )
    assert early.status_code == 409, early.text
    found = await record(database, tenant_id)
    for service in DataService:
        await handle(database, exported(tenant_id, found.export_request_id, service))
    found = await record(database, tenant_id)
    assert found.export_offered_at is not None
    before = found.export_offered_at - timedelta(minutes=1)
    refused = await client.put(
        "/client/offboarding/erasure-date", json={"erase_on": before.isoformat()}, headers=admin
    )
    assert refused.status_code == 422, refused.text
    too_late = found.requested_at + timedelta(days=400)
    refused = await client.put(
        f"/offboardings/{found.id}/erasure-date",
        json={"erase_on": too_late.isoformat()},
        headers=officer,
    )
    assert refused.status_code == 422, refused.text
    later = found.requested_at + timedelta(days=45)
    agreed = await client.put(
        "/client/offboarding/erasure-date", json={"erase_on": later.isoformat()}, headers=admin
    )
    assert agreed.status_code == 200, agreed.text
    assert agreed.json()["erase_on_agreed_by"] == "client_admin"
    seen = await client.get("/client/offboarding", headers=admin)
    assert datetime.fromisoformat(seen.json()["erase_on"]) == later
    listed = await client.get("/offboardings?page_size=1", headers=officer)
    assert listed.status_code == 200
    assert listed.json()["page_size"] == 1
    assert listed.json()["total"] >= 1
    assert (await client.get("/offboardings", headers=admin)).status_code == 403
    other = tokens.headers(tenant_id=uuid4())
    assert (await client.get("/client/offboarding", headers=other)).status_code == 404


async def test_p12_p14_a_legal_hold_stops_the_erasure_on_its_date(
    database: Database, settings: Settings
) -> None:
    found = await offered(database)
    async with database.sessions() as session, session.begin():
        session.add(
            LegalHold(
                tenant_id=found.tenant_id,
                reason="pending claim",
                owner="Counsel",
                placed_by=uuid4(),
                placed_at=datetime.now(UTC),
            )
        )
    await scheduler(database, immediate(settings), now=found.erase_on + timedelta(seconds=1))
    held = await record(database, found.tenant_id)
    assert held.state == OffboardingState.ON_HOLD
    assert held.hold_reason is not None
    assert "pending claim" in held.hold_reason
    assert not about(await outbox(database, TENANT_ERASURE_REQUESTED), found.erasure_request_id)


async def test_p12_erasure_on_the_date_retries_the_silent_and_certifies_with_receipts(
    database: Database, settings: Settings, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    await announce_keys(database)
    found = await offered(database)
    email = f"person-{secrets.token_hex(4)}@example.ee"
    async with database.sessions() as session, session.begin():
        session.add(
            DataSubjectRequest(
                reference=f"DSR-{secrets.token_hex(4).upper()}",
                request_type="access",
                subject_kind=SubjectKind.PARTICIPANT,
                tenant_id=found.tenant_id,
                subject_ref="A" * 52,
                email=email,
                language="en",
                channel=IntakeChannel.CLIENT_ADMIN,
                state="received",
                received_at=datetime.now(UTC),
                due_at=datetime.now(UTC) + timedelta(days=30),
                extended_by_months=0,
            )
        )
        session.add(
            KnownClientUser(user_id=uuid4(), tenant_id=found.tenant_id, subject_ref="A" * 52)
        )
    now = found.erase_on + timedelta(seconds=1)
    fast = immediate(settings)
    assert await scheduler(database, fast, now=now) == 1
    asked = about(await outbox(database, TENANT_ERASURE_REQUESTED), found.erasure_request_id)
    assert len(asked) == 1
    assert await scheduler(database, fast, now=now + timedelta(seconds=2)) == 0
    assert (
        len(about(await outbox(database, TENANT_ERASURE_REQUESTED), found.erasure_request_id)) == 1
    )

    for service in (DataService.ACCOUNTS, DataService.ASSESSMENTS, DataService.DELIVERY):
        await handle(database, erased(found.tenant_id, found.erasure_request_id, service))
    assert (await record(database, found.tenant_id)).state == OffboardingState.ERASING
    await scheduler(database, fast, now=now + timedelta(seconds=6))
    assert (
        len(about(await outbox(database, TENANT_ERASURE_REQUESTED), found.erasure_request_id)) == 2
    )

    await handle(database, erased(found.tenant_id, found.erasure_request_id, DataService.ANALYTICS))
    done = await record(database, found.tenant_id)
    assert done.state == OffboardingState.ERASED
    assert done.requested_by_user_id is None
    certificate = done.certificate
    assert certificate is not None
    assert holds(check_bundle(json.loads(json.dumps(certificate))))
    section = certificate["certificate"]
    assert section["client"]["tenant_id"] == str(found.tenant_id)
    assert section["client"]["organisation_name_sha256"] == found.organisation_sha256
    assert {entry["service"] for entry in section["services"]} == {s.value for s in DataService}
    assert "last_backup_expires_at" in section
    async with database.sessions() as session:
        kept = await session.scalars(
            select(DataSubjectRequest.email).where(DataSubjectRequest.tenant_id == found.tenant_id)
        )
        assert list(kept) == [None]
        users = await session.scalars(
            select(KnownClientUser).where(KnownClientUser.tenant_id == found.tenant_id)
        )
        assert list(users) == []

    signature = offboarding_signature(settings, offboarding_id=found.id)
    public = await client.get(f"/offboarding/{found.id}/certificate?signature={signature}")
    assert public.status_code == 200
    assert public.json()["request"]["id"] == str(found.erasure_request_id)
    gone = await client.get(f"/offboarding/{found.id}/export?signature={signature}")
    assert gone.status_code == 410
    officer = tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER})
    staff = await client.get(f"/offboardings/{found.id}/certificate", headers=officer)
    assert staff.status_code == 200
    tampered = json.loads(staff.text)
    tampered["receipts"][0]["receipt"]["rows_deleted"] = {"some_table": 0}
    assert not holds(check_bundle(tampered))
