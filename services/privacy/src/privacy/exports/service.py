from datetime import datetime
from uuid import UUID

from pydantic import JsonValue
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.vocabulary import DataService
from privacy.requests.models import DataSubjectRequest
from privacy.settings import Settings


async def store_export_part(
    session: AsyncSession,
    *,
    request_id: UUID,
    service: DataService,
    part: int,
    total_parts: int,
    categories: dict[str, JsonValue],
) -> bool:
    """Keeps one part of a service's export; True once that service's parts are all in."""
    raise NotImplementedError("exports: being built")


async def finish_export(
    session: AsyncSession, *, request: DataSubjectRequest, settings: Settings, now: datetime
) -> str:
    """Builds the request's ZIP (export) or report (access) from the stored parts, drops the
    parts, and returns the signed, expiring download link."""
    raise NotImplementedError("exports: being built")
