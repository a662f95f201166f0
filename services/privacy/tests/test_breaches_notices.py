"""Q10: a breach asks the data services for a census and estimates its people from their
counts; notices to the affected people go out as group notices carrying the breach's
correlation, and what delivery reports about each person's copy is counted."""

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.auth import TestTokens
from chassis.testing.outbox import outbox
from contracts.envelope import Envelope
from contracts.events import accounts, assessments, delivery, privacy
from contracts.events.delivery import (
    BounceReason,
    MessageBounced,
    MessageDelivered,
    MessageSent,
    MessageSuppressed,
    NoticeMessage,
    SuppressionReason,
)
from contracts.events.notifications import NoticeTemplate
from contracts.events.privacy import (
    CensusRequested,
    ClientParticipants,
    ClientUsers,
    PrivacyNotificationRequested,
)
from contracts.events.privacy_replies import CensusReported
from contracts.vocabulary import Channel, DataService
from privacy.breaches.handlers import breaches, on_census_reported, on_message_status
from privacy.register.seed import (
    CLIENT_REPRESENTATIVE_EMAIL,
    PARTICIPANT_ANSWERS,
    PARTICIPANT_NAMES_AND_EMAILS,
    QUESTIONS_AND_OPTIONS,
)

from .conftest import FixedClock

pytestmark = pytest.mark.usefixtures("client")


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers(tenant_id=None, roles={Role.PRIVACY_OFFICER}, user_id=uuid.uuid4())


async def record(
    client: httpx.AsyncClient, officer: dict[str, str], clock: FixedClock, **changes: Any
) -> Any:
    body = {
        "discovered_at": (clock.now - timedelta(hours=3)).isoformat(),
        "nature": "A laptop with an unencrypted export was stolen.",
        "data_category_ids": [
            str(CLIENT_REPRESENTATIVE_EMAIL),
            str(PARTICIPANT_NAMES_AND_EMAILS),
            str(PARTICIPANT_ANSWERS),
            str(QUESTIONS_AND_OPTIONS),
        ],
        "tenant_ids": [str(uuid.uuid4()), str(uuid.uuid4())],
        "likely_consequences": "Phishing emails to the people named.",
        "measures_taken": "The laptop was wiped remotely.",
        "measures_proposed": "Exports are encrypted at rest from now on.",
        **changes,
    }
    response = await client.post("/breaches", json=body, headers=officer)
    assert response.status_code == 201, response.text
    return response.json()


async def census_request(database: Database, breach: Any) -> CensusRequested:
    tenants = [uuid.UUID(tenant) for tenant in breach["tenant_ids"]]
    for envelope in reversed(await outbox(database, privacy.CENSUS_REQUESTED)):
        if isinstance(envelope.data, CensusRequested) and envelope.data.tenant_ids == tenants:
            return envelope.data
    raise AssertionError("no census asked for this breach")


async def reply(
    database: Database, service: DataService, request_id: uuid.UUID, counts: Any
) -> None:
    envelope = Envelope.wrap(CensusReported(service=service, request_id=request_id, counts=counts))
    async with database.sessions() as session, session.begin():
        await on_census_reported(session, envelope)


async def test_census_figures_give_a_range_with_its_method_q10(
    client: httpx.AsyncClient, officer: dict[str, str], clock: FixedClock, database: Database
) -> None:
    breach = await record(client, officer, clock)
    first, second = (uuid.UUID(tenant) for tenant in breach["tenant_ids"])
    assert breach["approximate_people"]["services_waiting"] == [s.value for s in DataService]
    request = await census_request(database, breach)

    await reply(database, DataService.ACCOUNTS, request.request_id, {first: {"client_users": 3}})
    await reply(
        database,
        DataService.ASSESSMENTS,
        request.request_id,
        {first: {"participants": 40, "answers": 25}, second: {"participants": 10}},
    )
    await reply(database, DataService.DELIVERY, request.request_id, {first: {"delivery_log": 42}})
    await reply(database, DataService.ANALYTICS, request.request_id, {})
    await reply(database, DataService.ACCOUNTS, uuid.uuid4(), {first: {"client_users": 99}})

    read = (await client.get(f"/breaches/{breach['id']}", headers=officer)).json()
    people = read["approximate_people"]
    assert people["services_waiting"] == []
    figures = {figure["activity_id"]: figure["people"] for figure in people["per_category"]}
    assert figures == {
        str(CLIENT_REPRESENTATIVE_EMAIL): 3,
        str(PARTICIPANT_NAMES_AND_EMAILS): 52,  # max(40, 42) + 10
        str(PARTICIPANT_ANSWERS): 25,
        str(QUESTIONS_AND_OPTIONS): None,  # nobody's data: no service counts it
    }
    assert people["low"] == 42 + 10
    assert people["high"] == (3 + 42 + 25) + 10
    assert "distinct people" in people["method"]
    assert read["people_categories"] == ["client_user", "participant"]

    recount = await client.post(f"/breaches/{breach['id']}/census", headers=officer)
    assert recount.status_code == 202
    assert recount.json()["approximate_people"]["services_waiting"] == [
        s.value for s in DataService
    ]


async def test_notices_go_to_each_client_group_and_outcomes_are_counted_q10(
    client: httpx.AsyncClient,
    officer: dict[str, str],
    clock: FixedClock,
    database: Database,
    tokens: TestTokens,
) -> None:
    breach = await record(client, officer, clock)
    tenants = [uuid.UUID(tenant) for tenant in breach["tenant_ids"]]
    admin = tokens.headers(tenant_id=tenants[0], roles={Role.ADMIN})
    order = {"audiences": ["client_users", "client_participants"]}
    assert (
        await client.post(f"/breaches/{breach['id']}/notices", json=order, headers=admin)
    ).status_code == 403
    bad = await client.post(
        f"/breaches/{breach['id']}/notices", json={"audiences": ["everyone"]}, headers=officer
    )
    assert bad.status_code == 422

    sent = await client.post(f"/breaches/{breach['id']}/notices", json=order, headers=officer)
    assert sent.status_code == 202, sent.text
    assert sent.json()["group_notices"] == 4

    correlation = f"breach-{uuid.UUID(breach['id']).hex}"
    mine = [
        envelope
        for envelope in await outbox(database, privacy.NOTIFICATION_REQUESTED)
        if envelope.correlation_id == correlation
    ]
    groups = {(envelope.data.address.group, envelope.data.address.tenant_id) for envelope in mine}
    assert groups == {
        (audience, tenant)
        for audience in ("client_users", "client_participants")
        for tenant in tenants
    }
    for envelope in mine:
        notice = envelope.data
        assert isinstance(notice, PrivacyNotificationRequested)
        assert isinstance(notice.address, ClientUsers | ClientParticipants)
        assert notice.template is NoticeTemplate.BREACH_NOTICE
        assert notice.parameters["contact"]
        assert notice.parameters["summary"].startswith("A laptop")

    people = [uuid.uuid4() for _ in range(3)]

    def status(
        model: type[Any], person: uuid.UUID, correlation_id: str | None = correlation, **extra: Any
    ) -> Envelope[Any]:
        """Delivery's report on one person's copy, under the breach's correlation (Q10)."""
        return Envelope.wrap(
            model(
                tenant_id=tenants[0],
                channel=Channel.EMAIL,
                message=NoticeMessage(kind="notice", notice_id=person),
                **extra,
            ),
            correlation_id=correlation_id,
        )

    unknown_breach = f"breach-{uuid.uuid4().hex}"
    async with database.sessions() as session, session.begin():
        await on_message_status(
            session,
            [
                status(MessageSent, people[0]),
                status(MessageSent, people[1]),
                status(MessageSent, uuid.uuid4(), correlation_id=None),  # someone else's
                status(MessageSent, uuid.uuid4(), correlation_id=unknown_breach),
            ],
        )
    async with database.sessions() as session, session.begin():
        await on_message_status(
            session,
            [
                status(MessageDelivered, people[0]),
                status(MessageDelivered, people[0]),  # told twice, counted once
                status(MessageBounced, people[1], reason=BounceReason.PERMANENT),
                status(MessageSuppressed, people[2], reason=SuppressionReason.RESTRICTED),
            ],
        )
    counts = (await client.get(f"/breaches/{breach['id']}/notices", headers=officer)).json()
    assert counts == {
        "group_notices": 4,
        "requested": 3,
        "sent": 2,
        "delivered": 1,
        "bounced": 1,
        "suppressed": 1,
    }
    assert (await client.get(f"/breaches/{breach['id']}", headers=officer)).json()[
        "notices"
    ] == counts


def test_breach_tracking_reads_no_notification_events_that_carry_addresses_q10() -> None:
    """Q10: the breaches subscription hears delivery's status events only; the per-person
    ``notification.requested`` events of accounts and assessments are not bound."""
    bound = {event_type for _, event_type in breaches.bindings()}
    assert accounts.NOTIFICATION_REQUESTED not in bound
    assert assessments.NOTIFICATION_REQUESTED not in bound
    assert {
        delivery.MESSAGE_SENT,
        delivery.MESSAGE_DELIVERED,
        delivery.MESSAGE_BOUNCED,
        delivery.MESSAGE_SUPPRESSED,
    } <= bound
