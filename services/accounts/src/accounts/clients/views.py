"""The caller's own client: its settings, and ending its contract."""

from datetime import UTC, datetime

from fastapi import APIRouter, status

from accounts.clients.schemas import ClientOut, SettingsChange
from accounts.clients.service import change_settings, get_client, request_offboarding
from accounts.tenancy import tenant_of
from chassis.auth.dependencies import ClientAdmin, ClientViewer
from chassis.database import SessionDep

router = APIRouter(prefix="/client", tags=["client"])


@router.get("")
async def read_client(principal: ClientViewer, session: SessionDep) -> ClientOut:
    async with session.begin():
        return ClientOut.of(await get_client(session, tenant_id=tenant_of(principal)))


@router.patch("/settings")
async def change_client_settings(
    body: SettingsChange, principal: ClientAdmin, session: SessionDep
) -> ClientOut:
    """Time zone and language; ``accounts.client.settings_changed.v1`` announces a change."""
    async with session.begin():
        client = await change_settings(
            session,
            tenant_id=tenant_of(principal),
            time_zone=body.time_zone,
            language=body.language,
        )
        return ClientOut.of(client)


@router.post("/offboarding", status_code=status.HTTP_202_ACCEPTED)
async def end_contract(principal: ClientAdmin, session: SessionDep) -> ClientOut:
    """Asks to end the contract: privacy offers the client its data, then erases it."""
    async with session.begin():
        client = await request_offboarding(
            session,
            tenant_id=tenant_of(principal),
            requested_by=principal.user_id,
            now=datetime.now(UTC),
        )
        return ClientOut.of(client)
