from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, UploadFile, status

from assessments.client_settings.service import preferences_of
from assessments.dependencies import SettingsDep, SubjectRefsDep
from assessments.errors import InvalidRequestError
from assessments.paging import Page, PageParams
from assessments.participants import service
from assessments.participants.importing import import_participants
from assessments.participants.schemas import (
    ImportReport,
    ParticipantCreate,
    ParticipantRead,
    ParticipantUpdate,
)
from assessments.tenancy import tenant_of
from chassis.auth.dependencies import ClientEditor, ClientViewer
from chassis.database import SessionDep

router = APIRouter(prefix="/participants", tags=["participants"])

MAX_IMPORT_BYTES = 10 * 1024 * 1024


@router.get("")
async def list_participants(
    principal: ClientViewer,
    session: SessionDep,
    page: PageParams,
    search: Annotated[str | None, Query(max_length=200)] = None,
    group_id: UUID | None = None,
) -> Page[ParticipantRead]:
    async with session.begin():
        return await service.listing(
            session, tenant_id=tenant_of(principal), page=page, search=search, group_id=group_id
        )


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_participant(
    principal: ClientEditor,
    session: SessionDep,
    details: ParticipantCreate,
    subject_refs: SubjectRefsDep,
) -> ParticipantRead:
    tenant_id = tenant_of(principal)
    async with session.begin():
        preferences = await preferences_of(session, tenant_id=tenant_id)
        return await service.create(
            session,
            tenant_id=tenant_id,
            details=details,
            default_language=preferences.language,
            subject_refs=subject_refs,
        )


@router.post("/import")
async def import_csv(
    principal: ClientEditor,
    session: SessionDep,
    file: UploadFile,
    settings: SettingsDep,
    subject_refs: SubjectRefsDep,
    keep_existing: bool = False,
) -> ImportReport:
    """A CSV with the columns name, email and optionally group and language. With
    ``keep_existing`` the people already participants are left as they are (unchanged)."""
    content = await file.read(MAX_IMPORT_BYTES + 1)
    if len(content) > MAX_IMPORT_BYTES:
        raise InvalidRequestError("The file is larger than 10 MB; split it.")
    tenant_id = tenant_of(principal)
    async with session.begin():
        preferences = await preferences_of(session, tenant_id=tenant_id)
        return await import_participants(
            session,
            tenant_id=tenant_id,
            content=content,
            default_language=preferences.language,
            subject_refs=subject_refs,
            max_rows=settings.import_max_rows,
            keep_existing=keep_existing,
        )


@router.get("/{participant_id}")
async def read_participant(
    principal: ClientViewer, session: SessionDep, participant_id: UUID
) -> ParticipantRead:
    async with session.begin():
        return await service.read(
            session, tenant_id=tenant_of(principal), participant_id=participant_id
        )


@router.patch("/{participant_id}")
async def change_participant(
    principal: ClientEditor,
    session: SessionDep,
    participant_id: UUID,
    changes: ParticipantUpdate,
    subject_refs: SubjectRefsDep,
) -> ParticipantRead:
    async with session.begin():
        return await service.change(
            session,
            tenant_id=tenant_of(principal),
            participant_id=participant_id,
            changes=changes,
            subject_refs=subject_refs,
        )


@router.delete("/{participant_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_participant(
    principal: ClientEditor, session: SessionDep, participant_id: UUID
) -> None:
    """Deletes the participant at once and for good (P13)."""
    async with session.begin():
        await service.remove(session, tenant_id=tenant_of(principal), participant_id=participant_id)
