from typing import Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.assessments import service
from analytics.assessments.schemas import (
    AssessmentPage,
    AssessmentStatistics,
    QuestionList,
    QuestionStatistics,
)
from analytics.csv_download import csv_download
from analytics.paging import Paging, PagingDep
from analytics.tenancy import tenant_of
from chassis.auth.dependencies import ClientViewer
from chassis.database import SessionDep

router = APIRouter(prefix="/statistics/assessments", tags=["assessments"])

ASSESSMENT_COLUMNS = list(AssessmentStatistics.model_fields)
QUESTION_COLUMNS = [
    "question_id",
    "kind",
    "answers",
    "graded_answers",
    "correct_answers",
    "share_correct",
    "free_text_answers",
    "option_id",
    "option_correct",
    "option_chosen",
    "option_share",
    "scale_value",
    "scale_answers",
    "scale_mean",
]


@router.get("")
async def list_assessments(
    viewer: ClientViewer, session: SessionDep, paging: PagingDep
) -> AssessmentPage:
    items, total = await service.assessment_page(
        session, tenant_id=tenant_of(viewer), paging=paging
    )
    return AssessmentPage(items=items, page=paging.page, page_size=paging.page_size, total=total)


@router.get(".csv", response_class=StreamingResponse)
async def download_assessments(viewer: ClientViewer, request: Request) -> StreamingResponse:
    tenant_id = tenant_of(viewer)

    async def read_page(session: AsyncSession, paging: Paging) -> list[list[Any]]:
        items, _ = await service.assessment_page(session, tenant_id=tenant_id, paging=paging)
        return [list(item.model_dump().values()) for item in items]

    return csv_download(
        request, filename="assessments.csv", header=ASSESSMENT_COLUMNS, read_page=read_page
    )


@router.get("/{assessment_id}")
async def get_assessment(
    assessment_id: UUID, viewer: ClientViewer, session: SessionDep
) -> AssessmentStatistics:
    found = await service.assessment_statistics(
        session, tenant_id=tenant_of(viewer), assessment_id=assessment_id
    )
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No statistics for this assessment yet.")
    return found


@router.get("/{assessment_id}/questions")
async def list_questions(
    assessment_id: UUID, viewer: ClientViewer, session: SessionDep
) -> QuestionList:
    items = await service.question_statistics(
        session, tenant_id=tenant_of(viewer), assessment_id=assessment_id
    )
    return QuestionList(assessment_id=assessment_id, items=items)


@router.get("/{assessment_id}/questions.csv", response_class=StreamingResponse)
async def download_questions(
    assessment_id: UUID, viewer: ClientViewer, request: Request
) -> StreamingResponse:
    """One line per option and per scale point; a question's totals repeat on each."""
    tenant_id = tenant_of(viewer)

    async def read_page(session: AsyncSession, paging: Paging) -> list[list[Any]]:
        if paging.page > 1:
            return []
        questions = await service.question_statistics(
            session, tenant_id=tenant_id, assessment_id=assessment_id
        )
        return [line for question in questions for line in _question_lines(question)]

    return csv_download(
        request,
        filename=f"assessment-{assessment_id}-questions.csv",
        header=QUESTION_COLUMNS,
        read_page=read_page,
    )


def _question_lines(question: QuestionStatistics) -> list[list[Any]]:
    totals = [
        question.question_id,
        question.kind,
        question.answers,
        question.graded_answers,
        question.correct_answers,
        question.share_correct,
        question.free_text_answers,
    ]
    lines: list[list[Any]] = [
        [*totals, option.option_id, option.correct, option.chosen, option.share, None, None, None]
        for option in question.options
    ]
    if question.scale is not None:
        lines.extend(
            [*totals, None, None, None, None, point.value, point.answers, question.scale.mean]
            for point in question.scale.distribution
        )
    return lines or [[*totals, *([None] * 7)]]
