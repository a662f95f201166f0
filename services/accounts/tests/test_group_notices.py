"""Privacy's notices to a group become one accounts notice per address."""

import uuid
from uuid import uuid4

import httpx

from accounts.notices.handlers import expand_group_notice
from accounts.testing import logged_in, signed_up
from chassis.database import Database
from chassis.testing.outbox import outbox
from contracts.envelope import Envelope
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import (
    AllClientRepresentatives,
    ClientAdmins,
    PrivacyNotificationRequested,
)
from contracts.vocabulary import Language, Service


async def expand(database: Database, notice: PrivacyNotificationRequested) -> list[object]:
    envelope = Envelope.wrap(notice, source=Service.PRIVACY)
    async with database.sessions() as session, session.begin():
        await expand_group_notice(session, envelope)
    return [
        sent
        for sent in await outbox(database, "accounts.notification.requested.v1")
        if sent.causation_id is None
        and sent.data.parameters.get("reference") == str(notice.notice_id)
    ]


async def test_the_admins_of_a_client_each_get_the_notice_in_the_clients_language(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    tenant_id, admin_id = await signed_up(api, database, email=email)
    admin = await logged_in(api, email=email)
    await api.patch("/client/settings", json={"language": "en"}, headers=admin)
    invited = "viewer-" + email
    await api.post("/users", json={"email": invited, "role": "viewer"}, headers=admin)
    notice_id = uuid4()
    notice = PrivacyNotificationRequested(
        notice_id=notice_id,
        tenant_id=tenant_id,
        template=NoticeTemplate.CLIENT_EXPORT_OFFERED,
        address=ClientAdmins(group="client_admins", tenant_id=tenant_id),
        language=None,
        parameters={
            "link": "https://example.ee/x",
            "expires_on": "2026-12-01",
            "reference": str(notice_id),
        },
    )
    [sent] = await expand(database, notice)
    assert sent.data.address == email
    assert sent.data.language == Language.ENGLISH
    assert sent.data.notice_id == uuid.uuid5(notice_id, str(admin_id))
    assert sent.data.template == NoticeTemplate.CLIENT_EXPORT_OFFERED
    assert sent.tenant_id == tenant_id
    assert sent.subject_ref is not None


async def test_every_client_representative_and_nobody_twice(
    api: httpx.AsyncClient, database: Database, email: str
) -> None:
    await signed_up(api, database, email="a-" + email)
    await signed_up(api, database, email="b-" + email)
    notice_id = uuid4()
    notice = PrivacyNotificationRequested(
        notice_id=notice_id,
        tenant_id=None,
        template=NoticeTemplate.POLICY_CHANGE,
        address=AllClientRepresentatives(group="all_client_representatives"),
        language=Language.ESTONIAN,
        parameters={
            "effective_on": "2027-01-01",
            "link": "https://example.ee/p",
            "reference": str(notice_id),
        },
    )
    sent = await expand(database, notice)
    addresses = [envelope.data.address for envelope in sent]
    assert {"a-" + email, "b-" + email} <= set(addresses)
    assert len(addresses) == len(set(addresses))
    assert {envelope.data.language for envelope in sent} == {Language.ESTONIAN}


async def test_a_notice_to_one_address_is_left_to_delivery(database: Database) -> None:
    notice_id = uuid4()
    notice = PrivacyNotificationRequested(
        notice_id=notice_id,
        tenant_id=None,
        template=NoticeTemplate.PRIVACY_REQUEST_RECEIVED,
        address="someone@example.ee",
        language=Language.ENGLISH,
        parameters={"reference": str(notice_id), "due_on": "2027-01-01"},
    )
    assert await expand(database, notice) == []
