"""Reading what a service's handlers and views put in its outbox, for tests."""

from typing import Any

from sqlalchemy import select

from chassis.database import Database
from chassis.messaging.tables import outbox_message
from contracts.envelope import Envelope, parse_envelope


async def outbox(database: Database, event_type: str | None = None) -> list[Envelope[Any]]:
    """The outbox's events (of one type, when given), oldest first."""
    async with database.sessions() as session:
        query = select(outbox_message.c.body).order_by(outbox_message.c.position)
        if event_type is not None:
            query = query.where(outbox_message.c.event_type == event_type)
        return [parse_envelope(body) for body in await session.scalars(query)]
