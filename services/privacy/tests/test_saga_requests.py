"""Export, access, restriction and rectification sagas over the real database, replies built
as the data services' chassis builds them."""

import zipfile
from io import BytesIO

import pytest
from pydantic import JsonValue
from sqlalchemy import select

from chassis.database import Database
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.subject_ref import subject_ref
from contracts.events.privacy import (
    SUBJECT_EXPORT_REQUESTED,
    SUBJECT_RECTIFICATION_REQUESTED,
    SUBJECT_REKEY_REQUESTED,
    SUBJECT_RESTRICTION_CHANGED,
)
from contracts.vocabulary import DataService
from privacy.exports.models import ExportArchive
from privacy.requests.models import DataSubjectRequest, RequestType
from privacy.saga.retries import run_due_jobs
from privacy.saga.service import retry_failed
from privacy.settings import RequestOptions, Settings

from .conftest import FixedClock
from .test_saga_support import (
    approved_request,
    completed_notices,
    deliver,
    exported,
    jobs,
    rectified,
    reload,
    restriction_applied,
    sent,
    start,
)

SERVICES = tuple(DataService)
RECTIFYING = (DataService.ACCOUNTS, DataService.ASSESSMENTS, DataService.DELIVERY)


async def test_an_export_collects_every_service_then_completes_with_its_link_q5_p15(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    """Q5, P15: an export asks every data service, keeps each one's parts (one service's in
    two), and once all are in builds the archive and tells the subject its download link."""
    request = await approved_request(
        database, settings, request_type=RequestType.EXPORT, now=clock()
    )
    await start(database, settings, request.id, now=clock())
    [asked] = await sent(database, SUBJECT_EXPORT_REQUESTED, request.id)
    assert (asked.tenant_id, asked.subject_ref) == (request.tenant_id, request.subject_ref)
    assert set(await jobs(database, request.id)) == {(service, "export") for service in SERVICES}

    await deliver(
        database,
        exported(request, DataService.ASSESSMENTS, {"answers": [{"n": 1}]}, total_parts=2),
        settings=settings,
        now=clock(),
    )
    assert (await jobs(database, request.id))[("assessments", "export")]["status"] == "running"
    for service in (DataService.ACCOUNTS, DataService.DELIVERY, DataService.ANALYTICS):
        categories: dict[str, JsonValue] = {"held": [{"service": str(service)}]}
        await deliver(
            database, exported(request, service, categories), settings=settings, now=clock()
        )
    assert (await reload(database, request.id)).state == "in_progress"
    last = exported(
        request, DataService.ASSESSMENTS, {"answers": [{"n": 2}]}, part=2, total_parts=2
    )
    await deliver(database, last, settings=settings, now=clock.advance(seconds=1))

    assert (await reload(database, request.id)).state == "completed"
    assert {job["status"] for job in (await jobs(database, request.id)).values()} == {"done"}
    [notice] = await completed_notices(database, request.reference)
    assert notice["link"].startswith(settings.public_base_url)
    assert str(request.id) in notice["link"]
    async with database.sessions() as session:
        archive = await session.scalar(
            select(ExportArchive).where(ExportArchive.request_id == request.id)
        )
    assert archive is not None
    assert archive.content is not None
    names = zipfile.ZipFile(BytesIO(archive.content)).namelist()
    assert any("assessments" in name for name in names)

    await deliver(database, last, settings=settings, now=clock.advance(seconds=1))
    again = exported(request, DataService.ACCOUNTS, {"held": []})
    await deliver(database, again, settings=settings, now=clock.advance(seconds=1))
    assert len(await completed_notices(database, request.reference)) == 1


async def test_an_access_request_is_an_export_answered_with_a_report_p15(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    request = await approved_request(
        database, settings, request_type=RequestType.ACCESS, now=clock()
    )
    await start(database, settings, request.id, now=clock())
    assert set(await jobs(database, request.id)) == {(service, "export") for service in SERVICES}
    for service in SERVICES:
        await deliver(
            database, exported(request, service, {"held": []}), settings=settings, now=clock()
        )
    assert (await reload(database, request.id)).state == "completed"
    [notice] = await completed_notices(database, request.reference)
    assert "link" in notice


@pytest.mark.parametrize("restrict", [True, False])
async def test_restriction_is_sent_to_every_service_and_completes_q4(
    database: Database, settings: Settings, clock: FixedClock, restrict: bool
) -> None:
    """Q4: restricting (or lifting it) asks every data service to stop (or resume)
    processing the person; once all have applied it, the request completes."""
    request = await approved_request(
        database, settings, request_type=RequestType.RESTRICTION, now=clock(), restrict=restrict
    )
    await start(database, settings, request.id, now=clock())
    [changed] = await sent(database, SUBJECT_RESTRICTION_CHANGED, request.id)
    assert changed.data.restricted is restrict
    assert changed.subject_ref == request.subject_ref
    assert set(await jobs(database, request.id)) == {(service, "restrict") for service in SERVICES}
    for service in SERVICES:
        await deliver(
            database,
            restriction_applied(request, service, restricted=restrict),
            settings=settings,
            now=clock(),
        )
    assert (await reload(database, request.id)).state == "completed"
    assert await completed_notices(database, request.reference) == [
        {"reference": request.reference}
    ]


async def test_a_corrected_email_rectifies_where_it_is_held_then_rekeys_analytics_p15(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    """P15: a corrected email goes to the services that hold emails with the person's new
    ``subject_ref``; analytics, which holds only ``subject_ref``, is asked to re-key once they
    have answered (assessments re-keys too, and must correct its rows under the old
    ``subject_ref`` first)."""
    request = await approved_request(
        database,
        settings,
        request_type=RequestType.RECTIFICATION,
        now=clock(),
        corrected_email="Corrected.Person@Example.ee",
        corrected_name="Corrected Person",
    )
    await start(database, settings, request.id, now=clock())
    assert request.tenant_id is not None
    new_reference = subject_ref(
        subject_ref_key(settings), tenant_id=request.tenant_id, email="corrected.person@example.ee"
    )
    [rectification] = await sent(database, SUBJECT_RECTIFICATION_REQUESTED, request.id)
    assert rectification.subject_ref == request.subject_ref
    assert rectification.data.new_subject_ref == new_reference
    assert rectification.data.corrected_email == "Corrected.Person@Example.ee"
    assert rectification.data.corrected_name == "Corrected Person"
    assert await sent(database, SUBJECT_REKEY_REQUESTED, request.id) == []
    listed = await jobs(database, request.id)
    assert {key: job["status"] for key, job in listed.items()} == {
        **{(str(service), "rectify"): "running" for service in RECTIFYING},
        ("analytics", "rekey"): "queued",
    }

    for service in RECTIFYING:
        await deliver(database, rectified(request, service), settings=settings, now=clock())
    [rekey] = await sent(database, SUBJECT_REKEY_REQUESTED, request.id)
    assert rekey.data.new_subject_ref == new_reference
    assert rekey.subject_ref == request.subject_ref
    assert (await jobs(database, request.id))[("analytics", "rekey")]["status"] == "running"
    await deliver(
        database, rectified(request, DataService.ASSESSMENTS), settings=settings, now=clock()
    )  # assessments answers the re-key too: its job is already done
    assert (await reload(database, request.id)).state == "in_progress"

    await deliver(
        database, rectified(request, DataService.ANALYTICS), settings=settings, now=clock()
    )
    assert (await reload(database, request.id)).state == "completed"
    assert len(await completed_notices(database, request.reference)) == 1


async def test_a_corrected_name_alone_skips_analytics_with_its_reason_p15(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    request = await approved_request(
        database,
        settings,
        request_type=RequestType.RECTIFICATION,
        now=clock(),
        corrected_name="Only The Name",
    )
    await start(database, settings, request.id, now=clock())
    [rectification] = await sent(database, SUBJECT_RECTIFICATION_REQUESTED, request.id)
    assert rectification.data.corrected_email is None
    assert rectification.data.new_subject_ref is None
    assert rectification.data.corrected_name == "Only The Name"
    assert await sent(database, SUBJECT_REKEY_REQUESTED, request.id) == []
    analytics = (await jobs(database, request.id))[("analytics", "rekey")]
    assert analytics["status"] == "skipped"
    assert analytics["skip_reason"] == "only the name changes; this service holds no names"

    for service in RECTIFYING:
        await deliver(database, rectified(request, service), settings=settings, now=clock())
    assert (await reload(database, request.id)).state == "completed"
    assert len(await completed_notices(database, request.reference)) == 1


async def test_a_retried_rectification_still_sends_the_rekey_only_after_it_p15(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    short = settings.model_copy(
        update={"requests": RequestOptions(job_reply_timeout_seconds=5, job_backoff_seconds=(1,))}
    )
    request = await approved_request(
        database,
        short,
        request_type=RequestType.RECTIFICATION,
        now=clock(),
        corrected_email="another.address@example.ee",
    )
    await start(database, short, request.id, now=clock())
    for service in (DataService.ACCOUNTS, DataService.ASSESSMENTS):
        await deliver(database, rectified(request, service), settings=short, now=clock())
    async with database.sessions() as session, session.begin():
        await run_due_jobs(session, settings=short, now=clock.advance(seconds=5))
    assert (await reload(database, request.id)).state == "failed"
    assert (await jobs(database, request.id))[("analytics", "rekey")]["status"] == "queued"

    async with database.sessions() as session, session.begin():
        row = await session.get_one(DataSubjectRequest, request.id)
        await retry_failed(session, request=row, settings=short, now=clock())
    assert len(await sent(database, SUBJECT_RECTIFICATION_REQUESTED, request.id)) == 2
    assert await sent(database, SUBJECT_REKEY_REQUESTED, request.id) == []
    await deliver(database, rectified(request, DataService.DELIVERY), settings=short, now=clock())
    assert len(await sent(database, SUBJECT_REKEY_REQUESTED, request.id)) == 1
    await deliver(database, rectified(request, DataService.ANALYTICS), settings=short, now=clock())
    assert (await reload(database, request.id)).state == "completed"
