"""A participant's email edited by the client (assessments.participant.rekeyed.v1), handled as
the worker's consumer hands it over: the person's rows move to the new reference, merging with
what is already there, and a redelivery changes nothing (P15)."""

import random
from collections import Counter
from uuid import UUID, uuid4

import httpx
from sqlalchemy import select

import analytics.worker  # noqa: F401 - the worker's statistics queue, re-keying included
from analytics.facts.models import AnswerFact, DispatchFact
from analytics.participants.models import ParticipantStats
from analytics.subjects.models import RestrictedSubject
from analytics.testing import scenario as script
from analytics.testing.delivering import deliver, deliver_in_batches
from analytics.trends.models import TrendRespondent
from chassis.auth.principal import Role
from chassis.database import Database
from chassis.messaging.tables import inbox_message
from chassis.testing.auth import TestTokens
from contracts.envelope import Envelope
from contracts.events.assessments import DispatchCreated, ParticipantRekeyed

PER_PERSON = (AnswerFact, DispatchFact, ParticipantStats, TrendRespondent)


async def seeded(database: Database, seed: int) -> script.Scenario:
    rng = random.Random(seed)
    run = script.build(rng)
    await deliver_in_batches(database, script.shuffled_with_duplicates(rng, run.events), [50] * 20)
    return run


async def rows_by_ref(database: Database, tenant_id: UUID) -> dict[str, Counter[str]]:
    """How many rows of each per-person table each reference has."""
    async with database.sessions() as session:
        found: dict[str, Counter[str]] = {}
        for model in PER_PERSON:
            refs = await session.scalars(
                select(model.subject_ref).where(model.tenant_id == tenant_id)
            )
            found[model.__tablename__] = Counter(ref for ref in refs if ref is not None)
        return found


def rekeyed(tenant_id: UUID, old_ref: str, new_ref: str) -> Envelope[ParticipantRekeyed]:
    return Envelope.wrap(
        ParticipantRekeyed(tenant_id=tenant_id, subject_ref=old_ref, new_subject_ref=new_ref)
    )


async def test_a_rekeyed_participants_rows_move_to_the_new_ref_and_a_redelivery_changes_nothing(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    run = await seeded(database, 21)
    expected = script.expected_participants(run)
    person = next(p for p in run.people if p.subject_ref in expected)
    old_ref, new_ref = person.subject_ref, "N" * 52
    before = await rows_by_ref(database, run.tenant_id)
    event = rekeyed(run.tenant_id, old_ref, new_ref)

    await deliver(database, [event])

    after = await rows_by_ref(database, run.tenant_id)
    for table, counts in before.items():
        assert old_ref not in after[table]
        assert after[table][new_ref] == counts[old_ref]
    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    moved = await client.get(f"/statistics/participants/{new_ref}", headers=viewer)
    assert moved.json()["answers"] == expected[old_ref]["answers"]
    gone = await client.get(f"/statistics/participants/{old_ref}", headers=viewer)
    assert gone.status_code == 404
    async with database.sessions() as session:
        filed_under = await session.scalar(
            select(inbox_message.c.subject_ref).where(inbox_message.c.message_id == event.id)
        )
    assert filed_under == new_ref

    # A late dispatch under the old reference, then the same event again: the inbox skips it.
    dispatched = next(
        e.data
        for e in run.events
        if isinstance(e.data, DispatchCreated) and e.data.subject_ref == old_ref
    )
    late = dispatched.model_copy(update={"dispatch_id": uuid4()})
    await deliver(database, [Envelope.wrap(late)])
    with_late = await rows_by_ref(database, run.tenant_id)
    assert with_late["dispatch_fact"][old_ref] == 1
    await deliver(database, [event])
    assert await rows_by_ref(database, run.tenant_id) == with_late


async def test_a_rekeying_onto_a_ref_that_has_rows_adds_them_up(
    database: Database, client: httpx.AsyncClient, tokens: TestTokens
) -> None:
    run = await seeded(database, 22)
    expected = script.expected_participants(run)
    first, second = [p for p in run.people if p.subject_ref in expected][:2]
    before = await rows_by_ref(database, run.tenant_id)

    await deliver(database, [rekeyed(run.tenant_id, first.subject_ref, second.subject_ref)])

    after = await rows_by_ref(database, run.tenant_id)
    for table in ("answer_fact", "dispatch_fact"):
        assert first.subject_ref not in after[table]
        assert after[table][second.subject_ref] == (
            before[table][first.subject_ref] + before[table][second.subject_ref]
        )
    viewer = tokens.headers(tenant_id=run.tenant_id, roles={Role.VIEWER})
    merged = (
        await client.get(f"/statistics/participants/{second.subject_ref}", headers=viewer)
    ).json()
    for total in ("answers", "graded_answers", "correct_answers"):
        assert merged[total] == (
            expected[first.subject_ref][total] + expected[second.subject_ref][total]
        )
    assert (
        await client.get(f"/statistics/participants/{first.subject_ref}", headers=viewer)
    ).status_code == 404


async def test_a_rekeying_onto_a_restricted_reference_keeps_one_restriction(
    database: Database,
) -> None:
    tenant_id = uuid4()
    old_ref, new_ref = "A" * 52, "B" * 52
    async with database.sessions() as session, session.begin():
        session.add_all(
            [
                RestrictedSubject(tenant_id=tenant_id, subject_ref=old_ref),
                RestrictedSubject(tenant_id=tenant_id, subject_ref=new_ref),
            ]
        )
    await deliver(database, [rekeyed(tenant_id, old_ref, new_ref)])
    async with database.sessions() as session:
        refs = await session.scalars(
            select(RestrictedSubject.subject_ref).where(RestrictedSubject.tenant_id == tenant_id)
        )
        assert list(refs) == [new_ref]
