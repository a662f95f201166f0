"""Runs as the dashboard reads them: pages of runs, one run with its receipts, a dry run's
prediction per policy, service and table."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import RetentionAction, RetentionCategory
from contracts.events.receipt import ReceiptScope
from contracts.vocabulary import DataService
from privacy.proofs.models import StoredReceipt
from privacy.requests.paging import Paging
from privacy.retention.errors import RetentionNotFoundError
from privacy.retention.models import RetentionResult, RetentionRun
from privacy.retention.schemas import (
    DryRunPolicy,
    DryRunReport,
    Run,
    RunDetail,
    ServiceResult,
)


async def list_runs(
    session: AsyncSession, *, paging: Paging, dry_run: bool | None
) -> tuple[list[Run], int]:
    """Newest first."""
    conditions = [] if dry_run is None else [RetentionRun.dry_run.is_(dry_run)]
    total = await session.scalar(select(func.count()).select_from(RetentionRun).where(*conditions))
    found = await session.scalars(
        select(RetentionRun)
        .where(*conditions)
        .order_by(RetentionRun.started_at.desc(), RetentionRun.id.desc())
        .offset(paging.offset)
        .limit(paging.page_size)
    )
    return [Run.of(run) for run in found], total or 0


async def run_detail(session: AsyncSession, *, run_id: UUID) -> RunDetail:
    run = await session.get(RetentionRun, run_id)
    if run is None:
        raise RetentionNotFoundError(f"no retention run {run_id}")
    results = await _results(session, [run.id])
    receipts = {
        stored.service: stored.content
        for stored in await session.scalars(
            select(StoredReceipt).where(
                StoredReceipt.request_id == run.id, StoredReceipt.scope == ReceiptScope.RETENTION
            )
        )
    }
    return RunDetail(
        **Run.of(run).model_dump(),
        results=[_service_result(result, receipts.get(result.service)) for result in results],
        waiting_for=_waiting_for(results),
    )


async def dry_run_report(session: AsyncSession, *, batch_id: UUID) -> DryRunReport:
    runs = list(
        await session.scalars(
            select(RetentionRun)
            .where(RetentionRun.batch_id == batch_id, RetentionRun.dry_run.is_(True))
            .order_by(RetentionRun.category, RetentionRun.tenant_id.nulls_first())
        )
    )
    if not runs:
        raise RetentionNotFoundError(f"no dry run {batch_id}")
    results = await _results(session, [run.id for run in runs])
    policies = []
    for run in runs:
        own = [result for result in results if result.run_id == run.id]
        rows = {result.service: dict(result.rows_affected) for result in own}
        policies.append(
            DryRunPolicy(
                run_id=run.id,
                policy_id=run.policy_id,
                category=RetentionCategory(run.category),
                tenant_id=run.tenant_id,
                action=RetentionAction(run.action),
                cutoff=run.cutoff,
                rows=rows,
                total=sum(sum(tables.values()) for tables in rows.values()),
                waiting_for=_waiting_for(own),
            )
        )
    return DryRunReport(
        batch_id=batch_id,
        started_at=min(run.started_at for run in runs),
        complete=all(not policy.waiting_for for policy in policies),
        policies=policies,
    )


async def _results(session: AsyncSession, run_ids: list[UUID]) -> Sequence[RetentionResult]:
    found = await session.scalars(
        select(RetentionResult)
        .where(RetentionResult.run_id.in_(run_ids))
        .order_by(RetentionResult.run_id, RetentionResult.service)
    )
    return found.all()


def _waiting_for(results: Sequence[RetentionResult]) -> list[str]:
    answered = {result.service for result in results}
    return sorted(str(service) for service in DataService if service not in answered)


def _service_result(result: RetentionResult, receipt: dict[str, Any] | None) -> ServiceResult:
    return ServiceResult(
        service=result.service,
        rows_affected=dict(result.rows_affected),
        receipt=receipt,
        receipt_sha256=result.receipt_sha256,
        receipt_verified=result.receipt_sha256 is not None,
        receipt_error=result.receipt_error,
        audit_seq=result.audit_seq,
        received_at=result.received_at,
    )
