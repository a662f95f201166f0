"""What an erasure could not remove, said on the request (P14)."""

from collections.abc import Sequence

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
