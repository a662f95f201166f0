"""The chassis wires a participant to privacy's requests: a test service over a real database.

Handlers are called as the consumer calls them: inbox row first, then the handler, in one
transaction. Replies are read back from the outbox.
"""

import secrets
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar
from uuid import UUID, uuid4

import pytest
from pydantic import JsonValue, SecretStr
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Identity,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.messaging.inbox import record_new
from chassis.messaging.outbox import publish
from chassis.messaging.tables import (
    erased_subject,
    inbox_message,
    messaging_metadata,
    outbox_message,
)
from chassis.migrations import create_database_if_missing, drop_database
from chassis.privacy.keys import generate_development_keys
from chassis.privacy.participant import Categories, Erasure, PrivacyParticipant, RowCounts
from chassis.privacy.receipts import verify_receipt
from chassis.privacy.registration import PrivacyRegistration, register_participant
from chassis.privacy.subject_ref import normalise_email, subject_ref
from chassis.settings import ServiceSettings, async_database_url
from contracts.base import EventData
from contracts.envelope import Envelope, parse_envelope
from contracts.events import privacy
from contracts.events.assessments import DispatchCreated, DispatchKind
from contracts.events.privacy_replies import (
    KeysPublished,
    RestrictionApplied,
    RetentionApplied,
    SubjectDiscovered,
    SubjectErased,
    SubjectExported,
    SubjectRectified,
    TenantErased,
    TenantExported,
)
from contracts.events.receipt import ErasureMethod, ReceiptScope
from contracts.vocabulary import DataService, Service
from soket_cli.pytest_infrastructure import TestInfrastructure

SUBJECT_REF_KEY = secrets.token_bytes(32)

notes_metadata = MetaData()
person_note = Table(
    "person_note",
    notes_metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("tenant_id", Uuid, nullable=False),
    Column("subject_ref", String(56), nullable=False),
    Column("email", String(320), nullable=False),
    Column("note", String(2000), nullable=False),
    Column("restricted", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
choice_answer = Table(
    "choice_answer",
    notes_metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("tenant_id", Uuid, nullable=False),
    Column("subject_ref", String(56), nullable=True),
    Column("option", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


class NotesPrivacy(PrivacyParticipant):
    """A test service: notes about people (deleted) and choice answers (anonymised)."""

    async def discover(self, session: AsyncSession, *, email: str) -> list[UUID]:
        found = await session.scalars(
            select(person_note.c.tenant_id).where(person_note.c.email == normalise_email(email))
        )
        return list(found)

    async def export_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Categories:
        notes = await session.scalars(
            select(person_note.c.note)
            .where(person_note.c.tenant_id == tenant_id, person_note.c.subject_ref == subject_ref)
            .order_by(person_note.c.id)
        )
        options = await session.scalars(
            select(choice_answer.c.option)
            .where(
                choice_answer.c.tenant_id == tenant_id, choice_answer.c.subject_ref == subject_ref
            )
            .order_by(choice_answer.c.id)
        )
        return {"notes": list(notes), "answers": [{"option": option} for option in options]}

    async def erase_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Erasure:
        notes = await session.execute(
            delete(person_note).where(
                person_note.c.tenant_id == tenant_id, person_note.c.subject_ref == subject_ref
            )
        )
        answers = await session.execute(
            update(choice_answer)
            .where(
                choice_answer.c.tenant_id == tenant_id, choice_answer.c.subject_ref == subject_ref
            )
            .values(subject_ref=None)
        )
        return Erasure(
            rows_deleted={"person_note": rows(notes)},
            rows_anonymised={"choice_answer": rows(answers)},
        )

    async def rectify_subject(
        self,
        session: AsyncSession,
        *,
        tenant_id: UUID,
        subject_ref: str,
        corrected_email: str | None,
        new_subject_ref: str | None,
        corrected_name: str | None,
    ) -> RowCounts:
        if corrected_email is None or new_subject_ref is None:
            return {"person_note": 0}  # no names here
        notes = await session.execute(
            update(person_note)
            .where(person_note.c.tenant_id == tenant_id, person_note.c.subject_ref == subject_ref)
            .values(email=normalise_email(corrected_email), subject_ref=new_subject_ref)
        )
        return {"person_note": rows(notes)}

    async def restrict_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
    ) -> None:
        await session.execute(
            update(person_note)
            .where(person_note.c.tenant_id == tenant_id, person_note.c.subject_ref == subject_ref)
            .values(restricted=restricted)
        )

    async def export_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Categories:
        notes = await session.scalars(
            select(person_note.c.note).where(person_note.c.tenant_id == tenant_id)
        )
        return {"notes": list(notes)}

    async def erase_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Erasure:
        deleted = {}
        for table in (person_note, choice_answer):
            result = await session.execute(delete(table).where(table.c.tenant_id == tenant_id))
            deleted[table.name] = rows(result)
        return Erasure(rows_deleted=deleted)

    async def apply_retention(self, session: AsyncSession, *, due: privacy.RetentionDue) -> Erasure:
        if due.category is not privacy.RetentionCategory.ANSWERS:
            return Erasure()
        due_rows = [
            choice_answer.c.created_at < due.cutoff,
            choice_answer.c.tenant_id.not_in(due.excluded_tenant_ids),
            or_(
                choice_answer.c.subject_ref.is_(None),
                choice_answer.c.subject_ref.not_in(due.excluded_subject_refs),
            ),
        ]
        if due.tenant_id is not None:
            due_rows.append(choice_answer.c.tenant_id == due.tenant_id)
        if due.dry_run:
            count = await session.scalar(select(func.count()).where(*due_rows))
            return Erasure(rows_deleted={"choice_answer": int(count or 0)})
        result = await session.execute(delete(choice_answer).where(*due_rows))
        return Erasure(rows_deleted={"choice_answer": rows(result)})


def rows(result: Any) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(result.rowcount)


class AssessmentsLikeSettings(ServiceSettings):
    service_name: ClassVar[str] = "assessments"


@pytest.fixture(scope="module")
async def database(infrastructure: TestInfrastructure) -> AsyncIterator[Database]:
    url = async_database_url(
        infrastructure.postgres_url, f"{infrastructure.database_prefix}privacy_wiring"
    )
    await create_database_if_missing(url)
    database = Database(url, pool_size=2)
    async with database.engine.begin() as connection:
        await connection.run_sync(messaging_metadata.create_all)
        await connection.run_sync(notes_metadata.create_all)
    try:
        yield database
    finally:
        await database.dispose()
        await drop_database(url)


@pytest.fixture(scope="module")
def registration() -> PrivacyRegistration:
    key = generate_development_keys()["ASSESSMENTS_RECEIPT_SIGNING_KEY"]
    settings = AssessmentsLikeSettings(receipt_signing_key=SecretStr(key))
    return register_participant(settings, NotesPrivacy(), max_export_part_bytes=400)


@pytest.fixture(scope="module")
async def published_key(database: Database, registration: PrivacyRegistration) -> str:
    """The public key as privacy learns it: from the ``keys.published`` event."""
    await registration.announce_keys(database)
    [announcement] = [
        envelope.data
        for envelope in await outbox(database)
        if envelope.type == "assessments.keys.published.v1"
    ]
    assert isinstance(announcement, KeysPublished)
    assert announcement.key_id == registration.signer.key_id
    return announcement.public_key


async def handle(database: Database, registration: PrivacyRegistration, data: EventData) -> UUID:
    """Delivers one request as the consumer does; returns the envelope's id."""
    envelope = Envelope.wrap(data, source=Service.PRIVACY)
    handler = registration.subscription.handlers[envelope.type]
    async with database.sessions() as session, session.begin():
        assert await record_new(
            session, consumer=registration.subscription.queue, envelopes=[envelope]
        ) == {envelope.id}
        await handler(session, envelope)
    return envelope.id


async def outbox(database: Database) -> list[Envelope[Any]]:
    async with database.sessions() as session:
        bodies = await session.scalars(
            select(outbox_message.c.body).order_by(outbox_message.c.position)
        )
        return [parse_envelope(body) for body in bodies]


async def replies_to(database: Database, request_id: UUID) -> list[Any]:
    return [
        envelope.data
        for envelope in await outbox(database)
        if getattr(envelope.data, "request_id", None) == request_id
    ]


async def add_person(
    database: Database, *, tenant_id: UUID, email: str, notes: int = 1, answers: int = 0
) -> str:
    reference = subject_ref(SUBJECT_REF_KEY, tenant_id=tenant_id, email=email)
    async with database.sessions() as session, session.begin():
        for index in range(notes):
            await session.execute(
                insert(person_note).values(
                    tenant_id=tenant_id,
                    subject_ref=reference,
                    email=normalise_email(email),
                    note=f"note {index}",
                )
            )
        for _ in range(answers):
            await session.execute(
                insert(choice_answer).values(tenant_id=tenant_id, subject_ref=reference, option="b")
            )
    return reference


async def add_messages_about(database: Database, *, tenant_id: UUID, reference: str) -> None:
    """An unsent event and a handled message about the person, as other work leaves them."""
    dispatch = DispatchCreated(
        dispatch_id=uuid4(),
        tenant_id=tenant_id,
        assessment_id=uuid4(),
        question_id=None,
        kind=DispatchKind.QUIZ_INVITATION,
        subject_ref=reference,
        group_ids=[],
        dispatched_on=date.today(),
    )
    async with database.sessions() as session, session.begin():
        envelope = await publish(session, dispatch)
        await record_new(session, consumer="delivery.dispatches", envelopes=[envelope])


async def count(database: Database, table: Table, *conditions: Any) -> int:
    async with database.sessions() as session:
        return int(
            await session.scalar(select(func.count()).select_from(table).where(*conditions)) or 0
        )


async def test_subject_erasure_removes_every_row_and_signs_a_receipt(
    database: Database, registration: PrivacyRegistration, published_key: str
) -> None:
    tenant_id = uuid4()
    mari = await add_person(
        database, tenant_id=tenant_id, email="mari@example.ee", notes=2, answers=3
    )
    jaan = await add_person(database, tenant_id=tenant_id, email="jaan@example.ee")
    await add_messages_about(database, tenant_id=tenant_id, reference=mari)
    await add_messages_about(database, tenant_id=tenant_id, reference=jaan)
    request = privacy.SubjectErasureRequested(
        request_id=uuid4(), tenant_id=tenant_id, subject_ref=mari
    )

    request_message = await handle(database, registration, request)

    [reply] = await replies_to(database, request.request_id)
    assert isinstance(reply, SubjectErased)
    receipt = reply.receipt
    assert verify_receipt(receipt, published_key)
    assert not verify_receipt(
        receipt.model_copy(update={"rows_deleted": {**receipt.rows_deleted, "person_note": 1}}),
        published_key,
    )
    assert (receipt.scope, receipt.tenant_id, receipt.subject_ref) == (
        ReceiptScope.SUBJECT_ERASURE,
        tenant_id,
        mari,
    )
    assert receipt.rows_deleted == {"person_note": 2, "outbox_message": 1, "inbox_message": 1}
    assert receipt.rows_anonymised == {"choice_answer": 3}
    assert receipt.method is ErasureMethod.DELETE_AND_ANONYMISE

    about_mari = (person_note.c.tenant_id == tenant_id, person_note.c.subject_ref == mari)
    assert await count(database, person_note, *about_mari) == 0
    assert await count(database, choice_answer, choice_answer.c.tenant_id == tenant_id) == 3
    assert await count(database, choice_answer, choice_answer.c.subject_ref == mari) == 0
    assert await count(database, person_note, person_note.c.subject_ref == jaan) == 1
    # Only the reply is still about her in the outbox: it was written after the deletions.
    assert [
        envelope.type for envelope in await outbox(database) if envelope.subject_ref == mari
    ] == ["assessments.subject.erased.v1"]
    assert await count(database, outbox_message, outbox_message.c.subject_ref == jaan) == 1
    assert await count(database, inbox_message, inbox_message.c.subject_ref == mari) == 0
    assert await count(database, inbox_message, inbox_message.c.subject_ref == jaan) == 1
    # The request's own inbox row stays, so a redelivery is skipped, but no longer names her.
    assert (
        await count(
            database,
            inbox_message,
            inbox_message.c.message_id == request_message,
            inbox_message.c.subject_ref.is_(None),
        )
        == 1
    )
    assert (
        await count(
            database,
            erased_subject,
            erased_subject.c.tenant_id == tenant_id,
            erased_subject.c.subject_ref == mari,
        )
        == 1
    )


async def test_a_request_naming_other_services_is_left_alone(
    database: Database, registration: PrivacyRegistration
) -> None:
    """A saga's retry names only the services still to answer: the others do nothing again."""
    tenant_id = uuid4()
    mari = await add_person(database, tenant_id=tenant_id, email="named-mari@example.ee")
    elsewhere = privacy.SubjectErasureRequested(
        request_id=uuid4(), tenant_id=tenant_id, subject_ref=mari, services=[DataService.DELIVERY]
    )
    here = privacy.SubjectErasureRequested(
        request_id=uuid4(),
        tenant_id=tenant_id,
        subject_ref=mari,
        services=[DataService.ASSESSMENTS, DataService.DELIVERY],
    )

    await handle(database, registration, elsewhere)

    assert await replies_to(database, elsewhere.request_id) == []
    assert await count(database, person_note, person_note.c.subject_ref == mari) == 1

    await handle(database, registration, here)

    [reply] = await replies_to(database, here.request_id)
    assert isinstance(reply, SubjectErased)
    assert await count(database, person_note, person_note.c.subject_ref == mari) == 0


async def test_a_message_arriving_after_the_erasure_is_recorded_without_the_reference(
    database: Database, registration: PrivacyRegistration
) -> None:
    tenant_id = uuid4()
    mari = await add_person(database, tenant_id=tenant_id, email="late-mari@example.ee")
    await handle(
        database,
        registration,
        privacy.SubjectErasureRequested(request_id=uuid4(), tenant_id=tenant_id, subject_ref=mari),
    )

    await add_messages_about(database, tenant_id=tenant_id, reference=mari)

    assert await count(database, inbox_message, inbox_message.c.subject_ref == mari) == 0
    assert await count(database, inbox_message, inbox_message.c.consumer == "delivery.dispatches")


async def test_a_large_export_arrives_in_parts(
    database: Database, registration: PrivacyRegistration
) -> None:
    tenant_id = uuid4()
    mari = await add_person(
        database, tenant_id=tenant_id, email="mari@example.ee", notes=40, answers=2
    )
    request = privacy.SubjectExportRequested(
        request_id=uuid4(), tenant_id=tenant_id, subject_ref=mari
    )

    await handle(database, registration, request)

    parts = await replies_to(database, request.request_id)
    assert len(parts) > 1
    assert all(isinstance(part, SubjectExported) for part in parts)
    assert [part.part for part in parts] == list(range(1, len(parts) + 1))
    assert {part.total_parts for part in parts} == {len(parts)}
    notes: list[JsonValue] = []
    for part in parts:
        notes.extend(part.categories.get("notes", []))
    assert notes == [f"note {index}" for index in range(40)]
    assert [part.categories["answers"] for part in parts if "answers" in part.categories] == [
        [{"option": "b"}, {"option": "b"}]
    ]


async def test_tenant_export_and_erasure(
    database: Database, registration: PrivacyRegistration, published_key: str
) -> None:
    tenant_id, other_tenant = uuid4(), uuid4()
    mari = await add_person(database, tenant_id=tenant_id, email="mari@example.ee", answers=1)
    await add_person(database, tenant_id=tenant_id, email="jaan@example.ee")
    await add_person(database, tenant_id=other_tenant, email="mari@example.ee")
    await add_messages_about(database, tenant_id=tenant_id, reference=mari)
    export = privacy.TenantExportRequested(request_id=uuid4(), tenant_id=tenant_id)
    erasure = privacy.TenantErasureRequested(request_id=uuid4(), tenant_id=tenant_id)

    await handle(database, registration, export)
    request_message = await handle(database, registration, erasure)

    [exported] = await replies_to(database, export.request_id)
    assert isinstance(exported, TenantExported)
    assert exported.categories == {"notes": ["note 0", "note 0"]}
    [erased] = await replies_to(database, erasure.request_id)
    assert isinstance(erased, TenantErased)
    assert verify_receipt(erased.receipt, published_key)
    assert erased.receipt.scope is ReceiptScope.TENANT_ERASURE
    assert erased.receipt.subject_ref is None
    # The dispatch event goes; the export's unsent reply stays, so privacy still gets it.
    assert erased.receipt.rows_deleted == {
        "person_note": 2,
        "choice_answer": 1,
        "outbox_message": 1,
        "inbox_message": 2,
    }
    assert await count(database, person_note, person_note.c.tenant_id == tenant_id) == 0
    assert await count(database, person_note, person_note.c.tenant_id == other_tenant) == 1
    assert await count(database, inbox_message, inbox_message.c.tenant_id == tenant_id) == 0
    assert await count(database, inbox_message, inbox_message.c.message_id == request_message) == 1
    assert [
        envelope.type for envelope in await outbox(database) if envelope.tenant_id == tenant_id
    ] == ["assessments.tenant.exported.v1", "assessments.tenant.erased.v1"]


async def test_retention_dry_run_only_counts_and_has_no_receipt(
    database: Database, registration: PrivacyRegistration, published_key: str
) -> None:
    tenant_id, held_tenant = uuid4(), uuid4()
    mari = await add_person(database, tenant_id=tenant_id, email="mari@example.ee", answers=2)
    held = await add_person(database, tenant_id=tenant_id, email="held@example.ee", answers=1)
    await add_person(database, tenant_id=held_tenant, email="mari@example.ee", answers=1)
    fresh = await add_person(database, tenant_id=tenant_id, email="fresh@example.ee", answers=1)
    async with database.sessions() as session, session.begin():
        await session.execute(
            update(choice_answer)
            .where(
                choice_answer.c.tenant_id.in_([tenant_id, held_tenant]),
                choice_answer.c.subject_ref != fresh,
            )
            .values(created_at=datetime.now(UTC) - timedelta(days=400))
        )

    def due(*, dry_run: bool) -> privacy.RetentionDue:
        return privacy.RetentionDue(
            request_id=uuid4(),
            category=privacy.RetentionCategory.ANSWERS,
            action=privacy.RetentionAction.DELETE,
            cutoff=datetime.now(UTC) - timedelta(days=365),
            tenant_id=None,
            excluded_tenant_ids=[held_tenant],
            excluded_subject_refs=[held],
            dry_run=dry_run,
        )

    dry_run, real_run = due(dry_run=True), due(dry_run=False)
    await handle(database, registration, dry_run)
    [counted] = await replies_to(database, dry_run.request_id)
    assert isinstance(counted, RetentionApplied)
    assert counted.receipt is None
    assert counted.rows_affected == {"choice_answer": 2}
    assert await count(database, choice_answer, choice_answer.c.subject_ref == mari) == 2

    await handle(database, registration, real_run)
    [applied] = await replies_to(database, real_run.request_id)
    assert isinstance(applied, RetentionApplied)
    assert applied.receipt is not None
    assert verify_receipt(applied.receipt, published_key)
    assert applied.receipt.scope is ReceiptScope.RETENTION
    assert applied.rows_affected == applied.receipt.rows_deleted == {"choice_answer": 2}
    assert await count(database, choice_answer, choice_answer.c.subject_ref == mari) == 0
    assert await count(database, choice_answer, choice_answer.c.subject_ref == held) == 1
    assert await count(database, choice_answer, choice_answer.c.tenant_id == held_tenant) == 1
    assert await count(database, choice_answer, choice_answer.c.subject_ref == fresh) == 1


async def test_retention_of_a_category_held_elsewhere_states_the_policys_action(
    database: Database, registration: PrivacyRegistration, published_key: str
) -> None:
    request = privacy.RetentionDue(
        request_id=uuid4(),
        category=privacy.RetentionCategory.REFRESH_TOKENS,
        action=privacy.RetentionAction.ANONYMISE,
        cutoff=datetime.now(UTC),
        tenant_id=None,
        excluded_tenant_ids=[],
        excluded_subject_refs=[],
        dry_run=False,
    )
    await handle(database, registration, request)
    [applied] = await replies_to(database, request.request_id)
    assert applied.rows_affected == {}
    assert applied.receipt.method is ErasureMethod.ANONYMISE
    assert verify_receipt(applied.receipt, published_key)


async def test_discovery_rectification_and_restriction_reply(
    database: Database, registration: PrivacyRegistration
) -> None:
    first, second = sorted([uuid4(), uuid4()])
    old = await add_person(database, tenant_id=first, email="kati@example.ee", notes=2)
    await add_person(database, tenant_id=second, email="kati@example.ee")
    await add_messages_about(database, tenant_id=first, reference=old)
    discovery = privacy.SubjectDiscoveryRequested(request_id=uuid4(), email="KATI@example.ee")
    new = subject_ref(SUBJECT_REF_KEY, tenant_id=first, email="kati.tamm@example.ee")
    rectification = privacy.SubjectRectificationRequested(
        request_id=uuid4(),
        tenant_id=first,
        subject_ref=old,
        corrected_email="kati.tamm@example.ee",
        new_subject_ref=new,
        corrected_name=None,
    )
    restriction = privacy.SubjectRestrictionChanged(
        request_id=uuid4(), tenant_id=first, subject_ref=new, restricted=True
    )

    await handle(database, registration, discovery)
    await handle(database, registration, rectification)
    await handle(database, registration, restriction)

    [discovered] = await replies_to(database, discovery.request_id)
    assert isinstance(discovered, SubjectDiscovered)
    assert discovered.tenant_ids == [first, second]
    [rectified] = await replies_to(database, rectification.request_id)
    assert isinstance(rectified, SubjectRectified)
    # The rectification request's own inbox row moves with her too.
    assert rectified.rows_updated == {"person_note": 2, "outbox_message": 1, "inbox_message": 2}
    assert await count(database, outbox_message, outbox_message.c.subject_ref == old) == 0
    [restricted] = await replies_to(database, restriction.request_id)
    assert isinstance(restricted, RestrictionApplied)
    assert restricted.restricted
    assert (
        await count(
            database, person_note, person_note.c.subject_ref == new, person_note.c.restricted
        )
        == 2
    )
