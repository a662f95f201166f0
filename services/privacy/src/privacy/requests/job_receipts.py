"""A request's jobs as its detail shows them: each receipt summary with its proofs."""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.proofs.summary import ReceiptProof, receipt_proofs
from privacy.saga import service as saga


async def jobs_with_proofs(session: AsyncSession, *, request_id: UUID) -> list[dict[str, object]]:
    """The saga's job summaries; each receipt also gives its ``sha256``, its ``signature`` and
    its audit entry's ``audit_hash`` (None where the stored receipt is not found)."""
    jobs = await saga.jobs_for(session, request_id=request_id)
    if not any(isinstance(job.get("receipt"), dict) for job in jobs):
        return jobs
    return with_proofs(jobs, await receipt_proofs(session, request_id=request_id))


def with_proofs(
    jobs: list[dict[str, object]], proofs: Mapping[int, ReceiptProof]
) -> list[dict[str, object]]:
    """The jobs, each receipt summary joined to its proof by its audit ``seq``."""
    shown: list[dict[str, object]] = []
    for job in jobs:
        receipt = job.get("receipt")
        if not isinstance(receipt, dict):
            shown.append(job)
            continue
        summary: dict[str, Any] = dict(receipt)
        seq = summary.get("audit_seq")
        proof = proofs.get(seq) if isinstance(seq, int) else None
        summary["sha256"] = proof.sha256 if proof else None
        summary["signature"] = proof.signature if proof else None
        summary["audit_hash"] = proof.audit_hash if proof else None
        shown.append({**job, "receipt": summary})
    return shown
