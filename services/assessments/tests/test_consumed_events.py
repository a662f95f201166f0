"""Events from accounts and delivery, handled as the worker's consumer handles them."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from assessments_support import (
    FakeClock,
    Tenant,
    make_participant,
    make_question,
    outbox_events,
    path_of,
)

from assessments.client_settings.models import ClientSettings
from assessments.participants.models import Participant
from assessments.privacy.participant import AssessmentsPrivacy
from assessments.scheduling.runner import Scheduler
from assessments.settings import Settings
from assessments.worker import subscriptions
from chassis.database import Database
from chassis.messaging.inbox import record_new
from chassis.messaging.subscription import DeadLetter
from contracts.base import EventData
from contracts.envelope import Envelope
from contracts.events.accounts import ClientRegistered, ClientSettingsChanged
from contracts.events.assessments import ANSWER_SUBMITTED, DISPATCH_REQUESTED
from contracts.events.delivery import (
    AnswerReceived,
    MessageUnsubscribed,
    SlackMember,
    SlackMembersImported,
    SlackWorkspaceRemoved,
)
from contracts.vocabulary import SlackUser


async def deliver(
    database: Database, data: EventData, *, occurred_at: datetime | None = None
) -> None:
    envelope = Envelope.wrap(data, occurred_at=occurred_at)
    [subscription] = [s for s in subscriptions() if s.handles(envelope.type)]
    async with database.sessions() as session, session.begin():
        await record_new(session, consumer=subscription.queue, envelopes=[envelope])
        await subscription.handlers[envelope.type](session, envelope)


async def participant_row(database: Database, participant_id: str) -> Participant:
    async with database.sessions() as session:
        row = await session.get(Participant, uuid.UUID(participant_id))
        assert row is not None
        return row


async def test_client_settings_newest_wins(database: Database, tenant: Tenant) -> None:
    now = datetime.now(UTC)
    await deliver(
        database,
        ClientRegistered(
            tenant_id=tenant.id,
            organisation_name="Firma",
            time_zone="Europe/Tallinn",
            language="et",
        ),
        occurred_at=now,
    )
    await deliver(
        database,
        ClientSettingsChanged(tenant_id=tenant.id, time_zone="America/New_York", language="en"),
        occurred_at=now + timedelta(seconds=2),
    )
    await deliver(  # an older announcement arriving late
        database,
        ClientSettingsChanged(tenant_id=tenant.id, time_zone="Asia/Tokyo", language="et"),
        occurred_at=now + timedelta(seconds=1),
    )
    async with database.sessions() as session:
        row = await session.get(ClientSettings, tenant.id)
    assert row is not None
    assert (row.time_zone, row.language) == ("America/New_York", "en")


async def test_slack_members_link_and_unlink(
    client: httpx.AsyncClient, database: Database, tenant: Tenant
) -> None:
    mari = await make_participant(client, tenant, email="mari.slack@example.ee")
    john = await make_participant(client, tenant, email="john.slack@example.ee")
    await deliver(
        database,
        SlackMembersImported(
            tenant_id=tenant.id,
            team_id="T0TEAM",
            members=[
                SlackMember(user_id="U0MARI", email="Mari.Slack@example.ee"),
                SlackMember(user_id="U0JOHN", email="john.slack@example.ee"),
                SlackMember(user_id="U0NOBODY", email="nobody@example.ee"),
            ],
        ),
    )
    assert (await participant_row(database, mari["id"])).slack_user_id == "U0MARI"
    assert (await participant_row(database, john["id"])).slack_user_id == "U0JOHN"
    await deliver(
        database,
        SlackMembersImported(
            tenant_id=tenant.id,
            team_id="T0TEAM",
            members=[SlackMember(user_id="U0MARI", email="mari.slack@example.ee")],
        ),
    )
    assert (await participant_row(database, john["id"])).slack_user_id is None
    await deliver(database, SlackWorkspaceRemoved(tenant_id=tenant.id, team_id="T0TEAM"))
    assert (await participant_row(database, mari["id"])).slack_user_id is None


async def test_unsubscribed_people_get_no_email(
    client: httpx.AsyncClient, database: Database, tenant: Tenant
) -> None:
    mari = await make_participant(client, tenant)
    row = await participant_row(database, mari["id"])
    await deliver(database, MessageUnsubscribed(tenant_id=tenant.id, subject_ref=row.subject_ref))
    assert (await participant_row(database, mari["id"])).email_unsubscribed is True


async def daily_by_slack(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    mari = await make_participant(client, tenant, email="mari.daily@example.ee")
    await deliver(
        database,
        SlackMembersImported(
            tenant_id=tenant.id,
            team_id="T0TEAM",
            members=[SlackMember(user_id="U0MARI", email="mari.daily@example.ee")],
        ),
    )
    question = await make_question(client, tenant, explanation="Nii see on.")
    local_now = clock.now.astimezone()
    response = await client.post(
        "/assessments",
        json={
            "kind": "daily_questions",
            "title": "Päeva küsimus",
            "question_ids": [question["id"]],
            "participant_ids": [mari["id"]],
            "channels": ["slack"],
            "email_fallback": True,
            "show_correct": True,
            "weekdays": [1, 2, 3, 4, 5, 6, 7],
            "send_time": "00:00",
            "starts_on": (local_now.date() - timedelta(days=2)).isoformat(),
        },
        headers=tenant.headers(),
    )
    assert response.status_code == 201, response.text
    await client.post(f"/assessments/{response.json()['id']}/publish", headers=tenant.headers())
    settings = settings.model_copy(
        update={
            "scheduler": settings.scheduler.model_copy(update={"max_lateness_seconds": 48 * 3600.0})
        }
    )
    await Scheduler(database=database, settings=settings, clock=clock).run_once()
    [requested] = await outbox_events(database, DISPATCH_REQUESTED, tenant_id=tenant.id)
    return requested.data, question, mari


async def test_a_slack_answer_counts_once_whichever_channel_is_first(
    client: httpx.AsyncClient,
    database: Database,
    tenant: Tenant,
    settings: Settings,
    clock: FakeClock,
) -> None:
    requested, question, _mari = await daily_by_slack(client, tenant, database, settings, clock)
    assert requested.contacts.slack == SlackUser(team_id="T0TEAM", user_id="U0MARI")
    assert requested.contacts.email == "mari.daily@example.ee"
    assert requested.email_fallback
    assert requested.question.options[0].label == "Tallinn"
    press = AnswerReceived(
        tenant_id=tenant.id,
        dispatch_id=requested.dispatch_id,
        chosen_option_ids=[question["options"][1]["id"]],
        pressed_by=SlackUser(team_id="T0TEAM", user_id="U0MARI"),
        pressed_at=datetime.now(UTC),
    )
    await deliver(database, press)
    await deliver(
        database,
        press.model_copy(update={"chosen_option_ids": [uuid.UUID(question["options"][0]["id"])]}),
    )
    [submitted] = await outbox_events(database, ANSWER_SUBMITTED, tenant_id=tenant.id)
    assert submitted.data.correct is False
    assert submitted.data.reveal.explanation == "Nii see on."
    page = await client.post(
        path_of(str(requested.answer_url)),
        data={f"q-{question['id']}": question["options"][0]["id"]},
    )
    assert page.status_code == 409
    with pytest.raises(DeadLetter):
        await deliver(
            database,
            press.model_copy(update={"pressed_by": SlackUser(team_id="T0TEAM", user_id="U0OTHER")}),
        )


async def test_a_restricted_person_s_answer_is_not_recorded_on_any_channel(
    client: httpx.AsyncClient,
    database: Database,
    tenant: Tenant,
    settings: Settings,
    clock: FakeClock,
) -> None:
    """Restriction (Q4) also stops what arrives through links and buttons sent before it."""
    requested, question, mari = await daily_by_slack(client, tenant, database, settings, clock)
    subject_ref = (await participant_row(database, mari["id"])).subject_ref
    async with database.sessions() as session, session.begin():
        await AssessmentsPrivacy().restrict_subject(
            session, tenant_id=tenant.id, subject_ref=subject_ref, restricted=True
        )
    path = path_of(str(requested.answer_url))
    shown = await client.get(path)
    answered = await client.post(path, data={f"q-{question['id']}": question["options"][0]["id"]})
    await deliver(
        database,
        AnswerReceived(
            tenant_id=tenant.id,
            dispatch_id=requested.dispatch_id,
            chosen_option_ids=[question["options"][0]["id"]],
            pressed_by=SlackUser(team_id="T0TEAM", user_id="U0MARI"),
            pressed_at=datetime.now(UTC),
        ),
    )

    assert shown.status_code == answered.status_code == 403
    assert "<form" not in shown.text
    assert await outbox_events(database, ANSWER_SUBMITTED, tenant_id=tenant.id) == []

    async with database.sessions() as session, session.begin():
        await AssessmentsPrivacy().restrict_subject(
            session, tenant_id=tenant.id, subject_ref=subject_ref, restricted=False
        )
    resumed = await client.post(path, data={f"q-{question['id']}": question["options"][0]["id"]})
    assert resumed.status_code == 200
    assert len(await outbox_events(database, ANSWER_SUBMITTED, tenant_id=tenant.id)) == 1
