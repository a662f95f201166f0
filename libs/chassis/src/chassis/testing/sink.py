"""A minimal service that proves and measures the messaging chassis.

It publishes ``assessments.answer.submitted.v1`` events through its outbox and consumes them
into ``sink_effect``, a table with deliberately no unique key: a duplicate effect shows there.
Run its processes with ``python -m chassis.testing.sink relay|worker`` (``SINK_*`` settings).
"""

import asyncio
import os
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from uuid import UUID

import aio_pika
from alembic.migration import MigrationContext
from alembic.operations import Operations
from pydantic_settings import SettingsConfigDict
from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    DateTime,
    Identity,
    Integer,
    String,
    Table,
    Uuid,
    delete,
    event,
    func,
    select,
)
from sqlalchemy import insert as sql_insert
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from chassis.database import service_metadata
from chassis.messaging.outbox import add_to_outbox, new_envelope
from chassis.messaging.schema_v1 import create_messaging_tables
from chassis.messaging.subscription import Subscription
from chassis.messaging.topology import full_topology
from chassis.privacy.participant import Categories, Erasure, PrivacyParticipant
from chassis.relay import run_relay
from chassis.settings import MessagingOptions, ServiceSettings
from chassis.worker import run_worker
from contracts.envelope import Envelope
from contracts.events.assessments import ANSWER_SUBMITTED, AnswerSubmitted
from contracts.events.privacy import RetentionDue

TENANT_ID = UUID("0192f000-0000-7000-8000-000000000001")
FAILING_QUESTION = UUID("0192f000-0000-7000-8000-00000000fa11")
"""Its events fail in the handler every time."""
CRASHING_QUESTION = UUID("0192f000-0000-7000-8000-00000000dead")
"""Its events kill the worker right after their transaction commits, before the ack."""
ORDINARY_QUESTION = UUID("0192f000-0000-7000-8000-000000000001")
SUBJECT_REF = "A" * 52

sink_metadata = service_metadata()
sink_effect = Table(
    "sink_effect",
    sink_metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("message_id", Uuid, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("tenant_id", Uuid, nullable=False),
    Column("subject_ref", String(56), nullable=False),
    Column("handled_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


_INSERT_EFFECT = sql_insert(sink_effect)


class SinkSettings(ServiceSettings):
    service_name: ClassVar[str] = "assessments"
    model_config = SettingsConfigDict(env_prefix="SINK_", extra="ignore")

    handler_delay_seconds: float = 0.0
    batched: bool = True


def answer(
    sequence: int, *, question_id: UUID = ORDINARY_QUESTION, subject_ref: str = SUBJECT_REF
) -> AnswerSubmitted:
    """An event whose ``time_to_answer_ms`` carries its sequence number."""
    now = datetime.now(UTC)
    return AnswerSubmitted(
        tenant_id=TENANT_ID,
        assessment_id=ORDINARY_QUESTION,
        question_id=question_id,
        topics=["reliability"],
        group_ids=[],
        dispatch_id=ORDINARY_QUESTION,
        subject_ref=subject_ref,
        chosen_option_ids=[ORDINARY_QUESTION],
        correct=True,
        scale_value=None,
        free_text_given=False,
        time_to_answer_ms=sequence,
        answered_at=now,
        answered_on=date.today(),
        reveal=None,
    )


async def publish_answers(session: AsyncSession, sequences: range, **kwargs: Any) -> None:
    """Adds an answer event per sequence number to the outbox, in one statement."""
    await add_to_outbox(
        session, *(new_envelope(answer(sequence, **kwargs)) for sequence in sequences)
    )


def sink_subscription(settings: SinkSettings) -> Subscription:
    """Effects of answers that arrive together are written together (one multi-row insert),
    or one by one when ``SINK_BATCHED=false``."""
    subscription = Subscription(service="sink", name="effects")

    async def record_effects(session: AsyncSession, envelopes: Sequence[Envelope[Any]]) -> None:
        answers: list[AnswerSubmitted] = [envelope.data for envelope in envelopes]
        if settings.handler_delay_seconds:
            await asyncio.sleep(settings.handler_delay_seconds * len(envelopes))
        if any(answer.question_id == FAILING_QUESTION for answer in answers):
            raise RuntimeError("this question always fails")
        await session.execute(
            _INSERT_EFFECT,
            [
                {
                    "message_id": envelope.id,
                    "sequence": answer.time_to_answer_ms,
                    "tenant_id": answer.tenant_id,
                    "subject_ref": answer.subject_ref,
                }
                for envelope, answer in zip(envelopes, answers, strict=True)
            ],
        )
        if any(answer.question_id == CRASHING_QUESTION for answer in answers):
            event.listen(session.sync_session, "after_commit", _die)

    if settings.batched:
        subscription.add_batch(ANSWER_SUBMITTED, record_effects)
    else:

        @subscription.on(ANSWER_SUBMITTED)
        async def record_effect(session: AsyncSession, envelope: Envelope[Any]) -> None:
            await record_effects(session, [envelope])

    return subscription


class SinkParticipant(PrivacyParticipant):
    """The sink's answers to the privacy contract: its effects are about people."""

    async def export_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Categories:
        rows = await session.execute(
            select(sink_effect.c.sequence).where(*_about(tenant_id, subject_ref))
        )
        return {"effects": [sequence for (sequence,) in rows]}

    async def erase_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Erasure:
        deleted = await session.execute(delete(sink_effect).where(*_about(tenant_id, subject_ref)))
        return Erasure(rows_deleted={"sink_effect": deleted.rowcount})  # type: ignore[attr-defined]

    async def restrict_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
    ) -> None:
        return None

    async def export_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Categories:
        count = await session.scalar(
            select(func.count()).where(sink_effect.c.tenant_id == tenant_id)
        )
        return {"effects": count}

    async def erase_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Erasure:
        deleted = await session.execute(
            delete(sink_effect).where(sink_effect.c.tenant_id == tenant_id)
        )
        return Erasure(rows_deleted={"sink_effect": deleted.rowcount})  # type: ignore[attr-defined]

    async def apply_retention(self, session: AsyncSession, *, due: RetentionDue) -> Erasure:
        return Erasure()


def _about(tenant_id: UUID, subject_ref: str) -> tuple[ColumnElement[bool], ...]:
    return (sink_effect.c.tenant_id == tenant_id, sink_effect.c.subject_ref == subject_ref)


def _die(_session: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


async def create_sink_schema(database_url: str) -> None:
    """The messaging tables (as the services' migrations make them) and ``sink_effect``."""

    def create(connection: Connection) -> None:
        with Operations.context(MigrationContext.configure(connection)):
            create_messaging_tables()
        sink_metadata.create_all(connection)

    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(create)
    finally:
        await engine.dispose()


async def delete_sink_topology(rabbitmq_url: str, options: MessagingOptions) -> None:
    """Removes the sink's queues and exchanges, and what they hold."""
    settings = SinkSettings()
    privacy = Subscription(service=settings.service_name, name="privacy")
    topology = full_topology(
        [settings.service_name, "privacy"], [sink_subscription(settings), privacy], options
    )
    connection = await aio_pika.connect(rabbitmq_url)
    try:
        channel = await connection.channel()
        for queue in topology.queues:
            await channel.queue_delete(queue.name)
        for exchange in topology.exchanges:
            await channel.exchange_delete(exchange.name)
    finally:
        await connection.close()


def main() -> None:
    settings = SinkSettings()
    if sys.argv[1:] == ["relay"]:
        run_relay(settings)
    elif sys.argv[1:] == ["worker"]:
        participant = SinkParticipant() if settings.receipt_signing_key else None
        run_worker(settings, [sink_subscription(settings)], privacy=participant)
    else:
        raise SystemExit("usage: python -m chassis.testing.sink relay|worker")


if __name__ == "__main__":
    main()
