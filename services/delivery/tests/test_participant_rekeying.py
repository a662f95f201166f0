"""A participant's email edited by the client (assessments.participant.rekeyed.v1) moves the
person's rows to the new reference through the broker; a redelivery changes nothing (P15)."""

from uuid import UUID, uuid4

from prometheus_client import REGISTRY
from sqlalchemy import select

from chassis.database import Database
from chassis.messaging.tables import inbox_message
from chassis.testing.waiting import eventually
from contracts.envelope import Envelope
from contracts.events.assessments import PARTICIPANT_REKEYED, ParticipantRekeyed
from delivery.keys import DeliveryKeys
from delivery.messages.models import Message
from delivery.settings import Settings
from delivery.slack.models import SlackMember
from delivery.suppression.models import Restriction, Unsubscription
from delivery.testing.broker import publish_envelopes
from delivery.testing.running import running_delivery

from .conftest import dispatch, messages_of_tenant, unique_address

QUEUE = "delivery.dispatches"


async def duplicates_skipped() -> float:
    labels = {"queue": QUEUE, "event_type": PARTICIPANT_REKEYED, "outcome": "duplicate"}
    return REGISTRY.get_sample_value("soket_consumer_messages_total", labels) or 0.0


async def refs_by_table(database: Database, tenant_id: UUID) -> dict[str, list[str]]:
    async with database.sessions() as session:
        found: dict[str, list[str]] = {}
        for model in (Message, SlackMember, Unsubscription, Restriction):
            refs = await session.scalars(
                select(model.subject_ref).where(model.tenant_id == tenant_id)
            )
            found[model.__tablename__] = sorted(ref for ref in refs if ref is not None)
        return found


async def test_a_rekeyed_participants_rows_move_to_the_new_ref_and_merge_with_what_is_there(
    settings: Settings, database: Database, keys: DeliveryKeys
) -> None:
    tenant_id, old, new = uuid4(), unique_address("old"), unique_address("new")
    old_ref = keys.subject_ref(tenant_id=tenant_id, email=old)
    new_ref = keys.subject_ref(tenant_id=tenant_id, email=new)
    team = "T" + uuid4().hex[:8].upper()
    async with database.sessions() as session, session.begin():
        session.add_all(
            [
                SlackMember(
                    team_id=team,
                    user_id="U0OLD",
                    tenant_id=tenant_id,
                    email=old,
                    subject_ref=old_ref,
                ),
                Unsubscription(tenant_id=tenant_id, subject_ref=old_ref),
                Restriction(tenant_id=tenant_id, subject_ref=old_ref),
                Restriction(tenant_id=tenant_id, subject_ref=new_ref),
            ]
        )
    rekeyed = Envelope.wrap(
        ParticipantRekeyed(tenant_id=tenant_id, subject_ref=old_ref, new_subject_ref=new_ref)
    )
    async with running_delivery(settings, database, channels=None):  # nothing is sent
        await publish_envelopes(
            settings.rabbitmq_url,
            [dispatch(keys, tenant_id=tenant_id, email=old) for _ in range(2)],
            settings.messaging,
        )
        await eventually(
            lambda: messages_of_tenant(database, tenant_id),
            lambda rows: len(rows) == 2,
            what="queued",
        )

        await publish_envelopes(settings.rabbitmq_url, [rekeyed], settings.messaging)

        moved = await eventually(
            lambda: refs_by_table(database, tenant_id),
            lambda found: old_ref not in str(found),
            what="rows re-keyed",
        )
        assert moved == {
            "message": [new_ref, new_ref],
            "slack_member": [new_ref],
            "unsubscription": [new_ref],
            "restriction": [new_ref],
        }
        async with database.sessions() as session:
            filed_under = await session.scalar(
                select(inbox_message.c.subject_ref).where(
                    inbox_message.c.consumer == QUEUE, inbox_message.c.message_id == rekeyed.id
                )
            )
        assert filed_under == new_ref

        # A late row under the old ref, then the same event again: the inbox skips it.
        await publish_envelopes(
            settings.rabbitmq_url,
            [dispatch(keys, tenant_id=tenant_id, email=old)],
            settings.messaging,
        )
        await eventually(
            lambda: messages_of_tenant(database, tenant_id),
            lambda rows: len(rows) == 3,
            what="late dispatch queued",
        )
        before = await duplicates_skipped()
        await publish_envelopes(settings.rabbitmq_url, [rekeyed], settings.messaging)
        await eventually(duplicates_skipped, lambda count: count == before + 1, what="skipped")

    after = await refs_by_table(database, tenant_id)
    assert after["message"] == sorted([new_ref, new_ref, old_ref])
    assert {table: refs for table, refs in after.items() if table != "message"} == {
        "slack_member": [new_ref],
        "unsubscription": [new_ref],
        "restriction": [new_ref],
    }
