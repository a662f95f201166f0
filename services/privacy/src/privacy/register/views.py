"""The register of processing: privacy officers read, edit and export it; anyone reads the
public page."""

from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from fastapi import APIRouter, HTTPException, Response, status

from chassis.auth.dependencies import PrivacyOfficer
from chassis.database import SessionDep
from privacy.clock import Now
from privacy.dependencies import SettingsDep
from privacy.register import documents, service
from privacy.register.schemas import (
    Activity,
    ActivityFields,
    ActivityPage,
    Processor,
    ProcessorFields,
    ProcessorPage,
    PublicRegister,
    RegisterDocument,
)
from privacy.register.service import RegisterInputError, RegisterNotFoundError
from privacy.requests.paging import PagingDep

router = APIRouter(tags=["register"])


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except RegisterNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None
    except RegisterInputError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None


@router.get("/register")
async def read_register(
    _officer: PrivacyOfficer, session: SessionDep, settings: SettingsDep
) -> RegisterDocument:
    async with session.begin():
        return await documents.register_document(session, settings=settings)


@router.get("/register.json")
async def export_register_json(
    _officer: PrivacyOfficer, session: SessionDep, settings: SettingsDep, now: Now
) -> Response:
    async with session.begin():
        document = await documents.register_document(session, settings=settings)
    return Response(
        document.model_dump_json(indent=2),
        media_type="application/json",
        headers=_attachment(f"soket-register-{now:%Y-%m-%d}.json"),
    )


@router.get("/register.csv")
async def export_register_csv(
    _officer: PrivacyOfficer, session: SessionDep, settings: SettingsDep, now: Now
) -> Response:
    async with session.begin():
        document = await documents.register_document(session, settings=settings)
    return Response(
        documents.register_csv(document),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(f"soket-register-{now:%Y-%m-%d}.csv"),
    )


@router.get("/public/register")
async def read_public_register(session: SessionDep, settings: SettingsDep) -> PublicRegister:
    """No sign-in: processors and where they work, transfers, categories and purposes in
    brief, the data-protection contact and the supervisory authority (P7, Q17)."""
    async with session.begin():
        return await documents.public_register(session, settings=settings)


@router.get("/register/activities")
async def list_activities(
    _officer: PrivacyOfficer, session: SessionDep, paging: PagingDep
) -> ActivityPage:
    async with session.begin():
        items, total = await service.activities(session, paging=paging)
    return ActivityPage(items=items, total=total, page=paging.page, page_size=paging.page_size)


@router.post("/register/activities", status_code=status.HTTP_201_CREATED)
async def create_activity(
    officer: PrivacyOfficer, session: SessionDep, fields: ActivityFields, now: Now
) -> Activity:
    with _refusals():
        async with session.begin():
            return await service.create_activity(
                session, fields=fields, officer_id=officer.user_id, now=now
            )


@router.get("/register/activities/{activity_id}")
async def read_activity(
    _officer: PrivacyOfficer, session: SessionDep, activity_id: UUID
) -> Activity:
    with _refusals():
        async with session.begin():
            return await service.activity(session, activity_id=activity_id)


@router.put("/register/activities/{activity_id}")
async def update_activity(
    officer: PrivacyOfficer,
    session: SessionDep,
    activity_id: UUID,
    fields: ActivityFields,
    now: Now,
) -> Activity:
    with _refusals():
        async with session.begin():
            return await service.update_activity(
                session, activity_id=activity_id, fields=fields, officer_id=officer.user_id, now=now
            )


@router.delete("/register/activities/{activity_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_activity(
    officer: PrivacyOfficer, session: SessionDep, activity_id: UUID, now: Now
) -> None:
    with _refusals():
        async with session.begin():
            await service.delete_activity(
                session, activity_id=activity_id, officer_id=officer.user_id, now=now
            )


@router.get("/register/processors")
async def list_processors(
    _officer: PrivacyOfficer, session: SessionDep, paging: PagingDep
) -> ProcessorPage:
    async with session.begin():
        items, total = await service.processors(session, paging=paging)
    return ProcessorPage(items=items, total=total, page=paging.page, page_size=paging.page_size)


@router.post("/register/processors", status_code=status.HTTP_201_CREATED)
async def create_processor(
    officer: PrivacyOfficer, session: SessionDep, fields: ProcessorFields, now: Now
) -> Processor:
    async with session.begin():
        return await service.create_processor(
            session, fields=fields, officer_id=officer.user_id, now=now
        )


@router.get("/register/processors/{processor_id}")
async def read_processor(
    _officer: PrivacyOfficer, session: SessionDep, processor_id: UUID
) -> Processor:
    with _refusals():
        async with session.begin():
            return await service.processor(session, processor_id=processor_id)


@router.put("/register/processors/{processor_id}")
async def update_processor(
    officer: PrivacyOfficer,
    session: SessionDep,
    processor_id: UUID,
    fields: ProcessorFields,
    now: Now,
) -> Processor:
    with _refusals():
        async with session.begin():
            return await service.update_processor(
                session,
                processor_id=processor_id,
                fields=fields,
                officer_id=officer.user_id,
                now=now,
            )


@router.delete("/register/processors/{processor_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_processor(
    officer: PrivacyOfficer, session: SessionDep, processor_id: UUID, now: Now
) -> None:
    with _refusals():
        async with session.begin():
            await service.delete_processor(
                session, processor_id=processor_id, officer_id=officer.user_id, now=now
            )


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}
