"""Retention policies, client settings, runs and their receipts (P17, Q8)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from chassis.auth.dependencies import ClientAdmin, PrivacyOfficer
from chassis.auth.principal import Principal
from chassis.database import SessionDep
from contracts.events.privacy import RetentionCategory
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.requests.paging import PagingDep
from privacy.retention import queries, service
from privacy.retention.dry_runs import start_dry_run
from privacy.retention.errors import RetentionInputError, RetentionNotFoundError
from privacy.retention.schemas import (
    ClientSetting,
    ClientSettingFields,
    DryRunFields,
    DryRunReport,
    Policy,
    PolicyFields,
    RunDetail,
    RunPage,
)

router = APIRouter(tags=["retention"])


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except RetentionNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None
    except RetentionInputError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None


def _client_of(admin: Principal) -> UUID:
    if admin.tenant_id is None:  # ClientAdmin lets only a client's users through
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only a client's admins can use this.")
    return admin.tenant_id


@router.get("/retention/policies")
async def list_policies(_officer: PrivacyOfficer, session: SessionDep) -> list[Policy]:
    """Soket's policy per category (seven: a short list, not paged)."""
    async with session.begin():
        return [Policy.of(policy) for policy in await service.global_policies(session)]


@router.put("/retention/policies/{category}")
async def update_policy(
    officer: PrivacyOfficer,
    session: SessionDep,
    settings: SettingsDep,
    category: RetentionCategory,
    fields: PolicyFields,
    now: Now,
) -> Policy:
    with _refusals():
        async with session.begin():
            policy = await service.update_policy(
                session,
                category=category,
                fields=fields,
                options=settings.retention,
                officer_id=officer.user_id,
                now=now,
            )
            return Policy.of(policy)


@router.get("/client/retention")
async def read_client_retention(admin: ClientAdmin, session: SessionDep) -> list[ClientSetting]:
    """The categories the client controls, each with its own setting or Soket's default."""
    async with session.begin():
        return await service.client_settings(session, tenant_id=_client_of(admin))


@router.put("/client/retention/{category}")
async def set_client_retention(
    admin: ClientAdmin,
    session: SessionDep,
    settings: SettingsDep,
    category: RetentionCategory,
    fields: ClientSettingFields,
    now: Now,
) -> list[ClientSetting]:
    tenant_id = _client_of(admin)
    with _refusals():
        async with session.begin():
            await service.set_client_setting(
                session,
                tenant_id=tenant_id,
                category=category,
                fields=fields,
                options=settings.retention,
                admin_id=admin.user_id,
                now=now,
            )
            return await service.client_settings(session, tenant_id=tenant_id)


@router.delete("/client/retention/{category}")
async def clear_client_retention(
    admin: ClientAdmin, session: SessionDep, category: RetentionCategory, now: Now
) -> list[ClientSetting]:
    """Back to Soket's default for this category."""
    tenant_id = _client_of(admin)
    with _refusals():
        async with session.begin():
            await service.clear_client_setting(
                session,
                tenant_id=tenant_id,
                category=category,
                admin_id=admin.user_id,
                now=now,
            )
            return await service.client_settings(session, tenant_id=tenant_id)


@router.post("/retention/dry-runs", status_code=status.HTTP_202_ACCEPTED)
async def dry_run(
    officer: PrivacyOfficer, session: SessionDep, now: Now, fields: DryRunFields | None = None
) -> DryRunReport:
    """Asks every data service to count what each policy would touch; read the counts back
    from ``GET /retention/dry-runs/{batch_id}`` once every service has answered."""
    async with session.begin():
        batch_id = await start_dry_run(
            session,
            category=fields.category if fields else None,
            officer_id=officer.user_id,
            now=now,
        )
        return await queries.dry_run_report(session, batch_id=batch_id)


@router.get("/retention/dry-runs/{batch_id}")
async def read_dry_run(
    _officer: PrivacyOfficer, session: SessionDep, batch_id: UUID
) -> DryRunReport:
    with _refusals():
        async with session.begin():
            return await queries.dry_run_report(session, batch_id=batch_id)


@router.get("/retention/runs")
async def list_runs(
    _officer: PrivacyOfficer,
    session: SessionDep,
    paging: PagingDep,
    dry_run: Annotated[bool | None, Query(description="only dry runs (or only real ones)")] = None,
) -> RunPage:
    async with session.begin():
        items, total = await queries.list_runs(session, paging=paging, dry_run=dry_run)
    return RunPage(items=items, total=total, page=paging.page, page_size=paging.page_size)


@router.get("/retention/runs/{run_id}")
async def read_run(_officer: PrivacyOfficer, session: SessionDep, run_id: UUID) -> RunDetail:
    with _refusals():
        async with session.begin():
            return await queries.run_detail(session, run_id=run_id)
