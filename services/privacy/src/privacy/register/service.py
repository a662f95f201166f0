from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.requests.models import SubjectKind


async def describe_processing(
    session: AsyncSession, *, subject_kind: SubjectKind
) -> list[dict[str, Any]]:
    """What the register says is processed about this kind of person: per category, its
    purposes, legal bases, retention and recipients (JSON values), for access requests."""
    raise NotImplementedError("register: being built")
