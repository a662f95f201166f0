"""A finished export and the path its download link points at (P15)."""

from urllib.parse import parse_qs, urlsplit

from chassis.database import Database
from contracts.vocabulary import DataService
from privacy.exports.service import finish_export, store_export_part
from privacy.proofs.testing import add_request
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.settings import Settings

from .conftest import FixedClock


async def exported(
    database: Database, settings: Settings, clock: FixedClock
) -> tuple[DataSubjectRequest, str]:
    """An export request whose every service sent its one part, finished: it and its link."""
    async with database.sessions() as session, session.begin():
        request = await add_request(session, now=clock.now, request_type=RequestType.EXPORT)
        for service in DataService:
            await store_export_part(
                session,
                request_id=request.id,
                service=service,
                part=1,
                total_parts=1,
                categories={"things": [{"n": 1}]},
            )
        link = await finish_export(session, request=request, settings=settings, now=clock.now)
    return request, link


def download_path(link: str, **changes: str) -> str:
    """The link's path and query as the privacy app sees them, with ``changes`` to the query."""
    parts = urlsplit(link)
    query = {name: values[0] for name, values in parse_qs(parts.query).items()} | changes
    path = parts.path.removeprefix("/api/privacy")
    return path + "?" + "&".join(f"{name}={value}" for name, value in query.items())
