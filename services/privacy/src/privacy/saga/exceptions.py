"""What an erasure could not remove, said on the request (P14)."""

from collections.abc import Sequence

from privacy.holds.models import LegalHold
from privacy.saga.models import JobStep, ServiceJob

BEYOND_REACH = (
    "Not erasable by Soket: messages already delivered to the person's mailbox or Slack, "
    "and backups, which expire on their own schedule."
)


def erasure_exceptions(jobs: Sequence[ServiceJob]) -> str:
    """The rows kept without anything that points to the person, per service and table,
    and what no service can reach."""
    kept = [
        f"{job.service}.{table}: {count}"
        for job in sorted(jobs, key=lambda job: job.service)
        if job.step == JobStep.ERASE and job.receipt
        for table, count in sorted(job.receipt.get("rows_anonymised", {}).items())
        if count
    ]
    if not kept:
        return BEYOND_REACH
    return (
        "Kept as anonymous rows, with no link to the person (statistics): "
        + ", ".join(kept)
        + ". "
        + BEYOND_REACH
    )


LEGAL_CLAIMS = (
    "the data must be kept for the establishment, exercise or defence of legal claims "
    "(GDPR art. 17(3)(e)); it will not be deleted while that lasts"
)
"""What the subject is told when a legal hold refuses their erasure."""


def held_exception(hold: LegalHold) -> str:
    """The exception a legal hold puts on the erasure it refuses, for the staff."""
    held = "the whole client" if hold.subject_ref is None else "this person"
    return (
        f"Not erased: legal hold {hold.id} on {held} since {hold.placed_at:%Y-%m-%d} "
        f"(owner: {hold.owner}): {hold.reason}. Erasure refused under GDPR art. 17(3)(e); "
        "the subject was told why."
    )
