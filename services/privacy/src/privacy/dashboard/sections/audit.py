"""The audit log (Q15): its latest entry, and its tail checked on every call.

The whole chain is O(entries) to check (``GET /audit/verification``, ``./soket privacy
verify-audit``); the dashboard checks only the latest ``TAIL`` entries, content and links, so
a change to a recent entry shows on the officer's home page at once.
"""

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.chain import ChainBreak, chain_break, entry_hash
from privacy.audit.models import AuditEntry
from privacy.audit.service import audit_content
from privacy.dashboard.schemas import AuditBreak, AuditSection

TAIL = 500
_APPEND_ONLY = text(
    "SELECT tgenabled::text IN ('O', 'A') FROM pg_trigger"
    " WHERE tgname = 'audit_entry_append_only' AND tgrelid = 'audit_entry'::regclass"
)


async def audit_section(session: AsyncSession) -> AuditSection:
    tail = [
        audit_content(entry)
        for entry in reversed(
            (
                await session.scalars(
                    select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(TAIL)
                )
            ).all()
        )
    ]
    append_only = bool(await session.scalar(_APPEND_ONLY))
    broken = tail_break(tail)
    latest = tail[-1] if tail else None
    return AuditSection(
        latest_seq=latest["seq"] if latest else None,
        latest_at=latest["at"] if latest else None,
        checked_from_seq=tail[0]["seq"] if tail else None,
        tail_intact=broken is None,
        first_break=AuditBreak(seq=broken.seq, problem=broken.problem) if broken else None,
        append_only=append_only,
        link="/audit",
        full_check_link="/audit/verification",
    )


def tail_break(tail: list[dict[str, Any]]) -> ChainBreak | None:
    """The first break in consecutive entries: the first one's own hash, then every link.
    From seq 1 the first entry must also follow the genesis hash."""
    if not tail:
        return None
    first = tail[0]
    if first["seq"] == 1:
        return chain_break(tail)
    if entry_hash(first["previous_hash"], first) != first["hash"]:
        return ChainBreak(seq=first["seq"], problem="content", explanation="")
    return chain_break(tail[1:], previous=first)
