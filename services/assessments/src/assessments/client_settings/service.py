from dataclasses import dataclass
from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from assessments.client_settings.models import DEFAULT_LANGUAGE, DEFAULT_TIME_ZONE, ClientSettings


@dataclass(frozen=True)
class ClientPreferences:
    time_zone: ZoneInfo
    language: str


def zone_named(name: str | None) -> ZoneInfo:
    """The zone of that name; the default when there is none or it is unknown here."""
    if name is None:
        return ZoneInfo(DEFAULT_TIME_ZONE)
    return _zone(name)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


async def preferences_of(session: AsyncSession, *, tenant_id: UUID) -> ClientPreferences:
    """The client's time zone and language (Europe/Tallinn and Estonian until told otherwise)."""
    row = await session.get(ClientSettings, tenant_id)
    if row is None:
        return ClientPreferences(ZoneInfo(DEFAULT_TIME_ZONE), DEFAULT_LANGUAGE)
    return ClientPreferences(_zone(row.time_zone), row.language)


async def preferences_of_many(
    session: AsyncSession, *, tenant_ids: set[UUID]
) -> dict[UUID, ClientPreferences]:
    rows = await session.scalars(
        select(ClientSettings).where(ClientSettings.tenant_id.in_(tenant_ids))
    )
    found = {row.tenant_id: ClientPreferences(_zone(row.time_zone), row.language) for row in rows}
    default = ClientPreferences(ZoneInfo(DEFAULT_TIME_ZONE), DEFAULT_LANGUAGE)
    return {tenant_id: found.get(tenant_id, default) for tenant_id in tenant_ids}


async def remember(
    session: AsyncSession, *, tenant_id: UUID, time_zone: str, language: str, as_of: datetime
) -> None:
    """Keeps the newest settings: an older announcement arriving late changes nothing."""
    statement = insert(ClientSettings).values(
        tenant_id=tenant_id, time_zone=time_zone, language=language, updated_at=as_of
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[ClientSettings.tenant_id],
            set_={"time_zone": time_zone, "language": language, "updated_at": as_of},
            where=ClientSettings.updated_at <= as_of,
        )
    )


async def forget(session: AsyncSession, *, tenant_id: UUID) -> int:
    row = await session.get(ClientSettings, tenant_id)
    if row is None:
        return 0
    await session.delete(row)
    return 1
