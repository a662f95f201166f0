from uuid import UUID

from fastapi import APIRouter, status

from assessments.assessments import service
from assessments.assessments.schemas import AssessmentIn, AssessmentRead, AssessmentResults
from assessments.content.check import word_list
from assessments.dependencies import ClockDep, SettingsDep
from assessments.paging import Page, PageParams
from assessments.tenancy import tenant_of
from chassis.auth.dependencies import ClientAdmin, ClientEditor, ClientViewer
from chassis.database import SessionDep

router = APIRouter(prefix="/assessments", tags=["assessments"])


@router.get("")
async def list_assessments(
    principal: ClientViewer, session: SessionDep, page: PageParams
) -> Page[AssessmentRead]:
    async with session.begin():
        return await service.listing(session, tenant_id=tenant_of(principal), page=page)


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_assessment(
    principal: ClientEditor, session: SessionDep, details: AssessmentIn, settings: SettingsDep
) -> AssessmentRead:
    """A draft: nothing is sent until it is published."""
    words = word_list(settings.content_wordlist_path)
    async with session.begin():
        return await service.create(
            session, tenant_id=tenant_of(principal), details=details, words=words
        )


@router.get("/{assessment_id}")
async def read_assessment(
    principal: ClientViewer, session: SessionDep, assessment_id: UUID
) -> AssessmentRead:
    async with session.begin():
        assessment = await service.get(
            session, tenant_id=tenant_of(principal), assessment_id=assessment_id
        )
        return await service.read_model(session, assessment)


@router.put("/{assessment_id}")
async def change_assessment(
    principal: ClientEditor,
    session: SessionDep,
    assessment_id: UUID,
    details: AssessmentIn,
    settings: SettingsDep,
) -> AssessmentRead:
    words = word_list(settings.content_wordlist_path)
    async with session.begin():
        return await service.change(
            session,
            tenant_id=tenant_of(principal),
            assessment_id=assessment_id,
            details=details,
            words=words,
        )


@router.post("/{assessment_id}/publish")
async def publish_assessment(
    principal: ClientEditor, session: SessionDep, assessment_id: UUID, clock: ClockDep
) -> AssessmentRead:
    async with session.begin():
        return await service.publish_assessment(
            session, tenant_id=tenant_of(principal), assessment_id=assessment_id, now=clock()
        )


@router.delete("/{assessment_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_assessment(
    principal: ClientAdmin, session: SessionDep, assessment_id: UUID
) -> None:
    """Deletes the assessment and all its answers at once (P13)."""
    async with session.begin():
        await service.remove(session, tenant_id=tenant_of(principal), assessment_id=assessment_id)


@router.delete("/{assessment_id}/answers", status_code=status.HTTP_204_NO_CONTENT)
async def delete_answers(
    principal: ClientAdmin, session: SessionDep, assessment_id: UUID, clock: ClockDep
) -> None:
    """Deletes every answer of the assessment at once, keeping the assessment and its
    questions (P13); ``assessment.answers_deleted`` tells analytics."""
    async with session.begin():
        await service.remove_answers(
            session, tenant_id=tenant_of(principal), assessment_id=assessment_id, now=clock()
        )


@router.get("/{assessment_id}/results")
async def assessment_results(
    principal: ClientViewer, session: SessionDep, assessment_id: UUID
) -> AssessmentResults:
    async with session.begin():
        return await service.results(
            session, tenant_id=tenant_of(principal), assessment_id=assessment_id
        )
