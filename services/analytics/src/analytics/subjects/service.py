"""People, known only by ``subject_ref``: restriction, and forgetting or re-keying them."""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from pydantic import JsonValue
from sqlalchemy import Table, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.database import table_of
from analytics.facts.models import AnswerFact, DispatchFact
from analytics.participants.models import ParticipantStats
from analytics.subjects.models import RestrictedSubject
from analytics.trends.models import TrendRespondent
from chassis.privacy.participant import Erasure
from chassis.privacy.rekeying import move_rows_to_reference
from contracts.events.privacy import RetentionDue

SubjectKey = tuple[UUID, str]
"""(tenant_id, subject_ref)."""

_HOLD = """
    SELECT {function}(hashtextextended(key, 0))
    FROM (SELECT key FROM unnest(CAST(:keys AS text[])) AS key ORDER BY key) AS ordered
"""
_HOLD_SHARED = text(_HOLD.format(function="pg_advisory_xact_lock_shared"))
_HOLD_EXCLUSIVE = text(_HOLD.format(function="pg_advisory_xact_lock"))


async def set_restricted(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
) -> None:
    await hold(session, [subject_lock(tenant_id, subject_ref)], exclusive=True)
    if restricted:
        await session.execute(
            insert(RestrictedSubject)
            .values(tenant_id=tenant_id, subject_ref=subject_ref)
            .on_conflict_do_nothing()
        )
    else:
        await session.execute(
            delete(RestrictedSubject).where(
                RestrictedSubject.tenant_id == tenant_id,
                RestrictedSubject.subject_ref == subject_ref,
            )
        )


async def forget_subject(session: AsyncSession, *, tenant_id: UUID, subject_ref: str) -> Erasure:
    """Deletes the person's own rows and cuts their facts loose from them: the facts stay,
    counted in the anonymous totals, with no ``subject_ref`` and no dispatch of theirs."""
    await hold(session, [subject_lock(tenant_id, subject_ref)], exclusive=True)
    deleted = {
        table.name: await _delete_about(session, table, tenant_id, subject_ref)
        for table in _per_person_tables()
    }
    answers = await session.execute(
        update(AnswerFact)
        .where(AnswerFact.tenant_id == tenant_id, AnswerFact.subject_ref == subject_ref)
        .values(subject_ref=None, dispatch_id=None)
    )
    dispatches = await session.execute(
        update(DispatchFact)
        .where(DispatchFact.tenant_id == tenant_id, DispatchFact.subject_ref == subject_ref)
        .values(subject_ref=None, dispatch_id=func.gen_random_uuid())
    )
    return Erasure(
        rows_deleted={table: count for table, count in deleted.items() if count},
        rows_anonymised={
            table: count
            for table, count in (
                (AnswerFact.__tablename__, _rows(answers)),
                (DispatchFact.__tablename__, _rows(dispatches)),
            )
            if count
        },
    )


async def rekey_subject(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
) -> dict[str, int]:
    """Files the person's rows under ``new_subject_ref``; rows updated per table."""
    updated: dict[str, int] = {}
    for model in (AnswerFact, DispatchFact):
        result = await session.execute(
            update(model)
            .where(model.tenant_id == tenant_id, model.subject_ref == subject_ref)
            .values(subject_ref=new_subject_ref)
        )
        updated[model.__tablename__] = _rows(result)
    updated[ParticipantStats.__tablename__] = await _rekey_participant(
        session, tenant_id, subject_ref, new_subject_ref
    )
    for moved in (TrendRespondent, RestrictedSubject):
        updated[moved.__tablename__] = await move_rows_to_reference(
            session,
            moved,
            tenant_id=tenant_id,
            subject_ref=subject_ref,
            new_subject_ref=new_subject_ref,
        )
    return {table: count for table, count in updated.items() if count}


async def _rekey_participant(
    session: AsyncSession, tenant_id: UUID, subject_ref: str, new_subject_ref: str
) -> int:
    """Moves the totals onto the new reference, adding to any already there."""
    table = table_of(ParticipantStats)
    old = (
        (
            await session.execute(
                select(table).where(
                    table.c.tenant_id == tenant_id, table.c.subject_ref == subject_ref
                )
            )
        )
        .mappings()
        .first()
    )
    if old is None:
        return 0
    row: dict[str, Any] = {**old, "subject_ref": new_subject_ref}
    statement = insert(table).values(row)
    statement = statement.on_conflict_do_update(
        index_elements=["tenant_id", "subject_ref"],
        set_={
            "answers": table.c.answers + statement.excluded.answers,
            "graded_answers": table.c.graded_answers + statement.excluded.graded_answers,
            "correct_answers": table.c.correct_answers + statement.excluded.correct_answers,
            "last_answered_at": func.greatest(
                table.c.last_answered_at, statement.excluded.last_answered_at
            ),
        },
    )
    await session.execute(statement)
    await _delete_about(session, table, tenant_id, subject_ref)
    return 1


def _per_person_tables() -> Iterable[Table]:
    for model in (ParticipantStats, TrendRespondent, RestrictedSubject):
        yield table_of(model)


async def _delete_about(
    session: AsyncSession, table: Table, tenant_id: UUID, subject_ref: str
) -> int:
    result = await session.execute(
        delete(table).where(table.c.tenant_id == tenant_id, table.c.subject_ref == subject_ref)
    )
    return _rows(result)


def _rows(result: Any) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(result.rowcount)


async def hold(session: AsyncSession, keys: Iterable[str], *, exclusive: bool = False) -> None:
    """Transaction-scoped advisory locks on people or assessments (``lock_key``).

    Batches of events hold them shared; forgetting a person or an assessment holds them
    exclusively, so a batch never writes about someone being forgotten at the same moment.
    """
    ordered = sorted(set(keys))
    if ordered:
        await session.execute(_HOLD_EXCLUSIVE if exclusive else _HOLD_SHARED, {"keys": ordered})


def subject_lock(tenant_id: UUID, subject_ref: str) -> str:
    return f"subject:{tenant_id}:{subject_ref}"


def assessment_lock(tenant_id: UUID, assessment_id: UUID) -> str:
    return f"assessment:{tenant_id}:{assessment_id}"


async def export_subject(
    session: AsyncSession, *, tenant_id: UUID, subject_ref: str
) -> dict[str, JsonValue]:
    """The person's rows, by category: their totals, answers, dispatches, restriction."""
    totals = await session.get(ParticipantStats, (tenant_id, subject_ref))
    answers = await session.scalars(
        select(AnswerFact)
        .where(AnswerFact.tenant_id == tenant_id, AnswerFact.subject_ref == subject_ref)
        .order_by(AnswerFact.answered_at)
    )
    dispatches = await session.scalars(
        select(DispatchFact)
        .where(DispatchFact.tenant_id == tenant_id, DispatchFact.subject_ref == subject_ref)
        .order_by(DispatchFact.dispatched_on, DispatchFact.dispatch_id)
    )
    restricted = await session.get(RestrictedSubject, (tenant_id, subject_ref))
    return {
        "statistics": None
        if totals is None
        else {
            "answers": totals.answers,
            "graded_answers": totals.graded_answers,
            "correct_answers": totals.correct_answers,
            "last_answered_at": totals.last_answered_at.isoformat(),
        },
        "answers": [
            {
                "assessment_id": str(answer.assessment_id),
                "question_id": str(answer.question_id),
                "chosen_option_ids": [str(option) for option in answer.chosen_option_ids],
                "correct": answer.correct,
                "scale_value": answer.scale_value,
                "free_text_given": answer.free_text_given,
                "time_to_answer_ms": answer.time_to_answer_ms,
                "answered_at": answer.answered_at.isoformat(),
                "topics": list(answer.topics),
                "group_ids": [str(group) for group in answer.group_ids],
            }
            for answer in answers
        ],
        "dispatches": [
            {
                "assessment_id": str(dispatch.assessment_id),
                "question_id": str(dispatch.question_id) if dispatch.question_id else None,
                "kind": dispatch.kind,
                "dispatched_on": dispatch.dispatched_on.isoformat()
                if dispatch.dispatched_on
                else None,
                "sent": dispatch.sent,
                "delivered": dispatch.delivered,
                "bounced": dispatch.bounced,
                "suppressed": dispatch.suppressed,
                "answered": dispatch.answered,
            }
            for dispatch in dispatches
        ],
        "restricted": restricted is not None,
    }


async def anonymise_older_than(session: AsyncSession, *, due: RetentionDue) -> Erasure:
    """Per-person rows older than the cutoff: facts lose their person, the person's own
    rows (totals, respondents) are deleted; the anonymous totals stay."""
    cutoff_day = due.cutoff.date()

    def scope(table: Table, *conditions: Any) -> list[Any]:
        scoped = [*conditions, table.c.subject_ref.is_not(None)]
        scoped.append(table.c.tenant_id.not_in(due.excluded_tenant_ids))
        scoped.append(table.c.subject_ref.not_in(due.excluded_subject_refs))
        if due.tenant_id is not None:
            scoped.append(table.c.tenant_id == due.tenant_id)
        return scoped

    answers, dispatches = table_of(AnswerFact), table_of(DispatchFact)
    participants, respondents = table_of(ParticipantStats), table_of(TrendRespondent)
    anonymising = {
        answers: scope(answers, answers.c.answered_at < due.cutoff),
        dispatches: scope(dispatches, dispatches.c.dispatched_on < cutoff_day),
    }
    deleting = {
        participants: scope(participants, participants.c.last_answered_at < due.cutoff),
        respondents: scope(respondents, respondents.c.day < cutoff_day),
    }
    if due.dry_run:
        return Erasure(
            rows_deleted={t.name: await _count(session, t, c) for t, c in deleting.items()},
            rows_anonymised={t.name: await _count(session, t, c) for t, c in anonymising.items()},
        )
    anonymised = {
        answers.name: _rows(
            await session.execute(
                update(answers)
                .where(*anonymising[answers])
                .values(subject_ref=None, dispatch_id=None)
            )
        ),
        dispatches.name: _rows(
            await session.execute(
                update(dispatches)
                .where(*anonymising[dispatches])
                .values(subject_ref=None, dispatch_id=func.gen_random_uuid())
            )
        ),
    }
    deleted = {
        table.name: _rows(await session.execute(delete(table).where(*conditions)))
        for table, conditions in deleting.items()
    }
    return Erasure(
        rows_deleted={name: count for name, count in deleted.items() if count},
        rows_anonymised={name: count for name, count in anonymised.items() if count},
    )


async def _count(session: AsyncSession, table: Table, conditions: list[Any]) -> int:
    return int(
        await session.scalar(select(func.count()).select_from(table).where(*conditions)) or 0
    )
