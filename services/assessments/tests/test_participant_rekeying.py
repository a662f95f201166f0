"""A participant's email edited by the client: their rows follow the new ``subject_ref`` and
``assessments.participant.rekeyed.v1`` tells delivery and analytics, in the edit's transaction,
with both references and no email (P15)."""

import uuid

import httpx
from assessments_support import Tenant, make_participant, outbox_events
from sqlalchemy import select

from assessments.participants.models import Participant
from assessments.privacy.models import SubjectRestriction
from assessments.privacy.participant import AssessmentsPrivacy
from assessments.worker import subscriptions
from chassis.database import Database
from chassis.messaging.inbox import record_new
from chassis.messaging.tables import outbox_message
from contracts.envelope import Envelope
from contracts.events.assessments import PARTICIPANT_REKEYED, ParticipantRekeyed
from contracts.events.delivery import SlackMember, SlackMembersImported


async def deliver(database: Database, data: SlackMembersImported) -> None:
    """As the worker's consumer hands it over."""
    envelope = Envelope.wrap(data)
    [subscription] = [s for s in subscriptions() if s.handles(envelope.type)]
    async with database.sessions() as session, session.begin():
        await record_new(session, consumer=subscription.queue, envelopes=[envelope])
        await subscription.handlers[envelope.type](session, envelope)


async def ref_of(database: Database, participant_id: str) -> str:
    async with database.sessions() as session:
        participant = await session.get(Participant, uuid.UUID(participant_id))
        assert participant is not None
        return participant.subject_ref


async def test_an_email_edit_announces_old_and_new_ref_without_the_email(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    old_email = f"mari.{uuid.uuid4().hex[:6]}@example.ee"
    new_email = f"mari.maasikas.{uuid.uuid4().hex[:6]}@example.ee"
    mari = await make_participant(client, tenant, name="Mari Maasikas", email=old_email)
    old_ref = await ref_of(database, mari["id"])

    response = await client.patch(
        f"/participants/{mari['id']}", json={"email": new_email}, headers=tenant.headers()
    )

    assert response.status_code == 200, response.text
    new_ref = await ref_of(database, mari["id"])
    assert new_ref != old_ref
    [event] = await outbox_events(database, PARTICIPANT_REKEYED, tenant_id=tenant.id)
    assert event.data == ParticipantRekeyed(
        tenant_id=tenant.id, subject_ref=old_ref, new_subject_ref=new_ref
    )
    async with database.sessions() as session:
        body, filed_under = (
            await session.execute(
                select(outbox_message.c.body, outbox_message.c.subject_ref).where(
                    outbox_message.c.id == event.id
                )
            )
        ).one()
    text = bytes(body).decode()
    for personal in (old_email, new_email, "Maasikas"):
        assert personal not in text
    assert filed_under == new_ref


async def test_edits_that_keep_the_email_or_are_refused_announce_nothing(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    mari = await make_participant(client, tenant)
    taken = await make_participant(client, tenant)
    path = f"/participants/{mari['id']}"

    same = await client.patch(
        path,
        json={"name": "Mari Kask", "language": "en", "email": mari["email"].upper()},
        headers=tenant.headers(),
    )
    refused = await client.patch(path, json={"email": taken["email"]}, headers=tenant.headers())

    assert same.status_code == 200, same.text
    assert refused.status_code == 409
    assert await outbox_events(database, PARTICIPANT_REKEYED, tenant_id=tenant.id) == []


async def test_a_restricted_participant_stays_restricted_under_the_new_email(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    mari = await make_participant(client, tenant)
    async with database.sessions() as session, session.begin():
        session.add(
            SubjectRestriction(tenant_id=tenant.id, subject_ref=await ref_of(database, mari["id"]))
        )

    response = await client.patch(
        f"/participants/{mari['id']}",
        json={"email": f"{uuid.uuid4().hex[:10]}@example.ee"},
        headers=tenant.headers(),
    )

    assert response.status_code == 200, response.text
    assert response.json()["restricted"] is True


async def test_two_edits_in_a_row_rekey_from_each_previous_ref(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    mari = await make_participant(client, tenant)
    refs = [await ref_of(database, mari["id"])]
    for _ in range(2):
        response = await client.patch(
            f"/participants/{mari['id']}",
            json={"email": f"{uuid.uuid4().hex[:10]}@example.ee"},
            headers=tenant.headers(),
        )
        assert response.status_code == 200, response.text
        refs.append(await ref_of(database, mari["id"]))

    events = await outbox_events(database, PARTICIPANT_REKEYED, tenant_id=tenant.id)

    assert [(e.data.subject_ref, e.data.new_subject_ref) for e in events] == [
        (refs[0], refs[1]),
        (refs[1], refs[2]),
    ]


async def test_a_slack_import_links_by_email_and_never_changes_one(
    client: httpx.AsyncClient, tenant: Tenant, database: Database
) -> None:
    mari = await make_participant(client, tenant)

    await deliver(
        database,
        SlackMembersImported(
            tenant_id=tenant.id,
            team_id="T0REKEY",
            members=[SlackMember(user_id="U0MARI", email=mari["email"].upper())],
        ),
    )

    read = await client.get(f"/participants/{mari['id']}", headers=tenant.headers())
    assert read.json()["slack_linked"] is True
    assert read.json()["email"] == mari["email"]
    assert await outbox_events(database, PARTICIPANT_REKEYED, tenant_id=tenant.id) == []


async def test_a_privacy_rekey_onto_a_restricted_reference_keeps_one_restriction(
    database: Database,
) -> None:
    tenant_id = uuid.uuid4()
    async with database.sessions() as session, session.begin():
        session.add_all(
            [
                SubjectRestriction(tenant_id=tenant_id, subject_ref="old-ref"),
                SubjectRestriction(tenant_id=tenant_id, subject_ref="new-ref"),
            ]
        )
    async with database.sessions() as session, session.begin():
        await AssessmentsPrivacy().rekey_subject(
            session, tenant_id=tenant_id, subject_ref="old-ref", new_subject_ref="new-ref"
        )
    async with database.sessions() as session:
        refs = await session.scalars(
            select(SubjectRestriction.subject_ref).where(SubjectRestriction.tenant_id == tenant_id)
        )
        assert list(refs) == ["new-ref"]
