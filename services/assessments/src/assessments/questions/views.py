from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status

from assessments.content.check import word_list
from assessments.dependencies import SettingsDep
from assessments.paging import Page, PageParams
from assessments.questions import service
from assessments.questions.schemas import QuestionIn, QuestionRead
from assessments.tenancy import tenant_of
from chassis.auth.dependencies import ClientEditor, ClientViewer
from chassis.database import SessionDep

router = APIRouter(prefix="/questions", tags=["questions"])


@router.get("")
async def list_questions(
    principal: ClientViewer,
    session: SessionDep,
    page: PageParams,
    topic: Annotated[str | None, Query(max_length=100)] = None,
    flagged: bool | None = None,
) -> Page[QuestionRead]:
    """``flagged=true`` lists the questions participants reported (P16)."""
    async with session.begin():
        return await service.listing(
            session, tenant_id=tenant_of(principal), page=page, topic=topic, flagged=flagged
        )


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_question(
    principal: ClientEditor, session: SessionDep, details: QuestionIn, settings: SettingsDep
) -> QuestionRead:
    """Refused with 422 naming the word when the text or an option holds a slur or insult."""
    words = word_list(settings.content_wordlist_path)
    async with session.begin():
        return await service.create(
            session, tenant_id=tenant_of(principal), details=details, words=words
        )


@router.get("/{question_id}")
async def read_question(
    principal: ClientViewer, session: SessionDep, question_id: UUID
) -> QuestionRead:
    async with session.begin():
        return await service.read(session, tenant_id=tenant_of(principal), question_id=question_id)


@router.put("/{question_id}")
async def change_question(
    principal: ClientEditor,
    session: SessionDep,
    question_id: UUID,
    details: QuestionIn,
    settings: SettingsDep,
) -> QuestionRead:
    words = word_list(settings.content_wordlist_path)
    async with session.begin():
        return await service.change(
            session,
            tenant_id=tenant_of(principal),
            question_id=question_id,
            details=details,
            words=words,
        )


@router.delete("/{question_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_question(principal: ClientEditor, session: SessionDep, question_id: UUID) -> None:
    async with session.begin():
        await service.remove(session, tenant_id=tenant_of(principal), question_id=question_id)
