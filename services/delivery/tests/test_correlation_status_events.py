"""Q10: every message keeps the correlation id of the envelope that asked for it, each one of a
batch its own, and every status event about it (sent, suppressed, delivered, bounced) carries
that id, whatever the batch, claim or SNS call at hand: how privacy follows a breach's notices
(``breach-<hex>``) without reading the notification events that carry addresses."""

import json
from typing import Any
from uuid import UUID, uuid4

from chassis import correlation
from chassis.database import Database
from chassis.testing.waiting import eventually
from contracts.envelope import Envelope
from contracts.events.delivery import (
    MESSAGE_BOUNCED,
    MESSAGE_DELIVERED,
    MESSAGE_SENT,
    MESSAGE_SUPPRESSED,
)
from contracts.events.notifications import NoticeTemplate, NotificationRequested
from contracts.events.privacy import PrivacyNotificationRequested
from contracts.vocabulary import Language, Service
from delivery.keys import DeliveryKeys
from delivery.messages.handlers import queue_dispatches, queue_notices
from delivery.messages.models import Message
from delivery.settings import Settings
from delivery.suppression.service import suppress_address
from delivery.testing.broker import publish_envelopes
from delivery.testing.running import running_delivery

from .conftest import Api, dispatch, email_channel, messages_of_tenant, outbox_events
from .conftest import unique_address as address_of
from .sns_signing import bounce_event, delivery_event


def breach_notice(tenant_id: UUID, address: str) -> NotificationRequested:
    return NotificationRequested(
        notice_id=uuid4(),
        tenant_id=tenant_id,
        template=NoticeTemplate.BREACH_NOTICE,
        address=address,
        language=Language.ENGLISH,
        parameters={"summary": "An export link was readable.", "contact": "dpo@soket.test"},
    )


def expanded(
    notice: NotificationRequested, source: Service, correlation_id: str | None
) -> Envelope[Any]:
    """A per-person notice as accounts or assessments publish it, the group notice's
    correlation id propagated."""
    return Envelope.wrap(notice, source=source, correlation_id=correlation_id)


def correlations_by_notice(events: list[dict[str, Any]]) -> dict[str, str | None]:
    return {event["data"]["message"]["notice_id"]: event["correlation_id"] for event in events}


async def test_q10_each_notice_and_dispatch_of_a_batch_keeps_its_own_correlation(
    database: Database, keys: DeliveryKeys
) -> None:
    """The consumer binds only the first envelope's correlation for a batch handler."""
    tenant_id = uuid4()
    first, second = f"breach-{uuid4().hex}", f"breach-{uuid4().hex}"
    notices = [
        expanded(breach_notice(tenant_id, address_of("one")), Service.ACCOUNTS, first),
        expanded(breach_notice(tenant_id, address_of("two")), Service.ASSESSMENTS, second),
        expanded(breach_notice(tenant_id, address_of("three")), Service.ACCOUNTS, None),
    ]
    dispatches = [
        dispatch(keys, tenant_id=tenant_id, email=address_of("quiz")).model_copy(
            update={"correlation_id": f"schedule-{number}"}
        )
        for number in range(2)
    ]
    bound = correlation.correlation_id_var.set(first)  # as the consumer binds a batch
    try:
        async with database.sessions() as session, session.begin():
            await queue_notices(session, notices)
            await queue_dispatches(session, dispatches)
    finally:
        correlation.correlation_id_var.reset(bound)

    rows = {row.reference_id: row for row in await messages_of_tenant(database, tenant_id)}
    assert [rows[envelope.data.notice_id].correlation_id for envelope in notices] == [
        first,
        second,
        None,
    ]
    assert [rows[envelope.data.dispatch_id].correlation_id for envelope in dispatches] == [
        "schedule-0",
        "schedule-1",
    ]


async def test_q10_status_events_carry_their_messages_correlation_through_the_broker(
    settings: Settings, database: Database, keys: DeliveryKeys, api: Api
) -> None:
    tenant_id = uuid4()
    breach_a, breach_b = f"breach-{uuid4().hex}", f"breach-{uuid4().hex}"
    suppressed_address = address_of("suppressed")
    async with database.sessions() as session, session.begin():
        await suppress_address(
            session, address_hash=keys.address_hash(suppressed_address), reason="bounced"
        )
    to_a, to_b, to_suppressed = (
        breach_notice(tenant_id, address_of("a")),
        breach_notice(tenant_id, address_of("b")),
        breach_notice(tenant_id, suppressed_address),
    )
    code = PrivacyNotificationRequested(
        notice_id=uuid4(),
        tenant_id=tenant_id,
        template=NoticeTemplate.PRIVACY_REQUEST_VERIFICATION_CODE,
        address=address_of("code"),
        language=Language.ENGLISH,
        parameters={"code": "482913"},
    )
    quiz = dispatch(keys, tenant_id=tenant_id, email=address_of("quiz")).model_copy(
        update={"correlation_id": "schedule-run"}
    )
    envelopes = [
        expanded(to_a, Service.ACCOUNTS, breach_a),
        expanded(to_b, Service.ASSESSMENTS, breach_b),
        expanded(to_suppressed, Service.ACCOUNTS, breach_a),
        Envelope.wrap(code, correlation_id="privacy-request"),
        quiz,
    ]
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await publish_envelopes(settings.rabbitmq_url, envelopes, settings.messaging)

        async def settled() -> list[Message]:
            rows = await messages_of_tenant(database, tenant_id)
            return [row for row in rows if row.state not in ("queued", "sending")]

        rows = await eventually(settled, lambda rows: len(rows) == 5, what="messages settled")

    by_reference = {row.reference_id: row for row in rows}
    assert {reference: row.correlation_id for reference, row in by_reference.items()} == {
        to_a.notice_id: breach_a,
        to_b.notice_id: breach_b,
        to_suppressed.notice_id: breach_a,
        code.notice_id: "privacy-request",
        quiz.data.dispatch_id: "schedule-run",
    }
    sent = await outbox_events(database, MESSAGE_SENT, tenant_id)
    assert correlations_by_notice(
        [e for e in sent if e["data"]["message"]["kind"] == "notice"]
    ) == {
        str(to_a.notice_id): breach_a,
        str(to_b.notice_id): breach_b,
        str(code.notice_id): "privacy-request",
    }
    [quiz_sent] = [e for e in sent if e["data"]["message"]["kind"] == "dispatch"]
    assert quiz_sent["correlation_id"] == "schedule-run"
    [suppressed] = await outbox_events(database, MESSAGE_SUPPRESSED, tenant_id)
    assert (suppressed["data"]["reason"], suppressed["correlation_id"]) == ("bounced", breach_a)

    delivered_a, bounced_b = by_reference[to_a.notice_id], by_reference[to_b.notice_id]
    assert delivered_a.provider_message_id
    assert bounced_b.provider_message_id
    for event in (
        delivery_event(
            address=to_a.address, ses_id=delivered_a.provider_message_id, message_id=delivered_a.id
        ),
        bounce_event(
            address=to_b.address, ses_id=bounced_b.provider_message_id, message_id=bounced_b.id
        ),
    ):
        answer = await api.client.post(
            "/sns/ses-events",
            content=json.dumps(api.signer.notification(event, version="1")),
            headers={"x-correlation-id": "sns-call"},
        )
        assert answer.status_code == 200, answer.text
    delivered = await outbox_events(database, MESSAGE_DELIVERED, tenant_id)
    assert correlations_by_notice(delivered) == {str(to_a.notice_id): breach_a}
    bounced = await outbox_events(database, MESSAGE_BOUNCED, tenant_id)
    assert correlations_by_notice(bounced) == {str(to_b.notice_id): breach_b}
