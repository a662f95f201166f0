"""Each retention policy's last run with its receipts, when it runs next, and the last dry
run (P17, Q8)."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    Row,
    cast,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import RetentionAction, RetentionCategory
from contracts.vocabulary import DataService
from privacy.dashboard.schemas import LastDryRun, LastRun, RetentionPolicyStatus, RetentionSection
from privacy.retention.models import RetentionPolicy, RetentionResult, RetentionRun
from privacy.retention.options import RetentionOptions

P, Run, Result = RetentionPolicy, RetentionRun, RetentionResult


async def retention_section(
    session: AsyncSession, *, options: RetentionOptions, now: datetime
) -> RetentionSection:
    interval = timedelta(seconds=options.run_interval_seconds)
    policies = await _global_policies_with_last_run(session)
    results = await _results_by_run(session, [row.run_id for row in policies if row.run_id])
    due_before = literal(now - interval, DateTime(timezone=True))
    client_settings, runs_due = (
        await session.execute(
            select(
                func.count().filter(P.tenant_id.is_not(None)),
                func.count().filter(or_(P.last_run_at.is_(None), P.last_run_at <= due_before)),
            )
        )
    ).one()
    return RetentionSection(
        policies=[
            RetentionPolicyStatus(
                policy_id=row.id,
                category=RetentionCategory(row.category),
                period_days=row.period_days,
                action=RetentionAction(row.action),
                last_run=_last_run(row, results.get(row.run_id)) if row.run_id else None,
                next_due_at=max(now, row.last_run_at + interval) if row.last_run_at else now,
            )
            for row in policies
        ],
        client_settings=client_settings,
        runs_due=runs_due,
        last_dry_run=await _last_dry_run(session),
        link="/retention/policies",
        runs_link="/retention/runs?dry_run=false",
    )


async def _global_policies_with_last_run(session: AsyncSession) -> list[Row[Any]]:
    latest = (
        select(Run.id, Run.started_at, Run.completed_at)
        .where(Run.policy_id == P.id, Run.dry_run.is_(False))
        .order_by(Run.started_at.desc(), Run.id.desc())
        .limit(1)
        .lateral("latest")
    )
    rows = await session.execute(
        select(
            P.id,
            P.category,
            P.period_days,
            P.action,
            P.last_run_at,
            latest.c.id.label("run_id"),
            latest.c.started_at,
            latest.c.completed_at,
        )
        .outerjoin(latest, true())
        .where(P.tenant_id.is_(None))
        .order_by(P.category)
    )
    return list(rows.all())


def _rows_in(result: type[RetentionResult]) -> ColumnElement[int]:
    """The rows one service's answer counts, every table together."""
    each = func.jsonb_each_text(result.rows_affected).table_valued("key", "value")
    return select(func.coalesce(func.sum(cast(each.c.value, BigInteger)), 0)).scalar_subquery()


async def _results_by_run(
    session: AsyncSession, run_ids: list[UUID]
) -> dict[UUID, tuple[int, int, int, int]]:
    """Per run: services answered, receipts verified, receipts rejected, rows affected."""
    if not run_ids:
        return {}
    rows = await session.execute(
        select(
            Result.run_id,
            func.count(),
            func.count().filter(Result.receipt_sha256.is_not(None)),
            func.count().filter(Result.receipt_error.is_not(None)),
            func.coalesce(func.sum(_rows_in(Result)), 0),
        )
        .where(Result.run_id.in_(run_ids))
        .group_by(Result.run_id)
    )
    return {row[0]: (row[1], row[2], row[3], int(row[4])) for row in rows.all()}


def _last_run(row: Row[Any], figures: tuple[int, int, int, int] | None) -> LastRun:
    answered, verified, rejected, affected = figures or (0, 0, 0, 0)
    expected = len(DataService)
    return LastRun(
        run_id=row.run_id,
        started_at=row.started_at,
        completed_at=row.completed_at,
        rows_affected=affected,
        services_answered=answered,
        services_expected=expected,
        receipts_verified=verified,
        receipts_rejected=rejected,
        all_receipts_verified=verified == expected,
        link=f"/retention/runs/{row.run_id}",
    )


async def _last_dry_run(session: AsyncSession) -> LastDryRun | None:
    batch = (
        select(Run.batch_id)
        .where(Run.dry_run.is_(True))
        .order_by(Run.started_at.desc(), Run.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    per_run = (
        select(
            Run.id,
            Run.batch_id,
            Run.started_at,
            Run.completed_at,
            func.coalesce(func.sum(_rows_in(Result)), 0).label("rows"),
        )
        .outerjoin(Result, Result.run_id == Run.id)
        .where(Run.batch_id == batch)
        .group_by(Run.id)
        .subquery()
    )
    row = (
        await session.execute(
            select(
                per_run.c.batch_id,
                func.min(per_run.c.started_at),
                func.count(),
                func.count().filter(per_run.c.completed_at.is_not(None)),
                func.sum(per_run.c.rows),
            ).group_by(per_run.c.batch_id)
        )
    ).one_or_none()
    if row is None:
        return None
    batch_id, started_at, policies, completed, rows = row
    return LastDryRun(
        batch_id=batch_id,
        started_at=started_at,
        policies=policies,
        complete=completed == policies,
        rows_predicted=int(rows),
        link=f"/retention/dry-runs/{batch_id}",
    )
