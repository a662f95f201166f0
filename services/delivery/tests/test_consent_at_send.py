"""Q2: consent is checked again when a notice is claimed for sending. A notice sent on a purpose
that was queued while the grant stood, then withdrawn before its turn came, is logged
suppressed (``consent_withdrawn``) and reported so, never sent; one whose grant still stands
(or was given again) goes out."""

from datetime import timedelta
from uuid import uuid4

from sqlalchemy import delete

from chassis.database import Database
from chassis.testing.waiting import eventually
from contracts.events.delivery import MESSAGE_SENT, MESSAGE_SUPPRESSED
from delivery.consent.models import ConsentState
from delivery.consent.service import keep_changes
from delivery.keys import DeliveryKeys
from delivery.messages.models import Message
from delivery.messages.service import enqueue_notices
from delivery.settings import Settings
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import email_channel, messages_of_tenant, outbox_events, unique_address
from .consent_support import T0, change, news, notice_of


async def test_q2_a_notice_queued_before_a_withdrawal_is_suppressed_when_claimed(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str
) -> None:
    tenant_id = uuid4()
    withdrawing, staying, returning = (unique_address(n) for n in ("gone", "stays", "back"))
    async with database.sessions() as session, session.begin():
        await keep_changes(
            session,
            changes=[
                change(keys, tenant_id, address, granted=True)
                for address in (withdrawing, staying, returning)
            ],
        )
    queued = [
        notice_of(news(tenant_id, address), correlation_id="news-mailing")
        for address in (withdrawing, staying, returning)
    ]
    async with database.sessions() as session, session.begin():
        await enqueue_notices(session, notices=queued, keys=keys)
    rows = await messages_of_tenant(database, tenant_id)
    assert [(row.state, row.purpose) for row in rows] == [("queued", "product_news")] * 3

    async with database.sessions() as session, session.begin():  # while they wait their turn
        await keep_changes(
            session,
            changes=[
                change(keys, tenant_id, withdrawing, granted=False, at=T0 + timedelta(minutes=5)),
                change(keys, tenant_id, returning, granted=False, at=T0 + timedelta(minutes=5)),
                change(keys, tenant_id, returning, granted=True, at=T0 + timedelta(minutes=9)),
            ],
        )
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):

        async def settled() -> list[Message]:
            rows = await messages_of_tenant(database, tenant_id)
            return [row for row in rows if row.state not in ("queued", "sending")]

        await eventually(settled, lambda rows: len(rows) == 3, what="the mailing settled")

    found = {row.reference_id: row for row in await messages_of_tenant(database, tenant_id)}
    outcome = [(found[n.notice_id].state, found[n.notice_id].failure) for n in queued]
    assert outcome == [
        ("suppressed", "suppressed:consent_withdrawn"),
        ("sent", None),
        ("sent", None),
    ]
    assert found[queued[0].notice_id].content is None
    [suppressed] = await outbox_events(database, MESSAGE_SUPPRESSED, tenant_id)
    assert suppressed["data"]["message"]["notice_id"] == str(queued[0].notice_id)
    assert suppressed["data"]["reason"] == "consent_withdrawn"
    assert suppressed["correlation_id"] == "news-mailing"
    sent = await outbox_events(database, MESSAGE_SENT, tenant_id)
    assert sorted(event["data"]["message"]["notice_id"] for event in sent) == sorted(
        str(n.notice_id) for n in queued[1:]
    )
    recipients = [email.to[0] for email in sent_emails(moto_url)]
    assert withdrawing not in recipients
    assert staying in recipients
    assert returning in recipients


async def test_q2_a_queued_notice_whose_consent_state_is_gone_is_not_sent(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str
) -> None:
    """No state at claim (the grant was erased with the person's consent rows) is no grant."""
    tenant_id, address = uuid4(), unique_address("erased")
    async with database.sessions() as session, session.begin():
        await keep_changes(session, changes=[change(keys, tenant_id, address, granted=True)])
    notice = notice_of(news(tenant_id, address))
    async with database.sessions() as session, session.begin():
        await enqueue_notices(session, notices=[notice], keys=keys)
        await session.execute(delete(ConsentState).where(ConsentState.tenant_id == tenant_id))
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await eventually(
            lambda: messages_of_tenant(database, tenant_id),
            lambda rows: rows[0].state not in ("queued", "sending"),
            what="the notice settled",
        )
    [row] = await messages_of_tenant(database, tenant_id)
    assert (row.state, row.failure) == ("suppressed", "suppressed:consent_withdrawn")
    assert address not in [email.to[0] for email in sent_emails(moto_url)]
