"""A job as the API shows it."""

from datetime import datetime
from typing import Any

from privacy.saga.models import ServiceJob


def job_summary(job: ServiceJob) -> dict[str, object]:
    return {
        "service": job.service,
        "step": job.step,
        "status": job.status,
        "attempts": job.attempts,
        "dispatched_at": _moment(job.dispatched_at),
        "next_attempt_at": _moment(job.next_attempt_at),
        "last_error": job.error,
        "skip_reason": job.skipped_reason,
        "finished_at": _moment(job.finished_at),
        "receipt": _receipt_summary(job) if job.audit_seq is not None else None,
    }


def _receipt_summary(job: ServiceJob) -> dict[str, object]:
    receipt: dict[str, Any] = job.receipt or {}
    return {
        "rows_deleted": sum(receipt.get("rows_deleted", {}).values()),
        "rows_anonymised": sum(receipt.get("rows_anonymised", {}).values()),
        "method": receipt.get("method"),
        "key_id": receipt.get("key_id"),
        "audit_seq": job.audit_seq,
    }


def _moment(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
