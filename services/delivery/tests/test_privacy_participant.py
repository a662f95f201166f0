"""Delivery's privacy participant through the broker: discovery, export, restriction (a
restricted person is sent nothing), erasure with a signed receipt, tenant erasure, retention
(point 16 of issue 6)."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import func, select

from chassis.database import Database
from chassis.messaging.tables import outbox_message
from chassis.privacy.keys import receipt_signer
from chassis.privacy.receipts import verify_receipt
from chassis.testing.waiting import eventually
from contracts.envelope import Envelope
from contracts.events.privacy import (
    RetentionAction,
    RetentionCategory,
    RetentionDue,
    SubjectDiscoveryRequested,
    SubjectErasureRequested,
    SubjectExportRequested,
    SubjectRectificationRequested,
    SubjectRestrictionChanged,
    TenantErasureRequested,
)
from contracts.events.receipt import Receipt
from delivery.keys import DeliveryKeys
from delivery.messages.models import Message
from delivery.settings import Settings
from delivery.testing.broker import publish_envelopes
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import dispatch, email_channel, messages_of_tenant, unique_address


async def _reply(database: Database, event_type: str, request_id: UUID) -> dict[str, Any]:
    async def found() -> list[dict[str, Any]]:
        async with database.sessions() as session:
            bodies = await session.scalars(
                select(outbox_message.c.body).where(outbox_message.c.event_type == event_type)
            )
            replies = [json.loads(body) for body in bodies]
        return [r for r in replies if r["data"]["request_id"] == str(request_id)]

    [reply] = await eventually(found, lambda replies: len(replies) == 1, what=event_type)
    return reply


async def _settled(database: Database, tenant_id: UUID, count: int) -> list[Message]:
    async def rows() -> list[Message]:
        found = await messages_of_tenant(database, tenant_id)
        return [row for row in found if row.state not in ("queued", "sending")]

    return await eventually(rows, lambda found: len(found) == count, what="settled")


async def test_privacy_requests_are_answered_and_a_restricted_person_is_sent_nothing(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str
) -> None:
    """P15: discovery, export, restriction, erasure with a signed receipt."""
    tenant_id, address = uuid4(), unique_address("subject")
    ref = keys.subject_ref(tenant_id=tenant_id, email=address)
    publish = lambda *data: publish_envelopes(  # noqa: E731
        settings.rabbitmq_url, [Envelope.wrap(item) for item in data], settings.messaging
    )
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await publish_envelopes(
            settings.rabbitmq_url,
            [dispatch(keys, tenant_id=tenant_id, email=address)],
            settings.messaging,
        )
        await _settled(database, tenant_id, 1)

        discovery = SubjectDiscoveryRequested(request_id=uuid4(), email=address.upper())
        await publish(discovery)
        found = await _reply(database, "delivery.subject.discovered.v1", discovery.request_id)
        assert found["data"]["tenant_ids"] == [str(tenant_id)]

        export = SubjectExportRequested(request_id=uuid4(), tenant_id=tenant_id, subject_ref=ref)
        await publish(export)
        exported = await _reply(database, "delivery.subject.exported.v1", export.request_id)
        [entry] = exported["data"]["categories"]["delivery_log"]
        assert entry["state"] == "sent"
        assert "content" not in entry

        restriction = SubjectRestrictionChanged(
            request_id=uuid4(), tenant_id=tenant_id, subject_ref=ref, restricted=True
        )
        await publish(restriction)
        await _reply(database, "delivery.subject.restriction_applied.v1", restriction.request_id)
        await publish_envelopes(
            settings.rabbitmq_url,
            [dispatch(keys, tenant_id=tenant_id, email=address)],
            settings.messaging,
        )
        rows = await _settled(database, tenant_id, 2)
        assert sorted(row.failure or "" for row in rows) == ["", "suppressed:restricted"]
        assert [s.to for s in sent_emails(moto_url)].count([address]) == 1

        erasure = SubjectErasureRequested(request_id=uuid4(), tenant_id=tenant_id, subject_ref=ref)
        await publish(erasure)
        erased = await _reply(database, "delivery.subject.erased.v1", erasure.request_id)

    receipt = Receipt.model_validate(erased["data"]["receipt"])
    assert verify_receipt(receipt, receipt_signer(settings).public_key_b64)
    assert receipt.rows_deleted["message"] == 2
    assert await messages_of_tenant(database, tenant_id) == []


async def test_tenant_erasure_and_retention(
    settings: Settings, database: Database, keys: DeliveryKeys
) -> None:
    """P12, P17: a client's rows all go; old delivery-log rows go on retention."""
    tenant_id, other_tenant = uuid4(), uuid4()
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await publish_envelopes(
            settings.rabbitmq_url,
            [
                dispatch(keys, tenant_id=tenant, email=unique_address())
                for tenant in (tenant_id, tenant_id, other_tenant)
            ],
            settings.messaging,
        )
        await _settled(database, tenant_id, 2)
        await _settled(database, other_tenant, 1)

        dry_run = RetentionDue(
            request_id=uuid4(),
            category=RetentionCategory.DELIVERY_LOG,
            action=RetentionAction.DELETE,
            cutoff=datetime.now(UTC) + timedelta(minutes=1),
            tenant_id=other_tenant,
            excluded_tenant_ids=[],
            excluded_subject_refs=[],
            dry_run=True,
        )
        await publish_envelopes(settings.rabbitmq_url, [Envelope.wrap(dry_run)], settings.messaging)
        counted = await _reply(database, "delivery.retention.applied.v1", dry_run.request_id)
        assert counted["data"]["rows_affected"] == {"message": 1}
        real = dry_run.model_copy(update={"request_id": uuid4(), "dry_run": False})
        await publish_envelopes(settings.rabbitmq_url, [Envelope.wrap(real)], settings.messaging)
        await _reply(database, "delivery.retention.applied.v1", real.request_id)

        erasure = TenantErasureRequested(request_id=uuid4(), tenant_id=tenant_id)
        await publish_envelopes(settings.rabbitmq_url, [Envelope.wrap(erasure)], settings.messaging)
        erased = await _reply(database, "delivery.tenant.erased.v1", erasure.request_id)

    assert erased["data"]["receipt"]["rows_deleted"]["message"] == 2
    async with database.sessions() as session:
        left = await session.scalar(
            select(func.count()).where(Message.tenant_id.in_([tenant_id, other_tenant]))
        )
    assert left == 0


async def test_rectification_rekeys_rows_and_redirects_queued_mail(
    settings: Settings, database: Database, keys: DeliveryKeys
) -> None:
    """P15: a corrected email re-keys the person's rows; what still waits goes to it."""
    tenant_id, old, new = uuid4(), unique_address("old"), unique_address("new")
    old_ref = keys.subject_ref(tenant_id=tenant_id, email=old)
    new_ref = keys.subject_ref(tenant_id=tenant_id, email=new)
    async with running_delivery(settings, database, channels=None):  # nothing is sent
        await publish_envelopes(
            settings.rabbitmq_url,
            [dispatch(keys, tenant_id=tenant_id, email=old)],
            settings.messaging,
        )
        await eventually(
            lambda: messages_of_tenant(database, tenant_id),
            lambda rows: len(rows) == 1,
            what="queued",
        )
        request = SubjectRectificationRequested(
            request_id=uuid4(),
            tenant_id=tenant_id,
            subject_ref=old_ref,
            corrected_email=new,
            new_subject_ref=new_ref,
            corrected_name=None,
        )
        await publish_envelopes(settings.rabbitmq_url, [Envelope.wrap(request)], settings.messaging)
        rectified = await _reply(database, "delivery.subject.rectified.v1", request.request_id)
    assert rectified["data"]["rows_updated"]["message"] == 1
    [row] = await messages_of_tenant(database, tenant_id)
    assert row.subject_ref == new_ref
    assert row.content is not None
    assert row.content["address"] == new
    assert row.address_hash == keys.address_hash(new)
    async with database.sessions() as session, session.begin():
        await session.delete(await session.get(Message, row.id))
