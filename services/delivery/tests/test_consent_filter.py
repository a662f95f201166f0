"""Delivery honours consent (Q2, Q3, Q16): it keeps each person's latest consent per purpose
from ``privacy.consent.changed.v1`` (no address: ``subject_ref`` only) and sends a notice with a
``purpose`` only where the grant stands; otherwise the notice is logged suppressed, never sent."""

from datetime import timedelta
from uuid import UUID, uuid4

from sqlalchemy import select

from chassis.database import Database
from chassis.testing.waiting import eventually
from contracts.envelope import Envelope
from contracts.events.notifications import NoticeTemplate, NotificationRequested
from contracts.vocabulary import Language, Service
from delivery.consent.models import ConsentState
from delivery.consent.service import keep_changes
from delivery.keys import DeliveryKeys
from delivery.messages.service import enqueue_notices
from delivery.settings import Settings
from delivery.testing.broker import publish_envelopes
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import email_channel, messages_of_tenant, unique_address
from .consent_support import T0, change, news, notice_of


async def test_q2_the_latest_change_wins_and_a_late_older_one_is_ignored(
    database: Database, keys: DeliveryKeys
) -> None:
    tenant_id, address = uuid4(), unique_address("latest")
    withdrawn = change(keys, tenant_id, address, granted=False, at=T0 + timedelta(hours=1))
    granted = change(keys, tenant_id, address, granted=True, at=T0)
    async with database.sessions() as session, session.begin():
        await keep_changes(session, changes=[withdrawn, granted])
    async with database.sessions() as session, session.begin():
        await keep_changes(session, changes=[granted])
    async with database.sessions() as session:
        [state] = await session.scalars(
            select(ConsentState).where(ConsentState.tenant_id == tenant_id)
        )
    assert (state.subject_ref, state.purpose, state.granted) == (
        withdrawn.subject_ref,
        "product_news",
        False,
    )
    assert state.changed_at == withdrawn.changed_at


async def test_q2_a_notice_on_consent_is_queued_only_where_the_grant_stands(
    database: Database, keys: DeliveryKeys
) -> None:
    tenant_id = uuid4()
    consenting, withdrawn, never = (unique_address(n) for n in ("yes", "no", "never"))
    async with database.sessions() as session, session.begin():
        await keep_changes(
            session,
            changes=[
                change(keys, tenant_id, consenting, granted=True, at=T0),
                change(keys, tenant_id, withdrawn, granted=True, at=T0),
                change(keys, tenant_id, withdrawn, granted=False, at=T0 + timedelta(minutes=1)),
            ],
        )
    asked = [
        news(tenant_id, consenting),
        news(tenant_id, withdrawn),
        news(tenant_id, never),
        news(tenant_id, withdrawn, purpose=None),
    ]
    async with database.sessions() as session, session.begin():
        await enqueue_notices(session, notices=[notice_of(n) for n in asked], keys=keys)

    rows = {row.reference_id: row for row in await messages_of_tenant(database, tenant_id)}
    outcome = [(rows[n.notice_id].state, rows[n.notice_id].failure) for n in asked]
    assert outcome == [
        ("queued", None),
        ("suppressed", "suppressed:consent_withdrawn"),
        ("suppressed", "suppressed:consent_not_given"),
        ("queued", None),
    ]
    assert rows[asked[1].notice_id].content is None
    assert rows[asked[1].notice_id].subject_ref == keys.subject_ref(
        tenant_id=tenant_id, email=withdrawn
    )


async def test_q2_withdrawal_stops_the_next_email_of_its_purpose_through_the_broker(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str
) -> None:
    tenant_id, address = uuid4(), unique_address("news")
    first, second = news(tenant_id, address), news(tenant_id, address)
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await publish_envelopes(
            settings.rabbitmq_url,
            [Envelope.wrap(change(keys, tenant_id, address, granted=True, at=T0))],
            settings.messaging,
        )
        await eventually(
            lambda: _granted(database, tenant_id), lambda g: g is True, what="the grant kept"
        )
        await publish_envelopes(
            settings.rabbitmq_url,
            [Envelope.wrap(first, source=Service.ACCOUNTS)],
            settings.messaging,
        )
        await eventually(
            lambda: _state_of(database, tenant_id, first.notice_id),
            lambda state: state == "sent",
            what="the first mailing sent",
        )
        withdrawal = change(keys, tenant_id, address, granted=False, at=T0 + timedelta(days=1))
        await publish_envelopes(
            settings.rabbitmq_url, [Envelope.wrap(withdrawal)], settings.messaging
        )
        await eventually(
            lambda: _granted(database, tenant_id), lambda g: g is False, what="the withdrawal"
        )
        reset = NotificationRequested(
            notice_id=uuid4(),
            tenant_id=tenant_id,
            template=NoticeTemplate.PASSWORD_RESET,
            address=address,
            language=Language.ENGLISH,
            parameters={"link": "https://soket.test/reset/xyz"},
        )
        await publish_envelopes(
            settings.rabbitmq_url,
            [
                Envelope.wrap(second, source=Service.ACCOUNTS),
                Envelope.wrap(reset, source=Service.ACCOUNTS),
            ],
            settings.messaging,
        )
        await eventually(
            lambda: _state_of(database, tenant_id, reset.notice_id),
            lambda state: state == "sent",
            what="the service notice sent",
        )
    rows = {row.reference_id: row for row in await messages_of_tenant(database, tenant_id)}
    assert (rows[second.notice_id].state, rows[second.notice_id].failure) == (
        "suppressed",
        "suppressed:consent_withdrawn",
    )
    subjects = [sent.subject for sent in sent_emails(moto_url) if address in sent.to]
    assert subjects.count("Soket news: Slack answers") == 1
    assert len(subjects) == 2


async def _granted(database: Database, tenant_id: UUID) -> bool | None:
    async with database.sessions() as session:
        granted: bool | None = await session.scalar(
            select(ConsentState.granted).where(ConsentState.tenant_id == tenant_id)
        )
        return granted


async def _state_of(database: Database, tenant_id: UUID, notice_id: UUID) -> str | None:
    for row in await messages_of_tenant(database, tenant_id):
        if row.reference_id == notice_id:
            return str(row.state)
    return None
