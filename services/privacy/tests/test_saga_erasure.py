"""The erasure saga over the real database: one job per data service, signed receipts verified
with the keys the services announced, verify after delete, timeouts, backoff and resuming
where it failed. Replies are built as the data services' chassis builds them."""

import secrets
import time
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from pydantic import JsonValue
from sqlalchemy import func, select

from chassis.database import Database
from chassis.privacy.receipts import ReceiptSigner
from contracts.envelope import Envelope
from contracts.events.privacy import SUBJECT_ERASURE_REQUESTED, SUBJECT_EXPORT_REQUESTED
from contracts.events.privacy_replies import KeysPublished, PrivacyReply, reply_type
from contracts.vocabulary import DataService
from privacy.audit.models import AuditEntry
from privacy.clock import system_clock
from privacy.holds.service import place_hold
from privacy.proofs.handlers import keys
from privacy.requests.models import RequestType
from privacy.saga.handlers import replies
from privacy.saga.retries import run_due_jobs
from privacy.saga.service import retry_failed
from privacy.settings import RequestOptions, Settings

from .conftest import FixedClock
from .test_saga_support import (
    EMPTY_EXPORTS,
    SIGNERS,
    announce_keys,
    approved_request,
    attempts,
    completed_notices,
    deliver,
    deliver_live,
    erased,
    exported,
    jobs,
    reload,
    sent,
    start,
)

SERVICES = tuple(DataService)


async def scheduler_pass(database: Database, settings: Settings, *, now: datetime) -> int:
    async with database.sessions() as session, session.begin():
        return await run_due_jobs(session, settings=settings, now=now)


async def audit_entries(database: Database) -> int:
    async with database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_the_replies_subscription_binds_every_saga_reply_of_every_data_service() -> None:
    for service in SERVICES:
        for reply in (
            PrivacyReply.SUBJECT_ERASED,
            PrivacyReply.SUBJECT_EXPORTED,
            PrivacyReply.SUBJECT_RECTIFIED,
            PrivacyReply.SUBJECT_RESTRICTION_APPLIED,
        ):
            assert replies.handles(reply_type(service, reply))
    assert not replies.handles(reply_type(DataService.ACCOUNTS, PrivacyReply.SUBJECT_DISCOVERED))


async def test_erasure_across_every_service_is_verified_empty_and_the_subject_told_p14_p15(
    database: Database, settings: Settings
) -> None:
    """P15: an erasure runs in every data service, each signed receipt is verified and
    chained, the re-export comes back empty everywhere, and only then is it verified. P14:
    what it kept (anonymous rows) and what no service can reach is said on the request.
    Driven through the subscription's own handler on the system clock; the time from
    approval to verified is measured (privacy's own share: no data service in the loop)."""
    await announce_keys(database)
    now = system_clock()
    request = await approved_request(database, settings, request_type=RequestType.ERASURE, now=now)
    began = time.perf_counter()
    await start(database, settings, request.id, now=now)

    [erasure] = await sent(database, SUBJECT_ERASURE_REQUESTED, request.id)
    assert (erasure.tenant_id, erasure.subject_ref) == (request.tenant_id, request.subject_ref)
    assert erasure.data.request_id == request.id
    listed = await jobs(database, request.id)
    assert set(listed) == {(service, "erase") for service in SERVICES}
    assert {job["status"] for job in listed.values()} == {"running"}
    assert (await reload(database, request.id)).state == "in_progress"

    for service in SERVICES:
        kept = {"choice_answer": 3} if service is DataService.ASSESSMENTS else None
        await deliver_live(
            database, erased(request, service, rows_deleted={"row": 2}, rows_anonymised=kept)
        )
    completed = await reload(database, request.id)
    assert completed.state == "completed"
    assert completed.exception_note is not None
    assert completed.exception_note.startswith(
        "Kept as anonymous rows, with no link to the person (statistics): "
        "assessments.choice_answer: 3."
    ), "P14: what the erasure did not remove is recorded with its reason"
    [verification] = await sent(database, SUBJECT_EXPORT_REQUESTED, request.id)
    assert verification.subject_ref == request.subject_ref
    for service in SERVICES:
        await deliver_live(database, exported(request, service, EMPTY_EXPORTS[service]))
    elapsed = time.perf_counter() - began

    verified = await reload(database, request.id)
    assert verified.state == "verified"
    print(f"\napproval to verified, handler level: {elapsed * 1000:.1f} ms")
    listed = await jobs(database, request.id)
    for service in SERVICES:
        erase, verify = listed[(service, "erase")], listed[(service, "verify")]
        assert erase["status"] == "done"
        assert erase["receipt"]["rows_deleted"] == 2
        assert erase["receipt"]["key_id"] == SIGNERS[service].key_id
        assert isinstance(erase["receipt"]["audit_seq"], int)
        assert verify["status"] == "done"
    assert await completed_notices(database, request.reference) == [
        {"reference": request.reference}
    ]


async def test_replies_are_idempotent_and_replies_for_unknown_requests_change_nothing(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    await announce_keys(database)
    request = await approved_request(
        database, settings, request_type=RequestType.ERASURE, now=clock()
    )
    await start(database, settings, request.id, now=clock())
    first = erased(request, DataService.ACCOUNTS)
    await deliver(database, first, settings=settings, now=clock())
    done = (await jobs(database, request.id))[("accounts", "erase")]
    entries = await audit_entries(database)

    await deliver(database, first, settings=settings, now=clock.advance(seconds=1))
    again = erased(request, DataService.ACCOUNTS, rows_deleted={"other": 9})
    await deliver(database, again, settings=settings, now=clock.advance(seconds=1))
    assert (await jobs(database, request.id))[("accounts", "erase")] == done
    assert await audit_entries(database) == entries

    stranger = await approved_request(
        database, settings, request_type=RequestType.ERASURE, now=clock()
    )  # never started: no jobs
    await deliver(database, erased(stranger, DataService.DELIVERY), settings=settings, now=clock())
    assert (await reload(database, stranger.id)).state == "approved"
    assert await jobs(database, stranger.id) == {}
    assert await audit_entries(database) == entries


async def test_a_silent_service_shows_its_retry_then_completes_without_resending_done_jobs(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    """The silent service's job shows failed with its next retry time; the request goes on
    when it answers, and no job already done is sent again."""
    await announce_keys(database)
    started = clock()
    request = await approved_request(
        database, settings, request_type=RequestType.ERASURE, now=started
    )
    await start(database, settings, request.id, now=started)
    for service in (DataService.ACCOUNTS, DataService.ASSESSMENTS, DataService.ANALYTICS):
        await deliver(
            database, erased(request, service), settings=settings, now=clock.advance(seconds=1)
        )

    timeout = settings.requests.job_reply_timeout_seconds
    late = clock.advance(seconds=timeout)
    await scheduler_pass(database, settings, now=late)
    delivery = (await jobs(database, request.id))[("delivery", "erase")]
    first_backoff = settings.requests.job_backoff_seconds[0]
    assert delivery["status"] == "failed"
    assert delivery["last_error"] == "no reply from delivery"
    assert delivery["next_attempt_at"] == (late + timedelta(seconds=first_backoff)).isoformat()
    assert (await reload(database, request.id)).state == "in_progress"

    await scheduler_pass(database, settings, now=clock.advance(seconds=1))
    assert (await jobs(database, request.id))[("delivery", "erase")]["status"] == "failed"
    await scheduler_pass(database, settings, now=clock.advance(seconds=first_backoff))
    listed = await jobs(database, request.id)
    assert listed[("delivery", "erase")]["status"] == "running"
    assert attempts(listed, "erase") == {
        "accounts": 1,
        "assessments": 1,
        "analytics": 1,
        "delivery": 2,
    }
    assert len(await sent(database, SUBJECT_ERASURE_REQUESTED, request.id)) == 2

    await deliver(
        database,
        erased(request, DataService.DELIVERY),
        settings=settings,
        now=clock.advance(seconds=2),
    )
    assert (await reload(database, request.id)).state == "completed"
    for service in SERVICES:
        await deliver(
            database,
            exported(request, service, EMPTY_EXPORTS[service]),
            settings=settings,
            now=clock.advance(seconds=1),
        )
    assert (await reload(database, request.id)).state == "verified"
    listed = await jobs(database, request.id)
    assert attempts(listed, "erase")["accounts"] == 1
    assert listed[("delivery", "erase")]["status"] == "done"
    assert len(await sent(database, SUBJECT_ERASURE_REQUESTED, request.id)) == 2
    assert len(await completed_notices(database, request.reference)) == 1


async def test_a_job_failing_every_backoff_fails_the_request_and_staff_resume_where_it_failed(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    """After the last backoff the request fails (retryable); a staff retry sends only the
    jobs not done, and the request then completes and verifies."""
    short = settings.model_copy(
        update={
            "requests": RequestOptions(job_reply_timeout_seconds=10, job_backoff_seconds=(1, 2))
        }
    )
    await announce_keys(database)
    request = await approved_request(database, short, request_type=RequestType.ERASURE, now=clock())
    await start(database, short, request.id, now=clock())
    for service in (DataService.ACCOUNTS, DataService.ASSESSMENTS, DataService.ANALYTICS):
        await deliver(database, erased(request, service), settings=short, now=clock())

    await scheduler_pass(database, short, now=clock.advance(seconds=10))  # fails, 1 s backoff
    await scheduler_pass(database, short, now=clock.advance(seconds=1))  # sent again
    await scheduler_pass(database, short, now=clock.advance(seconds=10))  # fails for good
    failed = await reload(database, request.id)
    assert failed.state == "failed"
    assert failed.failure_reason == "delivery erase: no reply from delivery"
    delivery = (await jobs(database, request.id))[("delivery", "erase")]
    assert (delivery["status"], delivery["attempts"]) == ("failed", 2)
    assert delivery["next_attempt_at"] is None
    await scheduler_pass(database, short, now=clock.advance(seconds=60))
    assert (await jobs(database, request.id))[("delivery", "erase")]["attempts"] == 2

    async with database.sessions() as session, session.begin():
        request_row = await session.get_one(type(request), request.id)
        await retry_failed(session, request=request_row, settings=short, now=clock())
    assert (await reload(database, request.id)).state == "in_progress"
    listed = await jobs(database, request.id)
    assert attempts(listed, "erase") == {
        "accounts": 1,
        "assessments": 1,
        "analytics": 1,
        "delivery": 1,
    }
    assert listed[("delivery", "erase")]["status"] == "running"
    assert len(await sent(database, SUBJECT_ERASURE_REQUESTED, request.id)) == 3

    await deliver(database, erased(request, DataService.DELIVERY), settings=short, now=clock())
    for service in SERVICES:
        await deliver(
            database,
            exported(request, service, EMPTY_EXPORTS[service]),
            settings=short,
            now=clock(),
        )
    assert (await reload(database, request.id)).state == "verified"


async def test_a_late_answer_resumes_a_failed_request_where_it_stopped(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    short = settings.model_copy(
        update={"requests": RequestOptions(job_reply_timeout_seconds=5, job_backoff_seconds=(1,))}
    )
    await announce_keys(database)
    request = await approved_request(database, short, request_type=RequestType.ERASURE, now=clock())
    await start(database, short, request.id, now=clock())
    for service in (DataService.ACCOUNTS, DataService.ASSESSMENTS, DataService.DELIVERY):
        await deliver(database, erased(request, service), settings=short, now=clock())
    await scheduler_pass(database, short, now=clock.advance(seconds=5))
    assert (await reload(database, request.id)).state == "failed"

    await deliver(
        database,
        erased(request, DataService.ANALYTICS),
        settings=short,
        now=clock.advance(seconds=30),
    )
    assert (await reload(database, request.id)).state == "completed"
    assert len(await sent(database, SUBJECT_EXPORT_REQUESTED, request.id)) == 1
    assert len(await sent(database, SUBJECT_ERASURE_REQUESTED, request.id)) == 1


async def test_verify_after_delete_flags_a_request_whose_re_export_is_not_empty(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    """Verify after delete (issue 8, point 9): a service whose re-export still holds the
    person fails its job naming the categories, and the request is flagged failed, not
    verified; the subject is not told it is done."""
    await announce_keys(database)
    request = await approved_request(
        database, settings, request_type=RequestType.ERASURE, now=clock()
    )
    await start(database, settings, request.id, now=clock())
    for service in SERVICES:
        await deliver(database, erased(request, service), settings=settings, now=clock())
    left: dict[str, JsonValue] = {
        **EMPTY_EXPORTS[DataService.ASSESSMENTS],
        "answers": [{"question": "Q1", "answer": "late"}],
    }
    await deliver(
        database,
        exported(request, DataService.ASSESSMENTS, left),
        settings=settings,
        now=clock.advance(seconds=1),
    )
    for service in (DataService.ACCOUNTS, DataService.DELIVERY, DataService.ANALYTICS):
        await deliver(
            database,
            exported(request, service, EMPTY_EXPORTS[service]),
            settings=settings,
            now=clock.advance(seconds=1),
        )

    flagged = await reload(database, request.id)
    assert flagged.state == "failed"
    assert flagged.failure_reason == "assessments verify: data left: answers"
    listed = await jobs(database, request.id)
    assert listed[("assessments", "verify")]["status"] == "failed"
    assert listed[("assessments", "verify")]["last_error"] == "data left: answers"
    assert listed[("assessments", "verify")]["next_attempt_at"] is None
    assert listed[("accounts", "verify")]["status"] == "done"
    assert await completed_notices(database, request.reference) == []
    await scheduler_pass(database, settings, now=clock.advance(seconds=600))
    assert (await jobs(database, request.id))[("assessments", "verify")]["attempts"] == 1


async def test_a_multi_part_re_export_is_empty_only_once_every_part_is_in(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    await announce_keys(database)
    request = await approved_request(
        database, settings, request_type=RequestType.ERASURE, now=clock()
    )
    await start(database, settings, request.id, now=clock())
    for service in SERVICES:
        await deliver(database, erased(request, service), settings=settings, now=clock())
    for service in (DataService.ACCOUNTS, DataService.DELIVERY, DataService.ANALYTICS):
        await deliver(
            database,
            exported(request, service, EMPTY_EXPORTS[service]),
            settings=settings,
            now=clock(),
        )
    await deliver(
        database,
        exported(request, DataService.ASSESSMENTS, {"answers": []}, part=1, total_parts=2),
        settings=settings,
        now=clock(),
    )
    assert (await reload(database, request.id)).state == "completed"
    await deliver(
        database,
        exported(request, DataService.ASSESSMENTS, {"dispatches": []}, part=2, total_parts=2),
        settings=settings,
        now=clock(),
    )
    assert (await reload(database, request.id)).state == "verified"


async def test_a_receipt_that_does_not_verify_fails_the_job_and_is_never_done(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    """A receipt signed with a key its service never announced, or altered after signing,
    is rejected: the job fails with the reason and its retry time. Once the key is known,
    the kept receipt is accepted at the retry without asking the service to erase again."""
    await announce_keys(database)
    request = await approved_request(
        database, settings, request_type=RequestType.ERASURE, now=clock()
    )
    await start(database, settings, request.id, now=clock())
    unannounced = ReceiptSigner(secrets.token_bytes(32))
    await deliver(
        database,
        erased(request, DataService.DELIVERY, signer=unannounced),
        settings=settings,
        now=clock(),
    )
    forged = erased(request, DataService.ACCOUNTS)
    altered = forged.data.receipt.model_copy(update={"rows_deleted": {"user_account": 0}})
    forged = forged.model_copy(update={"data": forged.data.model_copy(update={"receipt": altered})})
    await deliver(database, forged, settings=settings, now=clock())

    listed = await jobs(database, request.id)
    delivery, accounts = listed[("delivery", "erase")], listed[("accounts", "erase")]
    assert delivery["status"] == accounts["status"] == "failed"
    assert "has published no key" in delivery["last_error"]
    assert "does not verify" in accounts["last_error"]
    assert delivery["next_attempt_at"] is not None
    assert delivery["receipt"] is None
    assert (await reload(database, request.id)).state == "in_progress"

    announcement = Envelope.wrap(
        KeysPublished(
            service=DataService.DELIVERY,
            key_id=unannounced.key_id,
            algorithm="Ed25519",
            public_key=unannounced.public_key_b64,
            valid_from=datetime(2026, 1, 1, tzinfo=UTC),
        )
    )
    async with database.sessions() as session, session.begin():
        await keys.handlers[announcement.type](session, announcement)
    backoff = settings.requests.job_backoff_seconds[0]
    await scheduler_pass(database, settings, now=clock.advance(seconds=backoff))
    listed = await jobs(database, request.id)
    assert listed[("delivery", "erase")]["status"] == "done"
    assert listed[("delivery", "erase")]["receipt"]["key_id"] == unannounced.key_id
    assert attempts(listed, "erase")["delivery"] == 1
    assert listed[("accounts", "erase")]["status"] == "running"
    assert attempts(listed, "erase")["accounts"] == 2


async def test_the_scheduler_starts_an_erasure_once_its_cooling_off_has_passed(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    request = await approved_request(
        database,
        settings,
        request_type=RequestType.ERASURE,
        now=clock(),
        starts_after=clock() + timedelta(minutes=10),
    )
    await start(database, settings, request.id, now=clock())
    assert (await reload(database, request.id)).state == "approved"
    assert await jobs(database, request.id) == {}

    await scheduler_pass(database, settings, now=clock.advance(minutes=5))
    assert (await reload(database, request.id)).state == "approved"
    await scheduler_pass(database, settings, now=clock.advance(minutes=5))
    assert (await reload(database, request.id)).state == "in_progress"
    assert len(await sent(database, SUBJECT_ERASURE_REQUESTED, request.id)) == 1


async def test_a_hold_placed_during_the_cooling_off_refuses_the_erasure_when_it_ends_p14(
    database: Database, settings: Settings, clock: FixedClock
) -> None:
    request = await approved_request(
        database,
        settings,
        request_type=RequestType.ERASURE,
        now=clock(),
        starts_after=clock() + timedelta(minutes=10),
    )
    assert request.tenant_id is not None
    async with database.sessions() as session, session.begin():
        await place_hold(
            session,
            tenant_id=request.tenant_id,
            subject_ref=None,
            reason="Tax audit 2026",
            owner="Legal team",
            officer_id=uuid4(),
            now=clock(),
        )

    await scheduler_pass(database, settings, now=clock.advance(minutes=11))

    refused = await reload(database, request.id)
    assert refused.state == "denied"
    assert refused.exception_note is not None
    assert "Tax audit 2026" in refused.exception_note
    assert await sent(database, SUBJECT_ERASURE_REQUESTED, request.id) == []
