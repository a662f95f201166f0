"""Privacy policy versions, their announcement and acceptance (Q13): the privacy officer
publishes and withdraws, anyone reads the public page, a client user accepts."""

from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from fastapi import APIRouter, HTTPException, Response, status

from chassis.auth.dependencies import ClientViewer, PrivacyOfficer
from chassis.database import SessionDep
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.policies import service
from privacy.policies.errors import PolicyError
from privacy.policies.schemas import (
    Acceptance,
    AcceptancePage,
    NewAcceptance,
    NewPolicyVersion,
    OfficerVersion,
    OfficerVersionPage,
    PublicPolicies,
    PublicVersion,
    VersionStatus,
    Withdrawal,
)
from privacy.requests.paging import PagingDep

router = APIRouter(tags=["policies"])


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except PolicyError as error:
        raise HTTPException(error.status_code, error.detail) from None


@router.get("/public/policies")
async def read_public_policies(session: SessionDep, now: Now) -> PublicPolicies:
    """No sign-in: the version in effect and the versions announced to follow, with texts."""
    async with session.begin():
        current = await service.current_version(session, now=now)
        upcoming = await service.upcoming_versions(session, now=now)
    return PublicPolicies(
        current=PublicVersion.of(current) if current else None,
        upcoming=[PublicVersion.of(version) for version in upcoming],
    )


@router.get("/policies")
async def list_versions(
    _officer: PrivacyOfficer, session: SessionDep, paging: PagingDep, now: Now
) -> OfficerVersionPage:
    """Every version (withdrawn ones too), newest first, with how many users accepted each."""
    async with session.begin():
        rows, total = await service.version_page(session, paging=paging, now=now)
    return OfficerVersionPage(
        items=[
            OfficerVersion.of_counted(version, status=state, acceptances=count)
            for version, state, count in rows
        ],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


@router.post("/policies", status_code=status.HTTP_201_CREATED)
async def publish_version(
    body: NewPolicyVersion,
    officer: PrivacyOfficer,
    session: SessionDep,
    settings: SettingsDep,
    now: Now,
) -> OfficerVersion:
    """Publishes a version at least ``notice_days`` (30) ahead and emails every client
    representative once (Q13); sooner is 422, a label or date already taken 409."""
    with _refusals():
        async with session.begin():
            version = await service.publish_version(
                session, body=body, officer_id=officer.user_id, settings=settings, now=now
            )
            return OfficerVersion.of_counted(version, status=VersionStatus.UPCOMING, acceptances=0)


@router.get("/policies/{version_id}")
async def read_version(
    version_id: UUID, _officer: PrivacyOfficer, session: SessionDep, now: Now
) -> OfficerVersion:
    with _refusals():
        async with session.begin():
            version, state, count = await service.counted_version(
                session, version_id=version_id, now=now
            )
            return OfficerVersion.of_counted(version, status=state, acceptances=count)


@router.post("/policies/{version_id}/withdrawal")
async def withdraw_version(
    version_id: UUID, body: Withdrawal, officer: PrivacyOfficer, session: SessionDep, now: Now
) -> OfficerVersion:
    """Withdraws a version before it takes effect (after: 409)."""
    with _refusals():
        async with session.begin():
            await service.withdraw_version(
                session,
                version_id=version_id,
                reason=body.reason,
                officer_id=officer.user_id,
                now=now,
            )
            version, state, count = await service.counted_version(
                session, version_id=version_id, now=now
            )
            return OfficerVersion.of_counted(version, status=state, acceptances=count)


@router.post(
    "/me/policy-acceptances",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "Accepted before: the first record"}},
)
async def accept_version(
    body: NewAcceptance, user: ClientViewer, session: SessionDep, now: Now, response: Response
) -> Acceptance:
    """A client user accepts the current or an upcoming version: who, in which client, which
    version, when and how are recorded (Q13). Accepting again answers 200 with the first."""
    if user.tenant_id is None:  # ClientViewer guarantees a tenant
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only a client's users can accept.")
    with _refusals():
        async with session.begin():
            acceptance, version, new = await service.accept_version(
                session,
                label=body.label,
                user_id=user.user_id,
                tenant_id=user.tenant_id,
                channel=body.channel,
                now=now,
            )
    if not new:
        response.status_code = status.HTTP_200_OK
    return Acceptance.of(acceptance, version)


@router.get("/me/policy-acceptances")
async def list_own_acceptances(
    user: ClientViewer, session: SessionDep, paging: PagingDep
) -> AcceptancePage:
    async with session.begin():
        rows, total = await service.acceptances_of(session, user_id=user.user_id, paging=paging)
    return AcceptancePage(
        items=[Acceptance.of(acceptance, version) for acceptance, version in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )
