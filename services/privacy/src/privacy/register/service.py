"""Reading and editing the register; every edit is audited (Q15)."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit, hold_audit_chain
from privacy.register.models import RegisterActivity, RegisterProcessor, activity_processor
from privacy.register.places import outside_eu_eea
from privacy.register.schemas import (
    Activity,
    ActivityFields,
    Processor,
    ProcessorBrief,
    ProcessorFields,
)
from privacy.requests.models import SubjectKind
from privacy.requests.paging import Paging
from privacy.requests.states import Actor


class RegisterNotFoundError(LookupError):
    """No such activity or processor (a 404)."""


class RegisterInputError(ValueError):
    """Well-formed input the register cannot take (a 422)."""


_ACTIVITY_COLUMNS = (
    "category",
    "category_et",
    "description",
    "subject_kind",
    "soket_role",
    "controller",
    "source",
    "purposes",
    "retention",
    "recipients",
)
_PROCESSOR_COLUMNS = (
    "company",
    "service",
    "service_et",
    "processed_in",
    "countries",
    "engaged_by",
    "transfer",
    "terms_url",
)


async def activities(
    session: AsyncSession, *, paging: Paging | None = None, subject_kind: SubjectKind | None = None
) -> tuple[list[Activity], int]:
    """A page of activities (all when ``paging`` is None), seeded ones first, and the total."""
    query = select(RegisterActivity)
    counted = select(func.count()).select_from(RegisterActivity)
    if subject_kind is not None:
        query = query.where(RegisterActivity.subject_kind == subject_kind)
        counted = counted.where(RegisterActivity.subject_kind == subject_kind)
    query = query.order_by(RegisterActivity.id)
    if paging is not None:
        query = query.limit(paging.page_size).offset(paging.offset)
    rows = list((await session.scalars(query)).all())
    total = await session.scalar(counted) if paging is not None else len(rows)
    return await _activity_views(session, rows), total or 0


async def processors(
    session: AsyncSession, *, paging: Paging | None = None
) -> tuple[list[Processor], int]:
    query = select(RegisterProcessor).order_by(RegisterProcessor.id)
    if paging is not None:
        query = query.limit(paging.page_size).offset(paging.offset)
    rows = list((await session.scalars(query)).all())
    if paging is None:
        total = len(rows)
    else:
        total = await session.scalar(select(func.count()).select_from(RegisterProcessor)) or 0
    links = await _links(session, processor_ids=[row.id for row in rows])
    used_by: dict[UUID, list[UUID]] = defaultdict(list)
    for activity_id, processor_id in links:
        used_by[processor_id].append(activity_id)
    return [_processor_view(row, sorted(used_by[row.id])) for row in rows], total


async def activity(session: AsyncSession, *, activity_id: UUID) -> Activity:
    row = await _activity_row(session, activity_id, lock=False)
    return (await _activity_views(session, [row]))[0]


async def processor(session: AsyncSession, *, processor_id: UUID) -> Processor:
    row = await _processor_row(session, processor_id, lock=False)
    links = await _links(session, processor_ids=[row.id])
    return _processor_view(row, sorted(activity_id for activity_id, _ in links))


async def create_activity(
    session: AsyncSession, *, fields: ActivityFields, officer_id: UUID, now: datetime
) -> Activity:
    await hold_audit_chain(session)  # before the locks: this transaction appends audit (Q15)
    values = _activity_values(fields)
    await _check_processors_exist(session, fields.processor_ids)
    row = RegisterActivity(**{name: values[name] for name in _ACTIVITY_COLUMNS})
    session.add(row)
    await session.flush()
    await _link(session, activity_id=row.id, processor_ids=fields.processor_ids)
    await _audit(
        session, "activity.created", officer_id, now, {"activity_id": str(row.id), **values}
    )
    return await activity(session, activity_id=row.id)


async def update_activity(
    session: AsyncSession,
    *,
    activity_id: UUID,
    fields: ActivityFields,
    officer_id: UUID,
    now: datetime,
) -> Activity:
    """Replaces the activity with ``fields``; the audit entry names what changed."""
    await hold_audit_chain(session)
    row = await _activity_row(session, activity_id, lock=True)
    await _check_processors_exist(session, fields.processor_ids)
    before = _stored_activity_values(row, await _processor_ids_of(session, activity_id))
    after = _activity_values(fields)
    changed = _changes(before, after)
    if changed:
        for name in _ACTIVITY_COLUMNS:
            setattr(row, name, after[name])
        if "processor_ids" in changed:
            await session.execute(
                delete(activity_processor).where(activity_processor.c.activity_id == activity_id)
            )
            await _link(session, activity_id=activity_id, processor_ids=fields.processor_ids)
        await session.flush()
        await session.refresh(row)
        await _audit(
            session,
            "activity.updated",
            officer_id,
            now,
            {"activity_id": str(activity_id), "changed": changed},
        )
    return await activity(session, activity_id=activity_id)


async def delete_activity(
    session: AsyncSession, *, activity_id: UUID, officer_id: UUID, now: datetime
) -> None:
    await hold_audit_chain(session)
    row = await _activity_row(session, activity_id, lock=True)
    removed = _stored_activity_values(row, await _processor_ids_of(session, activity_id))
    await session.execute(delete(RegisterActivity).where(RegisterActivity.id == activity_id))
    await _audit(
        session, "activity.deleted", officer_id, now, {"activity_id": str(activity_id), **removed}
    )


async def create_processor(
    session: AsyncSession, *, fields: ProcessorFields, officer_id: UUID, now: datetime
) -> Processor:
    values = fields.model_dump(mode="json")
    row = RegisterProcessor(**values)
    session.add(row)
    await session.flush()
    await _audit(
        session, "processor.created", officer_id, now, {"processor_id": str(row.id), **values}
    )
    return _processor_view(row, [])


async def update_processor(
    session: AsyncSession,
    *,
    processor_id: UUID,
    fields: ProcessorFields,
    officer_id: UUID,
    now: datetime,
) -> Processor:
    await hold_audit_chain(session)
    row = await _processor_row(session, processor_id, lock=True)
    changed = _changes(_stored_processor_values(row), fields.model_dump(mode="json"))
    if changed:
        for name, change in changed.items():
            setattr(row, name, change["after"])
        await session.flush()
        await session.refresh(row)
        await _audit(
            session,
            "processor.updated",
            officer_id,
            now,
            {"processor_id": str(processor_id), "changed": changed},
        )
    return await processor(session, processor_id=processor_id)


async def delete_processor(
    session: AsyncSession, *, processor_id: UUID, officer_id: UUID, now: datetime
) -> None:
    """Deletes the processor; the activities it served no longer name it."""
    await hold_audit_chain(session)
    row = await _processor_row(session, processor_id, lock=True)
    removed = _stored_processor_values(row)
    served = sorted(
        activity_id for activity_id, _ in await _links(session, processor_ids=[processor_id])
    )
    await session.execute(delete(RegisterProcessor).where(RegisterProcessor.id == processor_id))
    await _audit(
        session,
        "processor.deleted",
        officer_id,
        now,
        {
            "processor_id": str(processor_id),
            **removed,
            "unlinked_activity_ids": [str(activity_id) for activity_id in served],
        },
    )


async def describe_processing(
    session: AsyncSession, *, subject_kind: SubjectKind
) -> list[dict[str, Any]]:
    """What the register says is processed about this kind of person: per category, its
    purposes, legal bases, retention and recipients (JSON values), for access requests."""
    described, _ = await activities(session, subject_kind=subject_kind)
    every_processor, _ = await processors(session)
    by_id = {item.id: item for item in every_processor}
    return [
        {
            "category": item.category,
            "category_et": item.category_et,
            "description": item.description,
            "source": item.source,
            "soket_role": item.soket_role.value,
            "controller": item.controller,
            "purposes": [purpose.model_dump(mode="json") for purpose in item.purposes],
            "retention": item.retention,
            "recipients": list(item.recipients),
            "processors": [
                {
                    "company": by_id[brief.id].company,
                    "service": by_id[brief.id].service,
                    "processed_in": by_id[brief.id].processed_in,
                    "countries": list(by_id[brief.id].countries),
                    "transfer": by_id[brief.id].transfer,
                }
                for brief in item.processors
            ],
        }
        for item in described
    ]


async def _activity_row(
    session: AsyncSession, activity_id: UUID, *, lock: bool
) -> RegisterActivity:
    row = await session.get(RegisterActivity, activity_id, with_for_update=lock)
    if row is None:
        raise RegisterNotFoundError("No such activity in the register.")
    return row


async def _processor_row(
    session: AsyncSession, processor_id: UUID, *, lock: bool
) -> RegisterProcessor:
    row = await session.get(RegisterProcessor, processor_id, with_for_update=lock)
    if row is None:
        raise RegisterNotFoundError("No such processor in the register.")
    return row


async def _activity_views(
    session: AsyncSession, rows: Sequence[RegisterActivity]
) -> list[Activity]:
    links = await _links(session, activity_ids=[row.id for row in rows])
    processor_ids = {processor_id for _, processor_id in links}
    found = await session.scalars(
        select(RegisterProcessor).where(RegisterProcessor.id.in_(processor_ids))
    )
    by_id = {row.id: row for row in found}
    served: dict[UUID, list[UUID]] = defaultdict(list)
    for activity_id, processor_id in links:
        served[activity_id].append(processor_id)
    views = []
    for row in rows:
        linked = sorted(served[row.id])
        views.append(
            Activity(
                id=row.id,
                **{name: getattr(row, name) for name in _ACTIVITY_COLUMNS},
                processor_ids=linked,
                processors=[
                    ProcessorBrief(
                        id=processor_id,
                        company=by_id[processor_id].company,
                        processed_in=by_id[processor_id].processed_in,
                    )
                    for processor_id in linked
                ],
                created_at=row.created_at,
                updated_at=row.updated_at,
            )
        )
    return views


def _processor_view(row: RegisterProcessor, activity_ids: list[UUID]) -> Processor:
    return Processor(
        id=row.id,
        **{name: getattr(row, name) for name in _PROCESSOR_COLUMNS},
        outside_eu_eea=outside_eu_eea(row.countries),
        activity_ids=activity_ids,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def _links(
    session: AsyncSession,
    *,
    processor_ids: Sequence[UUID] | None = None,
    activity_ids: Sequence[UUID] | None = None,
) -> list[tuple[UUID, UUID]]:
    """(activity id, processor id) pairs of these processors, or of these activities."""
    query = select(activity_processor.c.activity_id, activity_processor.c.processor_id)
    if processor_ids is not None:
        query = query.where(activity_processor.c.processor_id.in_(processor_ids))
    if activity_ids is not None:
        query = query.where(activity_processor.c.activity_id.in_(activity_ids))
    return [(row.activity_id, row.processor_id) for row in await session.execute(query)]


async def _processor_ids_of(session: AsyncSession, activity_id: UUID) -> list[UUID]:
    return sorted(
        processor_id for _, processor_id in await _links(session, activity_ids=[activity_id])
    )


async def _link(session: AsyncSession, *, activity_id: UUID, processor_ids: list[UUID]) -> None:
    if processor_ids:
        await session.execute(
            insert(activity_processor),
            [{"activity_id": activity_id, "processor_id": pid} for pid in processor_ids],
        )


async def _check_processors_exist(session: AsyncSession, processor_ids: list[UUID]) -> None:
    if not processor_ids:
        return
    found = set(
        await session.scalars(
            select(RegisterProcessor.id)
            .where(RegisterProcessor.id.in_(processor_ids))
            .with_for_update(read=True)  # not deleted before this activity links them
        )
    )
    missing = [str(processor_id) for processor_id in processor_ids if processor_id not in found]
    if missing:
        raise RegisterInputError(f"No such processor in the register: {', '.join(missing)}.")


def _activity_values(fields: ActivityFields) -> dict[str, Any]:
    values = fields.model_dump(mode="json")
    values["processor_ids"] = sorted(values["processor_ids"])
    return values


def _stored_activity_values(row: RegisterActivity, processor_ids: list[UUID]) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(row, name) for name in _ACTIVITY_COLUMNS}
    values["processor_ids"] = sorted(str(processor_id) for processor_id in processor_ids)
    return values


def _stored_processor_values(row: RegisterProcessor) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _PROCESSOR_COLUMNS}


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {"before": before[name], "after": after[name]}
        for name in after
        if before.get(name) != after[name]
    }


async def _audit(
    session: AsyncSession, what: str, officer_id: UUID, now: datetime, details: dict[str, Any]
) -> None:
    await append_audit(
        session,
        action=f"register.{what}",
        actor=Actor.PRIVACY_OFFICER.value,
        at=now,
        details=details,
        actor_id=officer_id,
    )
