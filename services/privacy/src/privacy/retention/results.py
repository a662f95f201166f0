"""A data service's ``retention.applied`` reply: its counts, and its receipt verified."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.logs import get_logger
from contracts.events.privacy_replies import RetentionApplied
from contracts.vocabulary import DataService
from privacy.audit.service import hold_audit_chain
from privacy.proofs.service import ReceiptRejected, UnknownReceiptKey
from privacy.retention.models import RetentionResult, RetentionRun
from privacy.retention.receipts import accept_run_receipt

_log = get_logger("privacy.retention")


async def record_result(session: AsyncSession, *, reply: RetentionApplied, now: datetime) -> None:
    """Keeps the service's answer once (a reply may come twice); the run completes when every
    data service has answered. A receipt whose key is not known yet raises
    ``UnknownReceiptKey``, so the reply is retried; one that does not verify is kept as
    rejected, with why."""
    await hold_audit_chain(session)
    run = await session.scalar(
        select(RetentionRun).where(RetentionRun.id == reply.request_id).with_for_update()
    )
    if run is None or run.dry_run != reply.dry_run or run.category != reply.category:
        _log.warning("retention reply for no run of ours", run_id=str(reply.request_id))
        return
    if await session.get(RetentionResult, (run.id, reply.service)) is not None:
        return
    result = RetentionResult(
        run_id=run.id,
        service=reply.service,
        rows_affected=dict(reply.rows_affected),
        received_at=now,
    )
    if reply.receipt is not None:
        try:
            async with session.begin_nested():
                digest, seq = await accept_run_receipt(
                    session, run=run, receipt=reply.receipt, now=now
                )
            result.receipt_sha256, result.audit_seq = digest, seq
        except UnknownReceiptKey:
            raise
        except ReceiptRejected as error:
            result.receipt_error = str(error) or "receipt rejected"
            _log.warning("retention receipt rejected", run_id=str(run.id), service=reply.service)
    session.add(result)
    await session.flush()
    answered = await session.scalar(
        select(func.count()).select_from(RetentionResult).where(RetentionResult.run_id == run.id)
    )
    if (answered or 0) >= len(DataService):
        run.completed_at = now
