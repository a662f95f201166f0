"""Publishing, withdrawing and accepting privacy policy versions (Q13)."""

from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from privacy.audit.service import append_audit, hold_audit_chain
from privacy.database import new_id
from privacy.policies.announcement import announce, announcement_id
from privacy.policies.errors import PolicyConflictError, PolicyInputError, PolicyNotFoundError
from privacy.policies.models import AcceptanceChannel, PolicyAcceptance, PolicyVersion
from privacy.policies.options import PolicyOptions
from privacy.policies.schemas import NewPolicyVersion, VersionStatus
from privacy.requests.paging import Paging
from privacy.requests.states import Actor
from privacy.settings import Settings

UPCOMING_SHOWN = 20
"""The public page lists at most this many upcoming versions."""

_LIVE: ColumnElement[bool] = PolicyVersion.withdrawn_at.is_(None)


def effective_moment(effective_on: date, options: PolicyOptions) -> datetime:
    """Midnight of the effective date in the policy's time zone, in UTC."""
    local = datetime.combine(effective_on, time(0), tzinfo=ZoneInfo(options.time_zone))
    return local.astimezone(UTC)


def earliest_effective_on(now: datetime, options: PolicyOptions) -> date:
    """The first date whose midnight is at least ``notice_days`` after ``now``."""
    notice = timedelta(days=options.notice_days)
    candidate = (now + notice).astimezone(ZoneInfo(options.time_zone)).date()
    while effective_moment(candidate, options) - now < notice:
        candidate += timedelta(days=1)
    return candidate


async def publish_version(
    session: AsyncSession,
    *,
    body: NewPolicyVersion,
    officer_id: UUID,
    settings: Settings,
    now: datetime,
) -> PolicyVersion:
    """Records the version and asks for its announcement to every client representative, in
    one transaction; refused unless it takes effect ``notice_days`` ahead or later (Q13)."""
    options = settings.policies
    earliest = earliest_effective_on(now, options)
    if body.effective_on < earliest:
        raise PolicyInputError(
            f"A policy version takes effect at least {options.notice_days} days after it is "
            f"announced (Q13): effective_on {body.effective_on.isoformat()} is too soon; "
            f"the earliest is {earliest.isoformat()}."
        )
    await hold_audit_chain(session)  # publishers one at a time: the checks below stay true
    if await session.scalar(select(PolicyVersion.id).where(PolicyVersion.label == body.label)):
        raise PolicyConflictError(f"Version {body.label} is already published; use a new label.")
    same_day = await session.scalar(
        select(PolicyVersion.label).where(_LIVE, PolicyVersion.effective_on == body.effective_on)
    )
    if same_day:
        raise PolicyConflictError(
            f"Version {same_day} already takes effect on {body.effective_on.isoformat()}; "
            "withdraw it first or choose another date."
        )
    version = PolicyVersion(
        **body.model_dump(),
        effective_at=effective_moment(body.effective_on, options),
        published_at=now,
        published_by=officer_id,
    )
    session.add(version)
    await session.flush()
    await announce(session, version=version, settings=settings)
    await append_audit(
        session,
        action="policy.published",
        actor=Actor.PRIVACY_OFFICER,
        actor_id=officer_id,
        at=now,
        details={
            "version_id": str(version.id),
            "label": version.label,
            "effective_on": version.effective_on.isoformat(),
            "notice_id": str(announcement_id(version.id)),
        },
    )
    return version


async def withdraw_version(
    session: AsyncSession, *, version_id: UUID, reason: str, officer_id: UUID, now: datetime
) -> PolicyVersion:
    """Withdraws a version that has not taken effect yet; the reason stays on the version."""
    await hold_audit_chain(session)
    version = await session.get(PolicyVersion, version_id, with_for_update=True)
    if version is None:
        raise PolicyNotFoundError()
    if version.withdrawn_at is not None:
        raise PolicyConflictError(f"Version {version.label} is already withdrawn.")
    if version.effective_at <= now:
        raise PolicyConflictError(
            f"Version {version.label} took effect on {version.effective_on.isoformat()}; "
            "publish a new version instead."
        )
    version.withdrawn_at = now
    version.withdrawn_by = officer_id
    version.withdrawal_reason = reason
    await append_audit(
        session,
        action="policy.withdrawn",
        actor=Actor.PRIVACY_OFFICER,
        actor_id=officer_id,
        at=now,
        details={"version_id": str(version.id), "label": version.label},
    )
    return version


async def current_version(session: AsyncSession, *, now: datetime) -> PolicyVersion | None:
    """The version in effect at ``now``: the latest live one that has taken effect."""
    found: PolicyVersion | None = await session.scalar(
        select(PolicyVersion)
        .where(_LIVE, PolicyVersion.effective_at <= now)
        .order_by(PolicyVersion.effective_at.desc())
        .limit(1)
    )
    return found


async def upcoming_versions(session: AsyncSession, *, now: datetime) -> list[PolicyVersion]:
    return list(
        await session.scalars(
            select(PolicyVersion)
            .where(_LIVE, PolicyVersion.effective_at > now)
            .order_by(PolicyVersion.effective_at)
            .limit(UPCOMING_SHOWN)
        )
    )


async def version_page(
    session: AsyncSession, *, paging: Paging, now: datetime
) -> tuple[list[tuple[PolicyVersion, VersionStatus, int]], int]:
    """Every version, newest effective date first, with its status and acceptance count."""
    total = await session.scalar(select(func.count()).select_from(PolicyVersion))
    accepted = (
        select(PolicyAcceptance.version_id, func.count().label("n"))
        .group_by(PolicyAcceptance.version_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(PolicyVersion, func.coalesce(accepted.c.n, 0))
            .outerjoin(accepted, accepted.c.version_id == PolicyVersion.id)
            .order_by(PolicyVersion.effective_on.desc(), PolicyVersion.published_at.desc())
            .limit(paging.page_size)
            .offset(paging.offset)
        )
    ).all()
    current = await current_version(session, now=now)
    current_id = current.id if current else None
    return [
        (version, version_status(version, now=now, current_id=current_id), int(count))
        for version, count in rows
    ], int(total or 0)


async def counted_version(
    session: AsyncSession, *, version_id: UUID, now: datetime
) -> tuple[PolicyVersion, VersionStatus, int]:
    version = await session.get(PolicyVersion, version_id)
    if version is None:
        raise PolicyNotFoundError()
    count = await session.scalar(
        select(func.count()).where(PolicyAcceptance.version_id == version_id)
    )
    current = await current_version(session, now=now)
    status = version_status(version, now=now, current_id=current.id if current else None)
    return version, status, int(count or 0)


def version_status(
    version: PolicyVersion, *, now: datetime, current_id: UUID | None
) -> VersionStatus:
    if version.withdrawn_at is not None:
        return VersionStatus.WITHDRAWN
    if version.effective_at > now:
        return VersionStatus.UPCOMING
    return VersionStatus.CURRENT if version.id == current_id else VersionStatus.SUPERSEDED


async def accept_version(
    session: AsyncSession,
    *,
    label: str,
    user_id: UUID,
    tenant_id: UUID,
    channel: AcceptanceChannel,
    now: datetime,
) -> tuple[PolicyAcceptance, PolicyVersion, bool]:
    """Records that the user accepted the current or an upcoming version; accepting again
    keeps the first record. Returns it, its version, and whether it is new."""
    version = await session.scalar(select(PolicyVersion).where(PolicyVersion.label == label))
    if version is None:
        raise PolicyNotFoundError(f"No policy version {label}.")
    if version.withdrawn_at is not None:
        raise PolicyConflictError(f"Version {label} was withdrawn; it cannot be accepted.")
    current = await current_version(session, now=now)
    if version.effective_at <= now and (current is None or current.id != version.id):
        raise PolicyConflictError(
            f"Version {label} is no longer in effect; accept the current version instead."
        )
    inserted = await session.scalar(
        insert(PolicyAcceptance)
        .values(
            id=new_id(),
            version_id=version.id,
            user_id=user_id,
            tenant_id=tenant_id,
            accepted_at=now,
            channel=channel,
        )
        .on_conflict_do_nothing(index_elements=["version_id", "user_id"])
        .returning(PolicyAcceptance.id)
    )
    acceptance = await session.scalar(
        select(PolicyAcceptance).where(
            PolicyAcceptance.version_id == version.id, PolicyAcceptance.user_id == user_id
        )
    )
    if acceptance is None:  # pragma: no cover - the insert or an earlier one made it
        raise PolicyConflictError("The acceptance could not be recorded; try again.")
    return acceptance, version, inserted is not None


async def acceptances_of(
    session: AsyncSession, *, user_id: UUID, paging: Paging
) -> tuple[list[tuple[PolicyAcceptance, PolicyVersion]], int]:
    """The user's own acceptances, newest first."""
    total = await session.scalar(select(func.count()).where(PolicyAcceptance.user_id == user_id))
    rows = (
        await session.execute(
            select(PolicyAcceptance, PolicyVersion)
            .join(PolicyVersion, PolicyVersion.id == PolicyAcceptance.version_id)
            .where(PolicyAcceptance.user_id == user_id)
            .order_by(PolicyAcceptance.accepted_at.desc(), PolicyAcceptance.id.desc())
            .limit(paging.page_size)
            .offset(paging.offset)
        )
    ).all()
    return [(acceptance, version) for acceptance, version in rows], int(total or 0)


async def forget_acceptances(
    session: AsyncSession, *, tenant_id: UUID, user_id: UUID | None = None
) -> int:
    """Deletes the acceptances of a client (or of one of its users) being erased; how many."""
    statement = delete(PolicyAcceptance).where(PolicyAcceptance.tenant_id == tenant_id)
    if user_id is not None:
        statement = statement.where(PolicyAcceptance.user_id == user_id)
    result = await session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)
