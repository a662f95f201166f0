"""Published outbox rows, old inbox rows and old erasure marks are purged after their time."""

from datetime import timedelta

from sqlalchemy import func, select, text, update

from chassis.database import Database
from chassis.messaging.inbox import purge_handled, record_new, remember_erasure
from chassis.messaging.outbox import pending_backlog, publish, purge_published
from chassis.messaging.tables import erased_subject, inbox_message, outbox_message
from chassis.testing.sink import SUBJECT_REF, TENANT_ID, answer


async def count(database: Database, table: str) -> int:
    async with database.sessions() as session:
        return int(await session.scalar(text(f"SELECT count(*) FROM {table}")) or 0)


async def test_published_rows_are_purged_after_the_retention_and_pending_ones_never(
    sink_database: Database,
) -> None:
    async with sink_database.sessions() as session, session.begin():
        old = await publish(session, answer(1))
        recent = await publish(session, answer(2))
        await publish(session, answer(3))  # still pending
        await session.execute(
            update(outbox_message)
            .where(outbox_message.c.id == old.id)
            .values(published_at=func.now() - timedelta(hours=2))
        )
        await session.execute(
            update(outbox_message)
            .where(outbox_message.c.id == recent.id)
            .values(published_at=func.now())
        )
    async with sink_database.sessions() as session, session.begin():
        assert await purge_published(session, older_than=timedelta(hours=1)) == 1
        pending, oldest_age = await pending_backlog(session)
    assert pending == 1
    assert oldest_age >= 0
    assert await count(sink_database, "outbox_message") == 2


async def test_inbox_rows_and_erasure_marks_are_forgotten_after_their_time(
    sink_database: Database,
) -> None:
    async with sink_database.sessions() as session, session.begin():
        old = await publish(session, answer(1))
        recent = await publish(session, answer(2))
        await record_new(session, consumer="sink.effects", envelopes=[old, recent])
        await remember_erasure(session, tenant_id=TENANT_ID, subject_ref=SUBJECT_REF)
        await session.execute(
            update(inbox_message)
            .where(inbox_message.c.message_id == old.id)
            .values(handled_at=func.now() - timedelta(days=8))
        )
    async with sink_database.sessions() as session, session.begin():
        purged = await purge_handled(
            session, inbox_older_than=timedelta(days=7), erasures_older_than=timedelta(days=15)
        )
        remaining = await session.scalar(select(func.count()).select_from(inbox_message))
        marks = await session.scalar(select(func.count()).select_from(erased_subject))
    assert (purged, remaining, marks) == (1, 1, 1)
