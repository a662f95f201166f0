"""Analytics' answers to the privacy contract. It holds no emails, so it discovers nothing;
a corrected email reaches it as a re-keying."""

from typing import Any
from uuid import UUID

from pydantic import JsonValue
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.privacy import census
from analytics.subjects import service as subjects
from analytics.tables import TENANT_TABLES
from chassis.privacy.participant import Categories, Erasure, PrivacyParticipant, RowCounts
from contracts.events.privacy import RetentionCategory, RetentionDue


class AnalyticsPrivacy(PrivacyParticipant):
    async def count_people(
        self, session: AsyncSession, *, tenant_ids: list[UUID] | None
    ) -> dict[UUID, dict[str, int]]:
        return await census.count_people(session, tenant_ids=tenant_ids)

    async def export_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Categories:
        return await subjects.export_subject(session, tenant_id=tenant_id, subject_ref=subject_ref)

    async def erase_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Erasure:
        return await subjects.forget_subject(session, tenant_id=tenant_id, subject_ref=subject_ref)

    async def restrict_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
    ) -> None:
        await subjects.set_restricted(
            session, tenant_id=tenant_id, subject_ref=subject_ref, restricted=restricted
        )

    async def rekey_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
    ) -> RowCounts:
        await subjects.hold(
            session,
            [
                subjects.subject_lock(tenant_id, subject_ref),
                subjects.subject_lock(tenant_id, new_subject_ref),
            ],
            exclusive=True,
        )
        return await subjects.rekey_subject(
            session, tenant_id=tenant_id, subject_ref=subject_ref, new_subject_ref=new_subject_ref
        )

    async def export_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Categories:
        categories: dict[str, JsonValue] = {}
        for table in TENANT_TABLES:
            rows = await session.execute(select(table).where(table.c.tenant_id == tenant_id))
            categories[table.name] = [_json_row(row) for row in rows.mappings()]
        return categories

    async def erase_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Erasure:
        deleted: dict[str, int] = {}
        for table in TENANT_TABLES:
            result = await session.execute(delete(table).where(table.c.tenant_id == tenant_id))
            count = int(result.rowcount)  # type: ignore[attr-defined]
            if count:
                deleted[table.name] = count
        return Erasure(rows_deleted=deleted)

    async def apply_retention(self, session: AsyncSession, *, due: RetentionDue) -> Erasure:
        """Per-person statistics older than the cutoff lose their person; totals stay."""
        if due.category is not RetentionCategory.PER_PERSON_STATISTICS:
            return Erasure()
        return await subjects.anonymise_older_than(session, due=due)


def _json_row(row: Any) -> dict[str, JsonValue]:
    return {key: _json_value(value) for key, value in row.items()}


def _json_value(value: Any) -> JsonValue:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    return str(value)
