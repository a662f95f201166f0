"""SES events by signed SNS, suppression, and the one-click unsubscribe (points 5, 6, 14)."""

import email.policy
import json
from email import message_from_string
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import select

from chassis.database import Database
from chassis.testing.waiting import eventually
from contracts.events.delivery import (
    MESSAGE_BOUNCED,
    MESSAGE_DELIVERED,
    MESSAGE_SUPPRESSED,
    MESSAGE_UNSUBSCRIBED,
)
from delivery.keys import DeliveryKeys
from delivery.messages.models import Message
from delivery.settings import Settings
from delivery.suppression.models import SuppressedAddress, Unsubscription
from delivery.testing.broker import publish_envelopes
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import (
    Api,
    database_text,
    dispatch,
    email_channel,
    messages_of_tenant,
    outbox_events,
    unique_address,
)
from .sns_signing import (
    SnsSigner,
    bounce_event,
    complaint_event,
    delivery_event,
    reject_event,
)


async def _send_and_wait(
    settings: Settings, database: Database, envelopes: list, tenant_id: UUID, count: int
) -> list[Message]:
    await publish_envelopes(settings.rabbitmq_url, envelopes, settings.messaging)

    async def settled() -> list[Message]:
        rows = await messages_of_tenant(database, tenant_id)
        return [row for row in rows if row.state not in ("queued", "sending")]

    return await eventually(settled, lambda rows: len(rows) == count, what="settled messages")


async def test_a_signed_hard_bounce_suppresses_the_address(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str, api: Api
) -> None:
    tenant_id, address = uuid4(), unique_address("bouncing")
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        [first] = await _send_and_wait(
            settings, database, [dispatch(keys, tenant_id=tenant_id, email=address)], tenant_id, 1
        )
        assert first.state == "sent"
        assert first.provider_message_id
        event = bounce_event(address=address, ses_id=first.provider_message_id, message_id=first.id)
        answer = await api.client.post(
            "/sns/ses-events", content=json.dumps(api.signer.notification(event, version="1"))
        )
        assert answer.status_code == 200, answer.text

        later = dispatch(keys, tenant_id=tenant_id, email=address)
        rows = await _send_and_wait(settings, database, [later], tenant_id, 2)

    by_id = {row.id: row for row in rows}
    assert by_id[first.id].state == "bounced"
    [second] = [row for row in rows if row.id != first.id]
    assert (second.state, second.failure) == ("suppressed", "suppressed:bounced")
    async with database.sessions() as session:
        assert await session.get(SuppressedAddress, keys.address_hash(address)) is not None
        stored = await session.scalars(select(SuppressedAddress.address_hash))
        assert address not in set(stored)  # only the hash
    bounced = await outbox_events(database, MESSAGE_BOUNCED, tenant_id)
    assert [e["data"]["reason"] for e in bounced] == ["permanent"]
    suppressed = await outbox_events(database, MESSAGE_SUPPRESSED, tenant_id)
    assert [e["data"]["reason"] for e in suppressed] == ["bounced"]
    assert [s.to for s in sent_emails(moto_url)].count([address]) == 1


async def _post_ses_event(api: Api, event: dict[str, Any], *, times: int = 1) -> None:
    """Signed as SNS signs it; ``times`` > 1 is SNS delivering the same notification again."""
    notification = api.signer.notification(event, version="2")
    for _ in range(times):
        answer = await api.client.post("/sns/ses-events", json=notification)
        assert answer.status_code == 200, answer.text


async def _sent_one(
    settings: Settings, database: Database, keys: DeliveryKeys, address: str
) -> tuple[UUID, Message]:
    """A new client's one dispatch to ``address``, sent through moto."""
    tenant_id = uuid4()
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        [sent] = await _send_and_wait(
            settings, database, [dispatch(keys, tenant_id=tenant_id, email=address)], tenant_id, 1
        )
    assert sent.state == "sent"
    assert sent.provider_message_id
    return tenant_id, sent


async def _is_suppressed(database: Database, keys: DeliveryKeys, address: str) -> bool:
    async with database.sessions() as session:
        return await session.get(SuppressedAddress, keys.address_hash(address)) is not None


async def test_a_signed_complaint_suppresses_the_address_like_a_hard_bounce(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str, api: Api
) -> None:
    tenant_id, address = uuid4(), unique_address("complaining")
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        [first] = await _send_and_wait(
            settings, database, [dispatch(keys, tenant_id=tenant_id, email=address)], tenant_id, 1
        )
        assert first.provider_message_id
        event = complaint_event(
            address=address, ses_id=first.provider_message_id, message_id=first.id
        )
        await _post_ses_event(api, event, times=2)

        later = dispatch(keys, tenant_id=tenant_id, email=address)
        rows = await _send_and_wait(settings, database, [later], tenant_id, 2)

    by_id = {row.id: row for row in rows}
    assert (by_id[first.id].state, by_id[first.id].failure) == ("complained", "bounce:complaint")
    [second] = [row for row in rows if row.id != first.id]
    assert (second.state, second.failure) == ("suppressed", "suppressed:complained")
    assert await _is_suppressed(database, keys, address)
    assert address not in await database_text(database)  # only the hash, nowhere an address
    bounced = await outbox_events(database, MESSAGE_BOUNCED, tenant_id)
    assert [e["data"]["reason"] for e in bounced] == ["complaint"]  # once, though told twice
    suppressed = await outbox_events(database, MESSAGE_SUPPRESSED, tenant_id)
    assert [e["data"]["reason"] for e in suppressed] == ["complained"]
    assert [s.to for s in sent_emails(moto_url)].count([address]) == 1


async def test_a_soft_bounce_does_not_suppress_the_address(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str, api: Api
) -> None:
    tenant_id, address = uuid4(), unique_address("full-mailbox")
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        [first] = await _send_and_wait(
            settings, database, [dispatch(keys, tenant_id=tenant_id, email=address)], tenant_id, 1
        )
        assert first.provider_message_id
        event = bounce_event(
            address=address, ses_id=first.provider_message_id, message_id=first.id, permanent=False
        )
        await _post_ses_event(api, event)

        later = dispatch(keys, tenant_id=tenant_id, email=address)
        rows = await _send_and_wait(settings, database, [later], tenant_id, 2)

    assert not await _is_suppressed(database, keys, address)
    assert sorted((row.state, row.failure or "") for row in rows) == [
        ("sent", ""),
        ("sent", "bounce:transient"),  # noted, not final
    ]
    bounced = await outbox_events(database, MESSAGE_BOUNCED, tenant_id)
    assert [e["data"]["reason"] for e in bounced] == ["transient"]
    assert await outbox_events(database, MESSAGE_SUPPRESSED, tenant_id) == []
    assert [s.to for s in sent_emails(moto_url)].count([address]) == 2


async def test_a_delivery_event_marks_the_message_delivered(
    settings: Settings, database: Database, keys: DeliveryKeys, api: Api
) -> None:
    address = unique_address("arriving")
    tenant_id, sent = await _sent_one(settings, database, keys, address)
    assert sent.provider_message_id
    event = delivery_event(address=address, ses_id=sent.provider_message_id, message_id=sent.id)
    await _post_ses_event(api, event, times=2)

    [row] = await messages_of_tenant(database, tenant_id)
    assert (row.state, row.failure) == ("delivered", None)
    # once, though told twice
    [delivered] = await outbox_events(database, MESSAGE_DELIVERED, tenant_id)
    assert delivered["data"]["channel"] == "email"
    assert delivered["data"]["message"]["dispatch_id"] == str(sent.reference_id)
    assert delivered["data"]["message"]["subject_ref"] == sent.subject_ref
    assert not await _is_suppressed(database, keys, address)

    late_bounce = bounce_event(
        address=address, ses_id=sent.provider_message_id, message_id=sent.id, permanent=False
    )
    await _post_ses_event(api, late_bounce)  # a transient bounce does not undo the delivery
    [row] = await messages_of_tenant(database, tenant_id)
    assert row.state == "delivered"


async def test_a_reject_event_marks_the_message_failed(
    settings: Settings, database: Database, keys: DeliveryKeys, api: Api
) -> None:
    address = unique_address("rejected")
    tenant_id, sent = await _sent_one(settings, database, keys, address)
    assert sent.provider_message_id
    event = reject_event(address=address, ses_id=sent.provider_message_id, message_id=sent.id)
    await _post_ses_event(api, event)
    delivered = delivery_event(address=address, ses_id=sent.provider_message_id, message_id=sent.id)
    await _post_ses_event(api, delivered)  # out of order: a failed message stays failed

    [row] = await messages_of_tenant(database, tenant_id)
    assert (row.state, row.failure) == ("failed", "bounce:rejected")
    bounced = await outbox_events(database, MESSAGE_BOUNCED, tenant_id)
    assert [e["data"]["reason"] for e in bounced] == ["rejected"]
    assert await outbox_events(database, MESSAGE_DELIVERED, tenant_id) == []
    assert not await _is_suppressed(database, keys, address)  # the content, not the address


async def test_forged_or_tampered_sns_messages_are_refused(api: Api) -> None:
    event = bounce_event(address="x@example.com", ses_id="ses-1", message_id=uuid4())
    genuine = api.signer.notification(event, version="2")

    forged = SnsSigner().notification(event, version="2")  # someone else's key, SNS's URL
    assert (await api.client.post("/sns/ses-events", json=forged)).status_code == 403

    tampered = {**genuine, "Message": genuine["Message"].replace("x@example.com", "y@example.com")}
    assert (await api.client.post("/sns/ses-events", json=tampered)).status_code == 403

    elsewhere = {**genuine, "SigningCertURL": "https://attacker.example/sns.pem"}
    assert (await api.client.post("/sns/ses-events", json=elsewhere)).status_code == 403

    plain_http = {**genuine, "SigningCertURL": genuine["SigningCertURL"].replace("https", "http")}
    assert (await api.client.post("/sns/ses-events", json=plain_http)).status_code == 403

    assert (await api.client.post("/sns/ses-events", content=b"not json")).status_code == 400
    assert (await api.client.post("/sns/ses-events", json=genuine)).status_code == 200


async def test_subscription_confirmation_is_verified_then_confirmed(api: Api) -> None:
    confirmation = api.signer.subscription_confirmation(version="2")
    tampered = {**confirmation, "SubscribeURL": "https://attacker.example/confirm"}
    assert (await api.client.post("/sns/ses-events", json=tampered)).status_code == 403
    assert api.confirmed == []
    answer = await api.client.post("/sns/ses-events", json=confirmation)
    assert answer.status_code == 200
    assert api.confirmed == [confirmation["SubscribeURL"]]


async def test_one_click_unsubscribe_stops_that_clients_questions(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str, api: Api
) -> None:
    tenant_id, address = uuid4(), unique_address("leaving")
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await _send_and_wait(
            settings, database, [dispatch(keys, tenant_id=tenant_id, email=address)], tenant_id, 1
        )
        [sent] = [s for s in sent_emails(moto_url) if s.to == [address]]
        header = str(message_from_string(sent.raw, policy=email.policy.default)["List-Unsubscribe"])
        path = header.strip("<>").removeprefix("https://soket.test")

        page = await api.client.get(path)  # a link scanner opening it changes nothing
        assert page.status_code == 200
        assert "<form" in page.text
        assert await _unsubscribed(database, tenant_id) == 0

        one_click = await api.client.post(path, data={"List-Unsubscribe": "One-Click"})
        assert one_click.status_code == 200
        again = await api.client.post(path, data={"List-Unsubscribe": "One-Click"})
        assert again.status_code == 200
        assert await _unsubscribed(database, tenant_id) == 1

        rows = await _send_and_wait(
            settings, database, [dispatch(keys, tenant_id=tenant_id, email=address)], tenant_id, 2
        )
    assert sorted((row.state, row.failure or "") for row in rows) == [
        ("sent", ""),
        ("suppressed", "suppressed:unsubscribed"),
    ]
    [told] = await outbox_events(database, MESSAGE_UNSUBSCRIBED, tenant_id)
    assert told["data"]["subject_ref"] == keys.subject_ref(tenant_id=tenant_id, email=address)

    broken = path[:-4] + ("AAAA" if not path.endswith("AAAA") else "BBBB")
    assert (
        await api.client.post(broken, data={"List-Unsubscribe": "One-Click"})
    ).status_code == 404
    assert (await api.client.post(path, data={})).status_code == 400


async def _unsubscribed(database: Database, tenant_id: UUID) -> int:
    async with database.sessions() as session:
        rows = await session.scalars(
            select(Unsubscription.subject_ref).where(Unsubscription.tenant_id == tenant_id)
        )
        return len(list(rows))
