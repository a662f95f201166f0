"""``./soket privacy verify-audit``: walks the audit log straight from the privacy database and
names its first broken link (Q15). Exit 0 when the chain holds, 1 otherwise."""

import asyncio
import sys
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.settings import service_database_url
from privacy.audit.batches import audit_batches
from privacy.audit.chain import ChainBreak, chain_break

_TRIGGER_STATE = text(
    "SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'audit_entry_append_only' "
    "AND tgrelid = 'audit_entry'::regclass"
)


@dataclass(frozen=True)
class AuditWalk:
    entries: int
    """How many entries were read (up to the break, when there is one)."""
    last: dict[str, Any] | None
    broken: ChainBreak | None
    append_only: bool
    """The database's append-only trigger is in place and enabled."""

    @property
    def intact(self) -> bool:
        return self.broken is None and self.append_only


async def walk_audit_log(session: AsyncSession) -> AuditWalk:
    """Every entry from seq 1, a batch at a time, until the first break or the end."""
    previous: dict[str, Any] | None = None
    broken: ChainBreak | None = None
    count = 0
    async for batch in audit_batches(session):
        broken = chain_break(batch, previous=previous)
        if broken is not None:
            count += sum(1 for entry in batch if entry["seq"] < broken.seq)
            break
        count += len(batch)
        previous = batch[-1]
    trigger = await session.scalar(_TRIGGER_STATE)
    return AuditWalk(entries=count, last=previous, broken=broken, append_only=trigger in ("O", "A"))


async def verify_audit_database(url: str, *, out: TextIO, err: TextIO) -> int:
    database = Database(url, pool_size=1)
    try:
        async with database.sessions() as session, session.begin():
            await session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            walk = await walk_audit_log(session)
    except (SQLAlchemyError, OSError) as error:
        print(f"cannot read the privacy database's audit log: {error.__class__.__name__}", file=err)
        return 1
    finally:
        await database.dispose()
    if walk.broken is not None:
        print(f"audit chain BROKEN at seq {walk.broken.seq}: {walk.broken.explanation}", file=out)
        print(f"{walk.entries} entries before it hold.", file=out)
    else:
        last = f", last seq {walk.last['seq']}, hash {walk.last['hash']}" if walk.last else ""
        print(f"audit chain intact: {walk.entries} entries{last}.", file=out)
    if not walk.append_only:
        print(
            "the append-only trigger audit_entry_append_only is missing or disabled: "
            "entries can be changed without a trace in the database.",
            file=out,
        )
    return 0 if walk.intact else 1


def verify_audit_command() -> int:
    """The privacy database from the service's settings (``PRIVACY_DATABASE_URL`` or
    ``POSTGRES_URL`` + ``SOKET_DATABASE_PREFIX``)."""
    url = service_database_url("privacy")
    return asyncio.run(verify_audit_database(url, out=sys.stdout, err=sys.stderr))
