"""Notices from every service, the delivery log on the API, per-person rows dropped, and
send-time estimates (points 1, 14, 15 of issue 6)."""

from uuid import uuid4

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.waiting import eventually
from contracts.envelope import Envelope
from contracts.events.accounts import NotificationRequested
from contracts.events.assessments import AssessmentDeleted, ParticipantRemoved
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import ClientAdmins, PrivacyNotificationRequested
from contracts.vocabulary import Language, Service
from delivery.keys import DeliveryKeys
from delivery.settings import Settings
from delivery.testing.broker import publish_envelopes
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import Api, dispatch, email_channel, messages_of_tenant, unique_address


async def test_notices_are_sent_in_the_recipients_language(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str
) -> None:
    tenant_id = uuid4()
    reset_to, verify_to, incomplete_to = (unique_address(n) for n in ("reset", "code", "hole"))
    reset = NotificationRequested(
        notice_id=uuid4(),
        tenant_id=tenant_id,
        template=NoticeTemplate.PASSWORD_RESET,
        address=reset_to,
        language=Language.ESTONIAN,
        parameters={"link": "https://soket.test/reset/abc"},
    )
    code = PrivacyNotificationRequested(
        notice_id=uuid4(),
        tenant_id=tenant_id,
        template=NoticeTemplate.PRIVACY_REQUEST_VERIFICATION_CODE,
        address=verify_to,
        language=Language.ENGLISH,
        parameters={"code": "482913"},
    )
    group = PrivacyNotificationRequested(
        notice_id=uuid4(),
        tenant_id=tenant_id,
        template=NoticeTemplate.POLICY_CHANGE,
        address=ClientAdmins(group="client_admins", tenant_id=tenant_id),
        language=None,
        parameters={"effective_on": "2027-01-01", "link": "https://soket.test/policy"},
    )
    incomplete = NotificationRequested(
        notice_id=uuid4(),
        tenant_id=tenant_id,
        template=NoticeTemplate.CLIENT_INVITATION,
        address=incomplete_to,
        language=Language.ENGLISH,
        parameters={"link": "https://soket.test/join"},
    )
    envelopes = [
        Envelope.wrap(reset, source=Service.ACCOUNTS),
        Envelope.wrap(code),
        Envelope.wrap(group),
        Envelope.wrap(incomplete, source=Service.ACCOUNTS),
    ]
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await publish_envelopes(settings.rabbitmq_url, envelopes, settings.messaging)

        async def settled() -> list[tuple[str, str | None]]:
            rows = await messages_of_tenant(database, tenant_id)
            return sorted(
                (row.state, row.failure) for row in rows if row.state not in ("queued", "sending")
            )

        found = await eventually(settled, lambda rows: len(rows) == 3, what="notices settled")
    assert found == [("failed", "missing_parameters"), ("sent", None), ("sent", None)]
    emails = {s.to[0]: s for s in sent_emails(moto_url) if s.to[0] in (reset_to, verify_to)}
    assert emails[reset_to].subject == "Soketi parooli lähtestamine"
    assert "https://soket.test/reset/abc" in emails[reset_to].links
    assert "482913" in emails[verify_to].text
    assert incomplete_to not in {s.to[0] for s in sent_emails(moto_url)}


async def test_the_log_per_assessment_and_participant_and_dropping_rows(
    settings: Settings, database: Database, keys: DeliveryKeys, api: Api
) -> None:
    tenant_id, assessment_id, other_assessment = uuid4(), uuid4(), uuid4()
    addresses = [unique_address("logged") for _ in range(3)]
    envelopes = [
        dispatch(keys, tenant_id=tenant_id, email=address, assessment_id=assessment_id)
        for address in addresses
    ] + [dispatch(keys, tenant_id=tenant_id, email=addresses[0], assessment_id=other_assessment)]
    headers = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await publish_envelopes(settings.rabbitmq_url, envelopes, settings.messaging)

        async def sent() -> int:
            rows = await messages_of_tenant(database, tenant_id)
            return sum(row.state == "sent" for row in rows)

        await eventually(sent, lambda count: count == 4, what="sent")

        first = await api.client.get(
            "/messages", params={"assessment_id": str(assessment_id), "limit": 2}, headers=headers
        )
        assert first.status_code == 200, first.text
        page = first.json()
        assert len(page["entries"]) == 2
        assert page["next_after"]
        rest = await api.client.get(
            "/messages",
            params={"assessment_id": str(assessment_id), "after": page["next_after"]},
            headers=headers,
        )
        assert len(rest.json()["entries"]) == 1
        assert rest.json()["next_after"] is None
        person = keys.subject_ref(tenant_id=tenant_id, email=addresses[0])
        theirs = await api.client.get("/messages", params={"subject_ref": person}, headers=headers)
        assert {e["assessment_id"] for e in theirs.json()["entries"]} == {
            str(assessment_id),
            str(other_assessment),
        }
        assert all("content" not in entry for entry in theirs.json()["entries"])
        stranger = api.tokens.headers(tenant_id=uuid4(), roles={Role.ADMIN})
        assert (await api.client.get("/messages", headers=stranger)).json()["entries"] == []
        assert (await api.client.get("/messages")).status_code == 401
        bad = await api.client.get("/messages", params={"subject_ref": "x"}, headers=headers)
        assert bad.status_code == 422

        await publish_envelopes(
            settings.rabbitmq_url,
            [
                Envelope.wrap(ParticipantRemoved(tenant_id=tenant_id, subject_ref=person)),
                Envelope.wrap(AssessmentDeleted(tenant_id=tenant_id, assessment_id=assessment_id)),
            ],
            settings.messaging,
        )

        async def left() -> int:
            return len(await messages_of_tenant(database, tenant_id))

        await eventually(left, lambda count: count == 0, what="rows dropped")


async def test_send_time_estimates(api: Api) -> None:
    headers = api.tokens.headers(tenant_id=uuid4(), roles={Role.VIEWER})
    slack = await api.client.get(
        "/estimates", params={"channel": "slack", "recipients": 10_000}, headers=headers
    )
    assert slack.status_code == 200
    assert slack.json()["summary"] == "10,000 Slack DMs ≈ 42 min"
    email = await api.client.get(
        "/estimates", params={"channel": "email", "recipients": 10_000}, headers=headers
    )
    assert email.json()["messages_per_second"] == 2000.0  # the test's configured SES rate
    assert email.json()["summary"] == "10,000 emails ≈ 5 s"
    refused = await api.client.get(
        "/estimates", params={"channel": "fax", "recipients": 1}, headers=headers
    )
    assert refused.status_code == 422
