"""Q10: for a breach, assessments counts the distinct people of each of its categories per
client (through the chassis's census handler), and expands privacy's notice to a client's
participants into one notice per participant, in their language, skipping restricted people."""

import uuid
from typing import Any

import httpx
from assessments_support import Tenant, make_participant, outbox_events
from sqlalchemy import select

from assessments.notices.handlers import expand_participant_notice
from assessments.participants.models import Participant
from assessments.privacy.participant import AssessmentsPrivacy
from assessments.settings import Settings
from chassis.database import Database
from chassis.privacy.registration import register_participant
from contracts.envelope import Envelope
from contracts.events import assessments, privacy
from contracts.events.notifications import NoticeTemplate, NotificationRequested
from contracts.events.privacy import (
    CensusRequested,
    ClientParticipants,
    ClientUsers,
    PrivacyNotificationRequested,
)
from contracts.events.privacy_replies import CensusReported
from contracts.ids import uuid7


async def test_census_counts_participants_per_client_q10(
    client: httpx.AsyncClient,
    tenant: Tenant,
    other_tenant: Tenant,
    database: Database,
    settings: Settings,
) -> None:
    for _ in range(3):
        await make_participant(client, tenant)
    await make_participant(client, other_tenant)

    participant = AssessmentsPrivacy()
    async with database.sessions() as session:
        counts = await participant.count_people(session, tenant_ids=[tenant.id])
    assert counts == {tenant.id: {"participants": 3}}

    registration = register_participant(settings, participant)
    handler = registration.subscription.handlers[privacy.CENSUS_REQUESTED]
    request_id = uuid7()
    async with database.sessions() as session, session.begin():
        await handler(
            session,
            Envelope.wrap(
                CensusRequested(request_id=request_id, tenant_ids=[tenant.id, other_tenant.id])
            ),
        )
    replies = [
        envelope.data
        for envelope in await outbox_events(database, "assessments.census.reported.v1")
        if envelope.data.request_id == request_id
    ]
    assert len(replies) == 1
    assert isinstance(replies[0], CensusReported)
    assert replies[0].counts == {
        tenant.id: {"participants": 3},
        other_tenant.id: {"participants": 1},
    }


async def test_participant_notice_reaches_each_unrestricted_participant_q10(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    estonian = await make_participant(client, tenant, language="et")
    english = await make_participant(client, tenant, language="en")
    restricted = await make_participant(client, tenant)
    async with database.sessions() as session, session.begin():
        await AssessmentsPrivacy().restrict_subject(
            session,
            tenant_id=tenant.id,
            subject_ref=await _subject_ref(database, restricted),
            restricted=True,
        )
    notice_id = uuid7()

    def notice(address: Any) -> Envelope[Any]:
        return Envelope.wrap(
            PrivacyNotificationRequested(
                notice_id=notice_id,
                tenant_id=tenant.id,
                template=NoticeTemplate.BREACH_NOTICE,
                address=address,
                language=None,
                parameters={"summary": "What happened", "contact": "privacy@soket.ee"},
            ),
        )

    async with database.sessions() as session, session.begin():
        await expand_participant_notice(
            session, notice(ClientUsers(group="client_users", tenant_id=tenant.id))
        )
        await expand_participant_notice(
            session, notice(ClientParticipants(group="client_participants", tenant_id=tenant.id))
        )
    asked = [
        envelope.data
        for envelope in await outbox_events(
            database, assessments.NOTIFICATION_REQUESTED, tenant_id=tenant.id
        )
    ]
    assert all(isinstance(item, NotificationRequested) for item in asked)
    by_id = {item.notice_id: item for item in asked}
    assert set(by_id) == {
        uuid.uuid5(notice_id, estonian["id"]),
        uuid.uuid5(notice_id, english["id"]),
    }
    assert by_id[uuid.uuid5(notice_id, estonian["id"])].language.value == "et"
    assert by_id[uuid.uuid5(notice_id, english["id"])].address == english["email"]
    assert all(item.template is NoticeTemplate.BREACH_NOTICE for item in asked)


async def _subject_ref(database: Database, participant: dict[str, Any]) -> str:
    async with database.sessions() as session:
        found = await session.scalar(
            select(Participant.subject_ref).where(Participant.id == uuid.UUID(participant["id"]))
        )
    assert found is not None
    return found
