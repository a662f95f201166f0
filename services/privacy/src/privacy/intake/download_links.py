"""The download link of a completed export or access report, for the public status page."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.exports.service import download_link_for
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.requests.states import RequestState
from privacy.settings import Settings

_WITH_DOWNLOAD = frozenset({RequestType.EXPORT, RequestType.ACCESS})


async def export_download_link(
    session: AsyncSession, *, settings: Settings, request: DataSubjectRequest, now: datetime
) -> str | None:
    """The signed link while the completed request's archive is there and unexpired."""
    if request.state != RequestState.COMPLETED or request.request_type not in _WITH_DOWNLOAD:
        return None
    return await download_link_for(session, request_id=request.id, settings=settings, now=now)
