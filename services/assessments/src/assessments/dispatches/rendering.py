"""A question as the participant sees it (in a dispatch and on the answer page)."""

import uuid
from uuid import UUID

from assessments.questions.models import Question, QuestionOption
from contracts.events.assessments import QuestionKind, RenderedOption, RenderedQuestion


def scale_option_id(question_id: UUID, point: int) -> UUID:
    """A stable id for one point of a scale question (Slack buttons carry it back)."""
    return uuid.uuid5(question_id, f"scale:{point}")


def scale_range(scale_min: int | None, scale_max: int | None) -> list[int]:
    if scale_min is None or scale_max is None:
        return []
    return list(range(scale_min, scale_max + 1))


def scale_points(question: Question) -> list[int]:
    return scale_range(question.scale_min, question.scale_max)


def rendered(question: Question, options: list[QuestionOption]) -> RenderedQuestion:
    kind = QuestionKind(question.kind)
    if kind is QuestionKind.SCALE:
        shown = [
            RenderedOption(option_id=scale_option_id(question.id, point), label=str(point))
            for point in scale_points(question)
        ]
    else:
        shown = [RenderedOption(option_id=option.id, label=option.label) for option in options]
    return RenderedQuestion(question_id=question.id, kind=kind, text=question.text, options=shown)
