"""What the saga tests share (no tests here): requests ready to start, replies built as the
data services' chassis builds them (receipts signed with real keys announced to privacy),
and readers of the outbox and of the jobs."""

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from pydantic import JsonValue

from chassis.database import Database
from chassis.messaging.inbox import record_new
from chassis.privacy.keys import subject_ref_key
from chassis.privacy.receipts import ReceiptSigner
from chassis.privacy.subject_ref import subject_ref
from chassis.testing.outbox import outbox
from contracts.base import EventData
from contracts.envelope import Envelope
from contracts.events.privacy import NOTIFICATION_REQUESTED
from contracts.events.privacy_replies import (
    KeysPublished,
    RestrictionApplied,
    SubjectErased,
    SubjectExported,
    SubjectRectified,
)
from contracts.events.receipt import ErasureMethod, ReceiptContent, ReceiptScope
from contracts.vocabulary import DataService
from privacy.proofs.handlers import keys
from privacy.requests.models import DataSubjectRequest, IntakeChannel, RequestType, SubjectKind
from privacy.saga.handlers import replies
from privacy.saga.replies import apply_reply
from privacy.saga.service import jobs_for, start_saga
from privacy.settings import Settings

SIGNERS = {service: ReceiptSigner(secrets.token_bytes(32)) for service in DataService}
"""Each data service's receipt key in this run."""

EMPTY_EXPORTS: dict[DataService, dict[str, JsonValue]] = {
    DataService.ACCOUNTS: {"account": [], "sessions": [], "pending_email_changes": []},
    DataService.ASSESSMENTS: {"participants": [], "dispatches": [], "answers": []},
    DataService.DELIVERY: {
        "delivery_log": [],
        "slack_member_directory": [],
        "unsubscribed": True,
        "restricted": False,
    },
    DataService.ANALYTICS: {
        "statistics": None,
        "answers": [],
        "dispatches": [],
        "restricted": False,
    },
}
"""What each service's export of an erased person looks like (an unsubscribe stays)."""


async def announce_keys(database: Database) -> None:
    """Every service's ``keys.published``, handled by privacy's ``keys`` subscription."""
    for service, signer in SIGNERS.items():
        announcement = KeysPublished(
            service=service,
            key_id=signer.key_id,
            algorithm="Ed25519",
            public_key=signer.public_key_b64,
            valid_from=datetime(2026, 1, 1, tzinfo=UTC),
        )
        envelope = Envelope.wrap(announcement)
        async with database.sessions() as session, session.begin():
            await keys.handlers[envelope.type](session, envelope)


async def approved_request(
    database: Database,
    settings: Settings,
    *,
    request_type: RequestType,
    now: datetime,
    restrict: bool | None = None,
    corrected_email: str | None = None,
    corrected_name: str | None = None,
    starts_after: datetime | None = None,
) -> DataSubjectRequest:
    """An approved request about a new participant of a new client."""
    tenant_id = uuid4()
    email = f"subject-{secrets.token_hex(5)}@example.ee"
    request = DataSubjectRequest(
        reference=f"DSR-{secrets.token_hex(4).upper()}",
        request_type=request_type,
        subject_kind=SubjectKind.PARTICIPANT,
        tenant_id=tenant_id,
        subject_ref=subject_ref(subject_ref_key(settings), tenant_id=tenant_id, email=email),
        email=email,
        language="en",
        channel=IntakeChannel.CLIENT_ADMIN,
        restrict=restrict,
        corrected_email=corrected_email,
        corrected_name=corrected_name,
        state="approved",
        received_at=now - timedelta(days=2),
        due_at=now + timedelta(days=28),
        extended_by_months=0,
        decided_at=now,
        starts_after=starts_after if starts_after is not None else now,
    )
    async with database.sessions() as session, session.begin():
        session.add(request)
    return request


async def start(database: Database, settings: Settings, request_id: UUID, *, now: datetime) -> None:
    async with database.sessions() as session, session.begin():
        request = await session.get_one(DataSubjectRequest, request_id)
        await start_saga(session, request=request, settings=settings, now=now)


async def deliver(
    database: Database, envelope: Envelope[Any], *, settings: Settings, now: datetime
) -> None:
    """A reply as the worker handles it (inbox first), at the test's moment."""
    async with database.sessions() as session, session.begin():
        new = await record_new(session, consumer=replies.queue, envelopes=[envelope])
        if envelope.id in new:
            await apply_reply(session, reply=envelope.data, settings=settings, now=now)


async def deliver_live(database: Database, envelope: Envelope[Any]) -> None:
    """A reply through the subscription's own handler (the worker's settings and clock)."""
    async with database.sessions() as session, session.begin():
        await record_new(session, consumer=replies.queue, envelopes=[envelope])
        await replies.handlers[envelope.type](session, envelope)


def _reply(request: DataSubjectRequest, data: EventData) -> Envelope[Any]:
    return Envelope.wrap(data, tenant_id=request.tenant_id, subject_ref=request.subject_ref)


def erased(
    request: DataSubjectRequest,
    service: DataService,
    *,
    signer: ReceiptSigner | None = None,
    rows_deleted: dict[str, int] | None = None,
    rows_anonymised: dict[str, int] | None = None,
) -> Envelope[Any]:
    signer = signer or SIGNERS[service]
    content = ReceiptContent(
        request_id=request.id,
        service=service,
        scope=ReceiptScope.SUBJECT_ERASURE,
        tenant_id=request.tenant_id,
        subject_ref=request.subject_ref,
        method=ErasureMethod.DELETE,
        rows_deleted=rows_deleted if rows_deleted is not None else {f"{service}_row": 3},
        rows_anonymised=rows_anonymised or {},
        completed_at=datetime.now(UTC),
        key_id=signer.key_id,
    )
    return _reply(
        request, SubjectErased(service=service, request_id=request.id, receipt=signer.sign(content))
    )


def exported(
    request: DataSubjectRequest,
    service: DataService,
    categories: dict[str, JsonValue],
    *,
    part: int = 1,
    total_parts: int = 1,
) -> Envelope[Any]:
    data = SubjectExported(
        service=service,
        request_id=request.id,
        part=part,
        total_parts=total_parts,
        categories=categories,
    )
    return _reply(request, data)


def rectified(request: DataSubjectRequest, service: DataService) -> Envelope[Any]:
    data = SubjectRectified(service=service, request_id=request.id, rows_updated={"row": 1})
    return _reply(request, data)


def restriction_applied(
    request: DataSubjectRequest, service: DataService, *, restricted: bool
) -> Envelope[Any]:
    data = RestrictionApplied(service=service, request_id=request.id, restricted=restricted)
    return _reply(request, data)


async def sent(database: Database, event_type: str, request_id: UUID) -> list[Envelope[Any]]:
    """The events of one type the saga sent for one request."""
    return [
        envelope
        for envelope in await outbox(database, event_type)
        if envelope.data.request_id == request_id
    ]


def attempts(listed: dict[tuple[str, str], dict[str, Any]], step: str) -> dict[str, int]:
    """How many times each service's job of one step was sent."""
    return {service: int(job["attempts"]) for (service, s), job in listed.items() if s == step}


async def jobs(database: Database, request_id: UUID) -> dict[tuple[str, str], dict[str, Any]]:
    async with database.sessions() as session:
        listed = await jobs_for(session, request_id=request_id)
    return {(str(job["service"]), str(job["step"])): job for job in listed}


async def reload(database: Database, request_id: UUID) -> DataSubjectRequest:
    async with database.sessions() as session:
        return await session.get_one(DataSubjectRequest, request_id)


async def completed_notices(database: Database, reference: str) -> list[dict[str, str]]:
    return [
        envelope.data.parameters
        for envelope in await outbox(database, NOTIFICATION_REQUESTED)
        if envelope.data.template == "privacy_request_completed"
        and envelope.data.parameters.get("reference") == reference
    ]
