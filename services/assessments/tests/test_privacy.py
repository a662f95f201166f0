"""The privacy participant, driven through the privacy contract's events (issue 5, point 9)."""

import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from assessments_support import (
    FakeClock,
    Tenant,
    issued_links,
    make_participant,
    make_question,
    make_quiz,
    path_of,
)
from sqlalchemy import select, update

from assessments.assessments.models import Assessment
from assessments.participants.models import Participant
from assessments.privacy.participant import AssessmentsPrivacy
from assessments.scheduling.runner import Scheduler
from assessments.settings import Settings
from chassis.database import Database, plain_dsn
from chassis.messaging.inbox import record_new
from chassis.messaging.tables import outbox_message
from chassis.privacy.receipts import verify_receipt
from chassis.privacy.registration import PrivacyRegistration, register_participant
from contracts.base import EventData
from contracts.envelope import Envelope, parse_envelope
from contracts.events import privacy
from contracts.events.privacy_replies import (
    KeysPublished,
    RetentionApplied,
    SubjectDiscovered,
    SubjectErased,
    SubjectExported,
    SubjectRectified,
)
from contracts.vocabulary import Service

MARKER_NAME = "Zorblax Quuxington"
MARKER_EMAIL = "zorblax.quuxington@example.ee"
MARKER_TEXT = "FREETEXT-ZORBLAX-7781"


@pytest.fixture(scope="module")
def registration(infrastructure: Any) -> PrivacyRegistration:
    return register_participant(Settings(), AssessmentsPrivacy())


async def handle(database: Database, registration: PrivacyRegistration, data: EventData) -> None:
    """Delivers one request as the worker's consumer does."""
    envelope = Envelope.wrap(data, source=Service.PRIVACY)
    handler = registration.subscription.handlers[envelope.type]
    async with database.sessions() as session, session.begin():
        await record_new(session, consumer=registration.subscription.queue, envelopes=[envelope])
        await handler(session, envelope)


async def replies(database: Database, request_id: uuid.UUID) -> list[Any]:
    async with database.sessions() as session:
        bodies = await session.scalars(
            select(outbox_message.c.body).order_by(outbox_message.c.position)
        )
        envelopes = [parse_envelope(body) for body in bodies]
    return [e.data for e in envelopes if getattr(e.data, "request_id", None) == request_id]


def retention_due(
    tenant: Tenant,
    category: privacy.RetentionCategory,
    action: privacy.RetentionAction,
    *,
    cutoff: datetime,
    dry_run: bool,
) -> privacy.RetentionDue:
    return privacy.RetentionDue(
        request_id=uuid.uuid4(),
        category=category,
        action=action,
        cutoff=cutoff,
        tenant_id=tenant.id,
        excluded_tenant_ids=[],
        excluded_subject_refs=[],
        dry_run=dry_run,
    )


async def rows_affected(
    database: Database, registration: PrivacyRegistration, due: privacy.RetentionDue
) -> dict[str, int]:
    """Delivers ``due`` and reads the rows its ``RetentionApplied`` reply counts."""
    await handle(database, registration, due)
    [applied] = await replies(database, due.request_id)
    assert isinstance(applied, RetentionApplied)
    return dict(applied.rows_affected)


async def answered_quiz(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    marker = await make_participant(client, tenant, name=MARKER_NAME, email=MARKER_EMAIL)
    others = [await make_participant(client, tenant) for _ in range(2)]
    group = (
        await client.post("/groups", json={"name": "Erasure"}, headers=tenant.headers())
    ).json()
    await client.post(
        f"/groups/{group['id']}/members",
        json={"participant_ids": [marker["id"]]},
        headers=tenant.headers(),
    )
    choice = await make_question(client, tenant)
    free = await make_question(client, tenant, kind="free_text", text="Miks?")
    quiz = await make_quiz(
        client,
        tenant,
        question_ids=[choice["id"], free["id"]],
        participant_ids=[p["id"] for p in others],
        group_ids=[group["id"]],
        opens_at=clock.now - timedelta(minutes=1),
    )
    await Scheduler(database=database, settings=settings, clock=clock).run_once()
    links = await issued_links(database, tenant.id)
    assert len(links) == 3
    marker_reference = await subject_ref_of(database, marker["id"])
    for number, (reference, url) in enumerate(sorted(links.items())):
        option = choice["options"][number % 2]["id"]
        text = MARKER_TEXT if reference == marker_reference else f"vastus {number}"
        response = await client.post(
            path_of(url), data={f"q-{choice['id']}": option, f"q-{free['id']}": text}
        )
        assert response.status_code == 200
    return marker, quiz, choice


async def subject_ref_of(database: Database, participant_id: str) -> str:
    async with database.sessions() as session:
        row = await session.get(Participant, uuid.UUID(participant_id))
        assert row is not None
        return row.subject_ref


def dump(settings: Settings) -> bytes:
    return subprocess.run(
        ["pg_dump", "--data-only", plain_dsn(settings.database_url)],
        capture_output=True,
        check=True,
    ).stdout


def tables_mentioning(dump: bytes, text: str) -> set[str]:
    """The tables whose rows in a plain ``pg_dump`` hold ``text`` (as text or as hex)."""
    found = set()
    for block in dump.split(b"\nCOPY ")[1:]:
        table = block.split(b" ", 1)[0].decode().removeprefix("public.")
        if any(trace in block for trace in traces(text)):
            found.add(table)
    return found


def traces(text: str) -> list[bytes]:
    """The forms a string takes in a dump: as text, and hex-encoded inside bytea columns."""
    return [text.encode(), text.encode().hex().encode(), text.lower().encode().hex().encode()]


async def test_erasure_leaves_no_trace_and_keeps_the_statistics(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
    registration: PrivacyRegistration,
) -> None:
    marker, quiz, _choice = await answered_quiz(client, tenant, database, settings, clock)
    reference = await subject_ref_of(database, marker["id"])
    before = (
        await client.get(f"/assessments/{quiz['id']}/results", headers=tenant.headers())
    ).json()
    before_dump = dump(settings)
    for text in (MARKER_NAME, MARKER_EMAIL, MARKER_TEXT):
        assert any(trace in before_dump for trace in traces(text)), text

    await registration.announce_keys(database)
    keys = [
        data
        for data in await replies_any(database)
        if isinstance(data, KeysPublished) and data.key_id == registration.signer.key_id
    ]
    public_key = keys[-1].public_key
    request_id = uuid.uuid4()
    await handle(
        database,
        registration,
        privacy.SubjectErasureRequested(
            request_id=request_id, tenant_id=tenant.id, subject_ref=reference
        ),
    )

    after_dump = dump(settings)
    for text in (MARKER_NAME, MARKER_EMAIL, MARKER_TEXT):
        assert not any(trace in after_dump for trace in traces(text)), text
    # Only the chassis's own records still name the person: the receipt (not sent yet) and
    # the erased-subject list that drops a later replay about them.
    assert tables_mentioning(after_dump, reference) == {"outbox_message", "erased_subject"}
    assert "participant" in tables_mentioning(before_dump, reference)
    [erased] = await replies(database, request_id)
    assert isinstance(erased, SubjectErased)
    assert verify_receipt(erased.receipt, public_key)
    assert erased.receipt.rows_deleted["participant"] == 1
    assert erased.receipt.rows_anonymised["answer"] == 1
    after = (
        await client.get(f"/assessments/{quiz['id']}/results", headers=tenant.headers())
    ).json()
    assert after["questions"][0] == before["questions"][0]  # per-option counts unchanged
    assert after["questions"][1]["answers"] == before["questions"][1]["answers"] - 1


async def replies_any(database: Database) -> list[Any]:
    async with database.sessions() as session:
        bodies = await session.scalars(
            select(outbox_message.c.body).order_by(outbox_message.c.position)
        )
        return [parse_envelope(body).data for body in bodies]


async def test_discovery_export_rectification_and_restriction(
    client: httpx.AsyncClient,
    tenant: Tenant,
    other_tenant: Tenant,
    database: Database,
    registration: PrivacyRegistration,
) -> None:
    email = f"kati.{uuid.uuid4().hex[:6]}@example.ee"
    kati = await make_participant(client, tenant, name="Kati Karu", email=email)
    await make_participant(client, other_tenant, name="Kati Karu", email=email.upper())
    reference = await subject_ref_of(database, kati["id"])

    request_id = uuid.uuid4()
    await handle(
        database,
        registration,
        privacy.SubjectDiscoveryRequested(request_id=request_id, email=email),
    )
    [discovered] = await replies(database, request_id)
    assert isinstance(discovered, SubjectDiscovered)
    assert set(discovered.tenant_ids) == {tenant.id, other_tenant.id}

    request_id = uuid.uuid4()
    await handle(
        database,
        registration,
        privacy.SubjectExportRequested(
            request_id=request_id, tenant_id=tenant.id, subject_ref=reference
        ),
    )
    exported = await replies(database, request_id)
    assert isinstance(exported[0], SubjectExported)
    assert exported[0].categories["participants"][0]["email"] == email

    request_id = uuid.uuid4()
    new_email = f"kati.uus.{uuid.uuid4().hex[:6]}@example.ee"
    new_reference = "B" * 52
    await handle(
        database,
        registration,
        privacy.SubjectRectificationRequested(
            request_id=request_id,
            tenant_id=tenant.id,
            subject_ref=reference,
            corrected_email=new_email,
            new_subject_ref=new_reference,
            corrected_name="Kati Mets",
        ),
    )
    [rectified] = await replies(database, request_id)
    assert isinstance(rectified, SubjectRectified)
    assert rectified.rows_updated["participant"] >= 1
    shown = (await client.get(f"/participants/{kati['id']}", headers=tenant.headers())).json()
    assert (shown["name"], shown["email"]) == ("Kati Mets", new_email)

    await handle(
        database,
        registration,
        privacy.SubjectRestrictionChanged(
            request_id=uuid.uuid4(), tenant_id=tenant.id, subject_ref=new_reference, restricted=True
        ),
    )
    shown = (await client.get(f"/participants/{kati['id']}", headers=tenant.headers())).json()
    assert shown["restricted"] is True


async def test_retention_and_tenant_erasure_p17(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
    registration: PrivacyRegistration,
) -> None:
    from sqlalchemy import func

    from assessments.answering.models import Answer
    from assessments.dispatches.models import AnswerToken
    from contracts.events.privacy_replies import TenantErased

    _marker, quiz, _choice = await answered_quiz(client, tenant, database, settings, clock)
    later = clock.now + timedelta(days=1)

    async def count(model: Any, *conditions: Any) -> int:
        async with database.sessions() as session:
            found = await session.scalar(
                select(func.count())
                .select_from(model)
                .where(model.tenant_id == tenant.id, *conditions)
            )
        return int(found or 0)

    def due(
        category: privacy.RetentionCategory, action: privacy.RetentionAction, dry_run: bool
    ) -> privacy.RetentionDue:
        return retention_due(tenant, category, action, cutoff=later, dry_run=dry_run)

    dry = due(privacy.RetentionCategory.ANSWERS, privacy.RetentionAction.ANONYMISE, True)
    assert await rows_affected(database, registration, dry) == {"answer": 6}
    assert await count(Answer, Answer.subject_ref.is_not(None)) == 6

    anonymise = due(privacy.RetentionCategory.ANSWERS, privacy.RetentionAction.ANONYMISE, False)
    await handle(database, registration, anonymise)
    assert await count(Answer) == 3  # the free-text answers went
    assert await count(Answer, Answer.subject_ref.is_not(None)) == 0
    tokens = due(
        privacy.RetentionCategory.ANSWER_TOKENS, privacy.RetentionAction.DELETE, False
    ).model_copy(update={"cutoff": later + timedelta(days=60)})  # tokens go once expired
    await handle(database, registration, tokens)
    assert await count(AnswerToken) == 0

    request_id = uuid.uuid4()
    await handle(
        database,
        registration,
        privacy.TenantErasureRequested(request_id=request_id, tenant_id=tenant.id),
    )
    [erased] = await replies(database, request_id)
    assert isinstance(erased, TenantErased)
    assert erased.receipt.rows_deleted["participant"] == 3
    listed = (await client.get("/participants", headers=tenant.headers())).json()
    assert listed["total"] == 0
    gone = await client.get(f"/assessments/{quiz['id']}", headers=tenant.headers())
    assert gone.status_code == 404


async def test_dispatch_retention_spares_a_quiz_still_open_p17(
    client: httpx.AsyncClient,
    tenant: Tenant,
    database: Database,
    settings: Settings,
    clock: FakeClock,
    registration: PrivacyRegistration,
) -> None:
    """Deleting an open quiz's dispatches would make the planner send them again; once the quiz
    has closed, its old dispatches go."""
    _marker, quiz, _choice = await answered_quiz(client, tenant, database, settings, clock)
    later = datetime.now(UTC) + timedelta(days=1)

    async def dispatches_removed() -> int:
        dispatches = privacy.RetentionCategory.DISPATCHES
        due = retention_due(
            tenant, dispatches, privacy.RetentionAction.DELETE, cutoff=later, dry_run=True
        )
        return (await rows_affected(database, registration, due)).get("dispatch", 0)

    assert await dispatches_removed() == 0
    async with database.sessions() as session, session.begin():
        await session.execute(
            update(Assessment)
            .where(Assessment.id == quiz["id"])
            .values(closes_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert await dispatches_removed() == 3
