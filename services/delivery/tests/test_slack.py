"""Slack end to end against the fake Web API (points 8 to 13 of issue 6; P4, P5, P6)."""

import asyncio
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit
from uuid import UUID, uuid4

import pytest
from sqlalchemy import func, select

from chassis.auth.principal import Role
from chassis.database import Database
from chassis.testing.waiting import eventually
from contracts.envelope import Envelope
from contracts.events.assessments import AnswerReveal, AnswerSubmitted
from contracts.vocabulary import SlackUser
from delivery.keys import DeliveryKeys
from delivery.settings import Settings
from delivery.slack import service
from delivery.slack.channel import SlackChannel
from delivery.slack.crypto import TokenCipher
from delivery.slack.members import SEEN_REQUESTS_KEPT, slack_upkeep_forever, sync_due_members
from delivery.slack.models import SlackInstallation, SlackMember, SlackSeenRequest
from delivery.testing.broker import publish_envelopes
from delivery.testing.fake_slack import FakeSlack, FakeUser
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import (
    SLACK_MEMBERS,
    Api,
    database_text,
    dispatch,
    email_channel,
    messages_of_tenant,
    outbox_events,
    unique_address,
)
from .slack_support import event_body, interaction_body, signed_headers


async def _install(api: Api, fake: FakeSlack, tenant_id: UUID) -> None:
    headers = api.tokens.headers(tenant_id=tenant_id, roles={Role.ADMIN})
    started = await api.client.post("/workspaces/slack/install", headers=headers)
    assert started.status_code == 200, started.text
    query = parse_qs(urlsplit(started.json()["authorize_url"]).query)
    assert query["scope"] == ["team:read,users:read,users:read.email,chat:write,im:write"]  # P5
    callback = await api.client.get(
        "/slack/oauth/callback",
        params={"code": fake.authorization_code(), "state": query["state"][0]},
    )
    assert callback.status_code == 303, callback.text
    reused = await api.client.get(
        "/slack/oauth/callback",
        params={"code": fake.authorization_code(), "state": query["state"][0]},
    )
    assert reused.status_code == 400  # a state works once


def _channel(settings: Settings, database: Database, keys: DeliveryKeys) -> SlackChannel:
    return SlackChannel(
        settings=settings.slack,
        cipher=TokenCipher.from_setting(settings.slack_token_encryption_key),
        database=database,
        keys=keys,
    )


async def test_install_import_dm_press_answer_replace_and_uninstall(
    fake_slack: FakeSlack,
    settings: Settings,
    database: Database,
    keys: DeliveryKeys,
    api: Api,
    moto_url: str,
) -> None:
    """P4: only ids and emails stay; P5: exactly the five scopes; P6: the full profiles
    Slack hands over (names, titles, phones, avatars, time zones) are not collected."""
    fake = fake_slack
    tenant_id = uuid4()
    await _install(api, fake, tenant_id)

    async with database.sessions() as session:
        installation = await session.get(SlackInstallation, fake.team_id)
        assert installation is not None
        assert installation.tenant_id == tenant_id
        assert fake.bot_token.encode() not in installation.bot_token_encrypted
        members = await session.scalar(
            select(func.count()).where(SlackMember.team_id == fake.team_id)
        )
    assert members == SLACK_MEMBERS - 2  # deleted users and bots skipped
    stored = await database_text(database)
    for user in fake.users[:50]:
        for value in (
            user.real_name,
            user.title,
            user.phone,
            "Pacific/Auckland",
            f"{user.id}_72.png",
        ):
            assert value not in stored
    assert fake.users[0].email in stored  # the email and the id are what is kept
    [imported] = await outbox_events(database, "delivery.slack.members_imported.v1", tenant_id)
    assert set(imported["data"]["members"][0]) == {"user_id", "email"}

    headers = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})
    shown = (await api.client.get("/workspaces/slack", headers=headers)).json()
    assert [(w["team_id"], w["name"]) for w in shown] == [(fake.team_id, fake.team_name)]

    person = fake.users[0]
    deactivated = fake.users[1]
    deactivated.disabled = True
    to_person = dispatch(
        keys,
        tenant_id=tenant_id,
        email=person.email,
        slack=SlackUser(team_id=fake.team_id, user_id=person.id),
    )
    to_deactivated = dispatch(
        keys,
        tenant_id=tenant_id,
        email=deactivated.email,
        email_fallback=True,
        slack=SlackUser(team_id=fake.team_id, user_id=deactivated.id),
    )
    channels = [email_channel(settings, keys), _channel(settings, database, keys)]
    async with running_delivery(settings, database, channels=channels):
        await publish_envelopes(
            settings.rabbitmq_url, [to_person, to_deactivated], settings.messaging
        )

        async def settled() -> list[tuple[str, str]]:
            rows = await messages_of_tenant(database, tenant_id)
            return sorted((row.channel, row.state) for row in rows)

        await eventually(
            settled,
            lambda rows: rows == [("email", "sent"), ("slack", "failed"), ("slack", "sent")],
            what="slack sent, fallback emailed",
        )
        [posted] = fake.posted
        buttons = next(block for block in posted.blocks if block["type"] == "actions")["elements"]
        assert [b["text"]["text"] for b in buttons] == ["Option 1", "Option 2", "Option 3"]
        chosen = to_person.data.question.options[1].option_id  # type: ignore[union-attr]
        assert buttons[1]["value"] == f"{to_person.data.dispatch_id}:{chosen}"

        body = interaction_body(
            team_id=fake.team_id,
            user_id=person.id,
            value=buttons[1]["value"],
            channel=posted.channel,
            ts=posted.ts,
        )
        press = signed_headers(body)
        assert (
            await api.client.post("/slack/interactions", content=body, headers=press)
        ).status_code == 200
        replay = await api.client.post("/slack/interactions", content=body, headers=press)
        assert replay.status_code == 401
        forged = signed_headers(body, secret="not-the-secret")
        assert (
            await api.client.post("/slack/interactions", content=body, headers=forged)
        ).status_code == 401
        stale = signed_headers(body, timestamp=int(datetime.now(UTC).timestamp()) - 600)
        assert (
            await api.client.post("/slack/interactions", content=body, headers=stale)
        ).status_code == 401
        [received] = await outbox_events(database, "delivery.answer.received.v1", tenant_id)
        assert received["data"]["chosen_option_ids"] == [str(chosen)]
        assert received["data"]["pressed_by"] == {"team_id": fake.team_id, "user_id": person.id}

        answered = AnswerSubmitted(
            tenant_id=tenant_id,
            assessment_id=to_person.data.assessment_id,
            question_id=to_person.data.question.question_id,  # type: ignore[union-attr]
            topics=[],
            group_ids=[],
            dispatch_id=to_person.data.dispatch_id,
            subject_ref=to_person.data.subject_ref,
            chosen_option_ids=[chosen],
            correct=True,
            scale_value=None,
            free_text_given=False,
            time_to_answer_ms=1200,
            answered_at=datetime.now(UTC),
            answered_on=date.today(),
            reveal=AnswerReveal(correct_option_ids=[chosen], explanation="Long passphrases win."),
        )
        await publish_envelopes(
            settings.rabbitmq_url, [Envelope.wrap(answered)], settings.messaging
        )
        await eventually(lambda: _updated(fake), lambda done: done, what="message replaced")
    assert "Long passphrases win." in fake.posted[0].text
    assert not any(block["type"] == "actions" for block in fake.posted[0].blocks)
    assert deactivated.email in {sent.to[0] for sent in sent_emails(moto_url)}

    verification = json.dumps(
        {"type": "url_verification", "challenge": "c-123", "token": "x"}
    ).encode()
    answer = await api.client.post(
        "/slack/events", content=verification, headers=signed_headers(verification)
    )
    assert answer.json() == {"challenge": "c-123"}

    uninstalled = event_body(team_id=fake.team_id, event_type="app_uninstalled", event_id="Ev0001")
    assert (
        await api.client.post(
            "/slack/events", content=uninstalled, headers=signed_headers(uninstalled)
        )
    ).status_code == 200
    retried = await api.client.post(
        "/slack/events",
        content=uninstalled,
        headers=signed_headers(uninstalled, timestamp=int(datetime.now(UTC).timestamp()) - 1),
    )
    assert retried.status_code == 200
    async with database.sessions() as session:
        assert await session.get(SlackInstallation, fake.team_id) is None
        left = await session.scalar(select(func.count()).where(SlackMember.team_id == fake.team_id))
    assert left == 0
    assert len(await outbox_events(database, "delivery.slack.workspace_removed.v1", tenant_id)) == 1


async def _post_event(api: Api, body: bytes, *, timestamp: int | None = None) -> None:
    headers = signed_headers(body, timestamp=timestamp)
    answer = await api.client.post("/slack/events", content=body, headers=headers)
    assert answer.status_code == 200, answer.text


async def _member_ids(database: Database, team_id: str) -> set[str]:
    async with database.sessions() as session:
        found = await session.scalars(
            select(SlackMember.user_id).where(SlackMember.team_id == team_id)
        )
        return set(found)


def _reachable(fake: FakeSlack) -> set[str]:
    """What ``users.list`` lists now, without deleted users and bots."""
    return {user.id for user in fake.users if not user.deleted and not user.is_bot}


async def test_tokens_revoked_forgets_the_workspace_like_an_uninstall(
    fake_slack: FakeSlack, database: Database, api: Api
) -> None:
    fake = fake_slack
    tenant_id = uuid4()
    await _install(api, fake, tenant_id)
    assert len(await _member_ids(database, fake.team_id)) == SLACK_MEMBERS - 2

    revoked = event_body(
        team_id=fake.team_id,
        event_type="tokens_revoked",
        event_id="Ev" + uuid4().hex[:10].upper(),
        tokens={"oauth": [], "bot": ["U0FAKEBOT"]},
    )
    sent_at = int(datetime.now(UTC).timestamp())
    await _post_event(api, revoked, timestamp=sent_at)
    # Signed anew, as Slack retries (another timestamp even when a second boundary passes).
    await _post_event(api, revoked, timestamp=sent_at - 1)  # the same event id: skipped

    async with database.sessions() as session:
        assert await session.get(SlackInstallation, fake.team_id) is None  # and its token
        assert await service.installations_of_tenant(session, tenant_id=tenant_id) == []
        left = await session.scalar(
            select(func.count()).where(
                (SlackMember.team_id == fake.team_id) | (SlackMember.tenant_id == tenant_id)
            )
        )
    assert left == 0
    [removed] = await outbox_events(database, "delivery.slack.workspace_removed.v1", tenant_id)
    assert removed["data"]["team_id"] == fake.team_id
    headers = api.tokens.headers(tenant_id=tenant_id, roles={Role.VIEWER})
    assert (await api.client.get("/workspaces/slack", headers=headers)).json() == []


async def test_the_scheduled_resync_adds_joiners_and_drops_deleted_members(
    fake_slack: FakeSlack, settings: Settings, database: Database, keys: DeliveryKeys, api: Api
) -> None:
    """The sender's re-import, one pass at a chosen time, then its loop: no new install."""
    fake = fake_slack
    tenant_id = uuid4()
    await _install(api, fake, tenant_id)
    imported_once = await _member_ids(database, fake.team_id)
    assert imported_once == _reachable(fake)

    # Another workspace whose token was revoked without the event reaching us: never imported,
    # so due first; it must not hold up the others.
    broken_team, broken_token = "T" + uuid4().hex[:8].upper(), "xoxb-" + uuid4().hex
    fake.revoked.add(broken_token)
    async with database.sessions() as session, session.begin():
        await service.save_installation(
            session,
            tenant_id=uuid4(),
            team_id=broken_team,
            bot_user_id="U0FAKEBOT",
            bot_token=broken_token,
            scopes="team:read,users:read,users:read.email,chat:write,im:write",
            cipher=TokenCipher.from_setting(settings.slack_token_encryption_key),
        )

    joined = FakeUser(
        id=f"U{fake.team_id[1:5]}JOINED", email=unique_address("joined"), real_name="Uus Liige"
    )
    fake.users.append(joined)
    gone = fake.users[10]
    gone.deleted = True  # how users.list shows a deactivated account
    removed = fake.users.pop(11)  # and one no longer listed at all

    now = datetime.now(UTC)
    synced = await sync_due_members(database.sessions, settings=settings, keys=keys, now=now)
    assert fake.team_id not in synced  # imported moments ago: not due yet
    assert broken_team not in synced
    assert await _member_ids(database, fake.team_id) == imported_once

    interval = timedelta(seconds=settings.slack.member_sync_seconds)
    later = now + interval + timedelta(seconds=1)
    synced = await sync_due_members(database.sessions, settings=settings, keys=keys, now=later)
    assert fake.team_id in synced
    assert broken_team not in synced
    members = await _member_ids(database, fake.team_id)
    assert members == _reachable(fake)
    assert joined.id in members
    assert gone.id not in members
    assert removed.id not in members
    async with database.sessions() as session:
        installation = await session.get(SlackInstallation, fake.team_id)
        assert installation is not None
        assert installation.tenant_id == tenant_id
        joiner = await service.member_of(session, team_id=fake.team_id, user_id=joined.id)
        assert joiner is not None
        assert joiner.subject_ref == keys.subject_ref(tenant_id=tenant_id, email=joined.email)
        assert await session.get(SlackInstallation, broken_team) is not None  # kept, retried
    imported = await outbox_events(database, "delivery.slack.members_imported.v1", tenant_id)
    assert len(imported) == 2
    latest = {member["user_id"] for member in imported[-1]["data"]["members"]}
    assert latest == members
    assert fake.calls.count("oauth.v2.access") == 1  # no new install

    # The loop the sender runs: with a short interval, the next change arrives by itself.
    another = FakeUser(
        id=f"U{fake.team_id[1:5]}LATER", email=unique_address("later"), real_name="Hiline Liige"
    )
    fake.users.append(another)
    quick = settings.model_copy(
        update={"slack": settings.slack.model_copy(update={"member_sync_seconds": 0.2})}
    )
    old_key, fresh_key = f"old-{uuid4().hex}", f"fresh-{uuid4().hex}"
    async with database.sessions() as session, session.begin():
        session.add_all(
            [
                SlackSeenRequest(
                    key=old_key, seen_at=datetime.now(UTC) - SEEN_REQUESTS_KEPT - timedelta(1)
                ),
                SlackSeenRequest(key=fresh_key),
            ]
        )
    stop = asyncio.Event()
    loop = asyncio.create_task(
        slack_upkeep_forever(
            database.sessions, settings=quick, keys=keys, stop=stop, check_seconds=0.1
        )
    )
    try:
        await eventually(
            lambda: _member_ids(database, fake.team_id),
            lambda found: another.id in found,
            what="the loop's re-import",
        )
    finally:
        stop.set()
        await asyncio.wait_for(loop, timeout=10)
    assert await _member_ids(database, fake.team_id) == _reachable(fake)
    async with database.sessions() as session:
        seen = set(
            await session.scalars(
                select(SlackSeenRequest.key).where(SlackSeenRequest.key.in_([old_key, fresh_key]))
            )
        )
    assert seen == {fresh_key}  # replays are refused for an hour, then the ids are forgotten


async def _updated(fake: FakeSlack) -> bool:
    return bool(fake.posted) and fake.posted[0].updated


async def test_a_burst_against_real_429s_delivers_every_message_once_in_order(
    fake_slack: FakeSlack,
    settings: Settings,
    database: Database,
    keys: DeliveryKeys,
    api: Api,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = fake_slack
    fake.seconds_per_message = 0.5  # the fake's limit per conversation …
    fast = settings.model_copy(
        update={"slack": settings.slack.model_copy(update={"messages_per_second_per_channel": 50})}
    )  # … and we go faster than it
    tenant_id = uuid4()
    await _install(api, fake, tenant_id)
    people = fake.users[5:9]
    per_person = 4
    envelopes = []
    for round_number in range(per_person):
        for person in people:
            envelope = dispatch(
                keys,
                tenant_id=tenant_id,
                email=person.email,
                slack=SlackUser(team_id=fake.team_id, user_id=person.id),
            )
            data = envelope.data.model_copy(update={"title": f"Round {round_number}"})
            envelopes.append(Envelope.wrap(data))
    async with running_delivery(settings, database, channels=[_channel(fast, database, keys)]):
        await publish_envelopes(settings.rabbitmq_url, envelopes, settings.messaging)

        async def sent() -> int:
            return sum(row.state == "sent" for row in await messages_of_tenant(database, tenant_id))

        await eventually(sent, lambda count: count == len(envelopes), within=90, what="all sent")
    assert fake.rate_limited > 0  # the fake really answered 429s
    assert len(fake.posted) == len(envelopes)  # each once
    for person in people:
        dm = fake.opened[person.id]
        titles = [p.blocks[0]["text"]["text"] for p in fake.posted if p.channel == dm]
        assert titles == [f"Round {n}" for n in range(per_person)]
    assert fake.open_calls == len(people)  # one conversations.open per person


async def test_a_restarted_sender_reads_dm_channels_back_and_opens_none_again(
    fake_slack: FakeSlack, settings: Settings, database: Database, keys: DeliveryKeys, api: Api
) -> None:
    """The DM channel kept on the member row is read back with the claimed batch: a sender
    that never opened it (a new process) posts into it without ``conversations.open``."""
    fake = fake_slack
    tenant_id = uuid4()
    await _install(api, fake, tenant_id)
    people = fake.users[20:60]

    def round_of(title: str) -> list[Envelope[Any]]:
        envelopes: list[Envelope[Any]] = []
        for person in people:
            data = dispatch(
                keys,
                tenant_id=tenant_id,
                email=person.email,
                slack=SlackUser(team_id=fake.team_id, user_id=person.id),
            ).data.model_copy(update={"title": title})
            envelopes.append(Envelope.wrap(data))
        return envelopes

    async def sent() -> int:
        return sum(row.state == "sent" for row in await messages_of_tenant(database, tenant_id))

    for number, title in enumerate(("First", "Second"), start=1):
        channel = _channel(settings, database, keys)  # each round a fresh sender's memory
        async with running_delivery(settings, database, channels=[channel]):
            await publish_envelopes(settings.rabbitmq_url, round_of(title), settings.messaging)
            await eventually(
                sent, lambda count, n=number: count == n * len(people), within=60, what="sent"
            )
    assert fake.open_calls == len(people)  # the second sender opened nothing
    async with database.sessions() as session:
        kept = dict(
            (
                await session.execute(
                    select(SlackMember.user_id, SlackMember.dm_channel_id).where(
                        SlackMember.team_id == fake.team_id,
                        SlackMember.user_id.in_([person.id for person in people]),
                    )
                )
            ).all()
        )
    for person in people:
        dm = fake.opened[person.id]
        assert kept[person.id] == dm
        titles = [p.blocks[0]["text"]["text"] for p in fake.posted if p.channel == dm]
        assert titles == ["First", "Second"]
