"""A person's rows filed under a new ``subject_ref``: a participant whose email the client
changed (``assessments.participant.rekeyed``), or a rectification."""

from collections.abc import Sequence
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy import Table, delete, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

from chassis.privacy.messaging_rows import rekey_subject_messages
from contracts.envelope import Envelope
from contracts.events.assessments import ParticipantRekeyed


class RowsRekeyer(Protocol):
    async def __call__(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
    ) -> object: ...


async def rekey_participants(
    session: AsyncSession, envelopes: Sequence[Envelope[Any]], *, rekey_rows: RowsRekeyer
) -> None:
    """Each ``assessments.participant.rekeyed`` in the order it came (so a chain of edits ends
    under the last reference): the service's rows, then its own messages."""
    for envelope in envelopes:
        rekeyed: ParticipantRekeyed = envelope.data
        for rekey in (rekey_rows, rekey_subject_messages):
            await rekey(
                session,
                tenant_id=rekeyed.tenant_id,
                subject_ref=rekeyed.subject_ref,
                new_subject_ref=rekeyed.new_subject_ref,
            )


async def move_rows_to_reference(
    session: AsyncSession,
    rows: Table | type[DeclarativeBase],
    *,
    tenant_id: UUID,
    subject_ref: str,
    new_subject_ref: str,
) -> int:
    """Files a person's rows of a table (or mapped class) under ``new_subject_ref``; a row the
    new reference has already (same key) is kept as it is. Rows moved (or dropped as there)."""
    table = rows if isinstance(rows, Table) else rows.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{rows} is not a table")
    columns = [column.name for column in table.columns]
    copies = select(
        *(
            literal(new_subject_ref, column.type).label(column.name)
            if column.name == "subject_ref"
            else column
            for column in table.columns
        )
    ).where(table.c.tenant_id == tenant_id, table.c.subject_ref == subject_ref)
    await session.execute(pg_insert(table).from_select(columns, copies).on_conflict_do_nothing())
    moved = await session.execute(
        delete(table).where(table.c.tenant_id == tenant_id, table.c.subject_ref == subject_ref)
    )
    return int(moved.rowcount)  # type: ignore[attr-defined]
