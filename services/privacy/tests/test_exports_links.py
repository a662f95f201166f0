"""The download link: HMAC-signed, expiring after the export window, the archive purged then
(P15: the copy is handed over; minimal data: it does not linger). Times come from the
injected clock."""

import base64
import secrets
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import httpx
import pytest
from sqlalchemy import func, select, update

from chassis.database import Database
from contracts.vocabulary import DataService
from privacy.audit.models import AuditEntry
from privacy.exports.links import DownloadLinkKeyMissing
from privacy.exports.models import ExportArchive, ExportPart
from privacy.exports.purge import purge_expired_exports
from privacy.exports.service import download_link_for, store_export_part
from privacy.main import create_app
from privacy.proofs.testing import add_request
from privacy.requests.models import RequestType
from privacy.settings import Settings

from .conftest import FixedClock
from .exports_support import download_path, exported


async def test_the_link_is_signed_and_expires_after_the_export_window_p15(
    database: Database, settings: Settings, clock: FixedClock, client: httpx.AsyncClient
) -> None:
    request, link = await exported(database, settings, clock)
    expires = int((clock.now + timedelta(days=settings.requests.export_link_days)).timestamp())
    base = settings.public_base_url.rstrip("/")
    assert link.startswith(f"{base}/api/privacy/exports/{request.id}?expires={expires}&signature=")
    signature = parse_qs(urlsplit(link).query)["signature"][0]
    assert len(signature) == 64
    assert int(signature, 16) >= 0

    assert (await client.get(download_path(link))).status_code == 200
    forged = ("0" if signature[0] != "0" else "1") + signature[1:]
    assert (await client.get(download_path(link, signature=forged))).status_code == 403
    longer = await client.get(download_path(link, expires=str(expires + 86400)))
    assert longer.status_code == 403
    other = (await exported(database, settings, clock))[0]
    assert (
        await client.get(download_path(link).replace(str(request.id), str(other.id)))
    ).status_code == 403
    assert (await client.get(f"/exports/{request.id}")).status_code == 422

    clock.advance(days=settings.requests.export_link_days, seconds=-1)
    assert (await client.get(download_path(link))).status_code == 200
    clock.advance(seconds=1)
    gone = await client.get(download_path(link))
    assert gone.status_code == 410
    assert "expired" in gone.json()["detail"]


async def test_expired_archives_are_purged_and_audited_and_their_link_is_gone_p15(
    database: Database, settings: Settings, clock: FixedClock, client: httpx.AsyncClient
) -> None:
    request, link = await exported(database, settings, clock)
    async with database.sessions() as session:
        assert (
            await download_link_for(
                session, request_id=request.id, settings=settings, now=clock.now
            )
            == link
        )
    started = clock.now
    expiry = started + timedelta(days=settings.requests.export_link_days)

    async with database.sessions() as session, session.begin():
        await purge_expired_exports(session, now=expiry - timedelta(seconds=1), settings=settings)
    async with database.sessions() as session:
        kept = await session.get(ExportArchive, request.id)
        assert kept is not None
        assert kept.content is not None

    async with database.sessions() as session, session.begin():
        purged = await purge_expired_exports(session, now=expiry, settings=settings)
    assert purged >= 1
    async with database.sessions() as session:
        archive = await session.get(ExportArchive, request.id)
        audited = await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.request_id == request.id, AuditEntry.action == "export.purged")
        )
        assert (
            await download_link_for(session, request_id=request.id, settings=settings, now=started)
            is None
        )
    assert archive is not None
    assert archive.content is None
    assert archive.purged_at == expiry
    assert audited == 1
    # the clock still before expiry
    assert (await client.get(download_path(link))).status_code == 410

    async with database.sessions() as session, session.begin():
        await purge_expired_exports(session, now=expiry + timedelta(days=1), settings=settings)
    async with database.sessions() as session:
        audited_again = await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.request_id == request.id, AuditEntry.action == "export.purged")
        )
    assert audited_again == 1


async def _stray_part(database: Database, clock: FixedClock) -> UUID:
    async with database.sessions() as session, session.begin():
        request = await add_request(session, now=clock.now, request_type=RequestType.EXPORT)
        await store_export_part(
            session,
            request_id=request.id,
            service=DataService.DELIVERY,
            part=1,
            total_parts=2,
            categories={"delivery_log": []},
        )
        await session.execute(
            update(ExportPart)
            .where(ExportPart.request_id == request.id)
            .values(received_at=clock.now)
        )
        return request.id


async def test_parts_of_an_export_never_finished_are_purged_after_the_export_window(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    stray = await _stray_part(database, clock)
    window = timedelta(days=settings.requests.export_link_days)

    async def parts_left() -> int:
        async with database.sessions() as session:
            count = await session.scalar(
                select(func.count()).select_from(ExportPart).where(ExportPart.request_id == stray)
            )
            return int(count or 0)

    async with database.sessions() as session, session.begin():
        await purge_expired_exports(session, now=clock.now + window, settings=settings)
    assert await parts_left() == 1
    async with database.sessions() as session, session.begin():
        await purge_expired_exports(
            session, now=clock.now + window + timedelta(seconds=1), settings=settings
        )
    assert await parts_left() == 0


async def test_without_the_link_key_the_export_says_which_variable_is_missing(
    database: Database, clock: FixedClock
) -> None:
    unset = Settings(download_link_key=None)
    with pytest.raises(DownloadLinkKeyMissing, match="PRIVACY_DOWNLOAD_LINK_KEY is not set"):
        await exported(database, unset, clock)
    short = Settings(download_link_key=base64.b64encode(secrets.token_bytes(16)).decode())
    with pytest.raises(DownloadLinkKeyMissing, match="must decode to 32 bytes"):
        await exported(database, short, clock)

    app = create_app(unset)
    app.state.clock = clock
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://privacy") as client:
            response = await client.get(
                f"/exports/{UUID(int=1)}", params={"expires": 1, "signature": "00"}
            )
    assert response.status_code == 503
