"""What a restore must not undo: every erasure made since a backup was taken, read from the live
privacy database before the restore, with the rows that record it."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from pydantic import BaseModel, JsonValue
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.requests.models import RequestType
from privacy.requests.states import RequestState

CLOCK_MARGIN = timedelta(hours=1)
"""Erasures this long before the backup was taken are re-applied too: re-erasing is harmless,
and the backup's clock and the service's need not agree to the second."""
PAST_POINT_OF_NO_RETURN = (
    RequestState.IN_PROGRESS,
    RequestState.COMPLETED,
    RequestState.VERIFIED,
    RequestState.FAILED,
)
REQUEST_TABLES = ("request_transition", "service_job", "receipt")
"""Tables whose rows belong to one request (``request_id``) and travel with it."""
OFFBOARDING_TABLE = "client_offboarding"

Row = dict[str, JsonValue]


class ErasedSubject(BaseModel):
    tenant_id: UUID
    subject_ref: str


class ErasureLedger(BaseModel):
    """Whom to erase again after a restore, and the privacy rows that say so."""

    since: datetime
    subjects: list[ErasedSubject]
    tenants: list[UUID]
    """Clients whose offboarding erasure was asked (or done) since."""
    requests: list[Row]
    """``data_subject_request`` rows of those erasures."""
    request_rows: dict[str, list[Row]]
    """Rows of ``REQUEST_TABLES`` of those erasures (and of the clients' erasures)."""
    offboardings: list[Row]
    audit_entries: list[Row]
    """The audit log from shortly before ``since``, in order."""
    backups: list[Row]

    def merged(self, other: "ErasureLedger") -> "ErasureLedger":
        """This ledger with another's erasures added (a restore that stopped half way)."""
        subjects = {(item.tenant_id, item.subject_ref): item for item in other.subjects}
        subjects |= {(item.tenant_id, item.subject_ref): item for item in self.subjects}
        return self.model_copy(
            update={
                "since": min(self.since, other.since),
                "subjects": list(subjects.values()),
                "tenants": sorted(set(self.tenants) | set(other.tenants)),
                "requests": _union(other.requests, self.requests, key="id"),
                "offboardings": _union(other.offboardings, self.offboardings, key="id"),
                "audit_entries": _union(other.audit_entries, self.audit_entries, key="seq"),
                "request_rows": {
                    table: _union(
                        other.request_rows.get(table, []),
                        self.request_rows.get(table, []),
                        key=None,
                    )
                    for table in REQUEST_TABLES
                },
                "backups": _union(other.backups, self.backups, key="name"),
            }
        )


async def erasures_since(session: AsyncSession, *, since: datetime) -> ErasureLedger:
    """Every person and client erased (or being erased) since ``since``, less the margin."""
    after = since - CLOCK_MARGIN
    requests = await _rows(
        session,
        "SELECT to_jsonb(r) FROM data_subject_request AS r"
        " WHERE r.request_type = :erasure AND r.state = ANY(:states)"
        " AND r.tenant_id IS NOT NULL AND r.subject_ref IS NOT NULL"
        " AND (r.closed_at IS NULL OR r.closed_at >= :after)",
        erasure=RequestType.ERASURE.value,
        states=[state.value for state in PAST_POINT_OF_NO_RETURN],
        after=after,
    )
    offboardings: list[Row] = []
    if await table_exists(session, OFFBOARDING_TABLE):
        offboardings = await _rows(
            session,
            f"SELECT to_jsonb(o) FROM {OFFBOARDING_TABLE} AS o"  # noqa: S608 (a constant)
            " WHERE o.erasure_asked_at IS NOT NULL"
            " AND (o.erased_at IS NULL OR o.erased_at >= :after)",
            after=after,
        )
    request_ids = [str(row["id"]) for row in requests]
    request_ids += [str(row["erasure_request_id"]) for row in offboardings]
    request_rows = {
        table: await _rows(
            session,
            f"SELECT to_jsonb(t) FROM {table} AS t"  # noqa: S608 (a constant)
            " WHERE t.request_id = ANY(CAST(:ids AS uuid[]))",
            ids=request_ids,
        )
        for table in REQUEST_TABLES
    }
    return ErasureLedger(
        since=since,
        subjects=[
            ErasedSubject(
                tenant_id=UUID(str(row["tenant_id"])), subject_ref=str(row["subject_ref"])
            )
            for row in requests
        ],
        tenants=sorted({UUID(str(row["tenant_id"])) for row in offboardings}),
        requests=requests,
        request_rows=request_rows,
        offboardings=offboardings,
        audit_entries=await _rows(
            session,
            "SELECT to_jsonb(a) FROM audit_entry AS a WHERE a.at >= :after ORDER BY a.seq",
            after=after,
        ),
        backups=await _rows(session, "SELECT to_jsonb(b) FROM backup_record AS b"),
    )


async def table_exists(session: AsyncSession, table: str) -> bool:
    found = await session.execute(text("SELECT to_regclass(:table) IS NOT NULL"), {"table": table})
    return bool(found.scalar_one())


async def _rows(session: AsyncSession, query: str, **parameters: Any) -> list[Row]:
    result = await session.execute(text(query), parameters)
    return [dict(row) for row in result.scalars()]


def _union(first: list[Row], second: list[Row], *, key: str | None) -> list[Row]:
    """Rows of both, the second's winning where both have the same key (or the same row)."""
    kept: dict[str, Row] = {}
    for row in (*first, *second):
        kept[str(row[key]) if key else repr(sorted(row.items()))] = row
    return list(kept.values())
