"""The participant's answer page at ``/a/{token}``: server-rendered, no JavaScript.

GET only shows (link scanners open links before people do); POST records the answer once.
"""

from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, Template
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assessments.answering.links import OpenedLink, open_link
from assessments.answering.recording import (
    AlreadyAnsweredError,
    AskedQuestion,
    InvalidAnswerError,
    KnownContext,
    Response,
    record,
)
from assessments.answering.texts import REPORT_REASONS, texts_for
from assessments.answering.throttle import GuessThrottle
from assessments.client_settings.service import zone_named
from assessments.clock import Clock
from assessments.questions import service as questions
from chassis.database import Database, SessionDep
from contracts.events.assessments import QuestionKind
from contracts.vocabulary import Channel

PACKAGE = Path(__file__).resolve().parents[1]
_environment = Environment(
    loader=FileSystemLoader(PACKAGE / "templates"), autoescape=True, auto_reload=False
)
_TEMPLATES: dict[str, Template] = {
    name: _environment.get_template(name) for name in ("message.html", "question.html")
}
"""Compiled once at import; never looked up or re-read per request."""
static_files = StaticFiles(directory=PACKAGE / "static")

router = APIRouter(prefix="/a", tags=["answer page"], include_in_schema=False)

NO_STORE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def _address(request: Request) -> str:
    return request.headers.get("x-real-ip") or (request.client.host if request.client else "-")


def _throttle(request: Request) -> GuessThrottle:
    throttle: GuessThrottle = request.app.state.guess_throttle
    return throttle


def _page(template: str, *, language: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    page = _TEMPLATES[template].render(language=language, t=texts_for(language), **context)
    return HTMLResponse(page, status_code=status_code, headers=NO_STORE)


def _message(
    key: str,
    *,
    language: str | None,
    status_code: int,
    reveals: list[dict[str, Any]] | None = None,
) -> HTMLResponse:
    """A page saying one thing; in both languages when the participant is not known."""
    languages = [language] if language else ["et", "en"]
    title = " / ".join(texts_for(lang)[f"{key}_title"] for lang in languages)
    paragraphs = [texts_for(lang)[key] for lang in languages]
    return _page(
        "message.html",
        language=languages[0],
        status_code=status_code,
        page_title=title,
        paragraphs=paragraphs,
        reveals=reveals or [],
    )


async def _opened(request: Request, session: AsyncSession, token: str) -> OpenedLink | HTMLResponse:
    throttle = _throttle(request)
    address = _address(request)
    if throttle.blocked(address):
        return _message("throttled", language=None, status_code=429)
    opened = await open_link(session, token=token)
    if opened is None:
        throttle.missed(address)
        return _message("unknown", language=None, status_code=404)
    return opened


def _reveals(asked: list[AskedQuestion], chosen: dict[UUID, list[UUID]]) -> list[dict[str, Any]]:
    reveals = []
    for item in asked:
        correct_ids = {option.id for option in item.options if option.correct}
        reveals.append(
            {
                "text": item.question.text,
                "correct": set(chosen[item.question.id]) == correct_ids
                if correct_ids and item.question.id in chosen
                else None,
                "correct_labels": [o.label for o in item.options if o.correct],
                "explanation": item.question.explanation,
            }
        )
    return reveals


def _form(
    opened: OpenedLink,
    token: str,
    *,
    responses: dict[UUID, Response] | None = None,
    problems: dict[UUID, str] | None = None,
) -> HTMLResponse:
    responses = responses or {}
    problems = problems or {}
    items = []
    for item in opened.asked:
        response = responses.get(item.question.id)
        items.append(
            {
                "id": item.question.id,
                "kind": item.question.kind,
                "text": item.question.text,
                "options": [
                    {"id": option_id, "label": label} for option_id, label in item.shown_options()
                ],
                "chosen": set(response.chosen_option_ids) if response else set(),
                "free_text": response.free_text if response else None,
                "problem": problems.get(item.question.id),
            }
        )
    return _page(
        "question.html",
        language=opened.language,
        status_code=422 if problems else 200,
        page_title=opened.title,
        title=opened.title,
        token=token,
        questions=items,
        error=bool(problems),
        reasons=REPORT_REASONS,
    )


async def _single_statements(session: AsyncSession) -> None:
    """No BEGIN and COMMIT around the page's statements: each runs in a transaction of its
    own. Fit only where each statement stands alone, as the page's do: one read, then (POST)
    one statement that writes the answers, their events and the dispatch's mark together."""
    await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def _sessions(request: Request) -> async_sessionmaker[AsyncSession]:
    """The page's session factory, used without FastAPI's dependency machinery (cheaper on
    the hottest routes; ``SessionDep`` gives the same sessions)."""
    database: Database = request.app.state.database
    return database.sessions


def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


@router.get("/{token}", response_class=HTMLResponse)
async def show_question(request: Request, token: str) -> HTMLResponse:
    """Shows the question; changes nothing (one read)."""
    async with _sessions(request)() as session:
        await _single_statements(session)
        opened = await _opened(request, session, token)
    if isinstance(opened, HTMLResponse):
        return opened
    if opened.restricted:
        return _message("paused", language=opened.language, status_code=403)
    if opened.dispatch.answered_at is not None:
        return _already(opened, status_code=200)
    if opened.expires_at <= _clock(request)():
        return _message("expired", language=opened.language, status_code=410)
    return _form(opened, token)


def _already(opened: OpenedLink, *, status_code: int) -> HTMLResponse:
    reveals = _reveals(opened.asked, {}) if opened.show_correct else None
    return _message("already", language=opened.language, status_code=status_code, reveals=reveals)


MAX_FORM_FIELDS = 1000


async def _form_values(request: Request) -> dict[str, list[str]]:
    """The posted fields. The page's own form is URL-encoded, parsed here directly (the
    general form parser costs more than the rest of reading the answer); anything else
    goes through Starlette's. Too many fields read as none."""
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        body = (await request.body()).decode("latin-1")
        values: dict[str, list[str]] = defaultdict(list)
        try:
            pairs = parse_qsl(body, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
        except ValueError:
            return {}
        for name, value in pairs:
            values[name].append(value)
        return values
    form = await request.form(max_fields=MAX_FORM_FIELDS)
    return {
        name: [value for value in form.getlist(name) if isinstance(value, str)] for name in form
    }


async def _responses(request: Request, asked: list[AskedQuestion]) -> dict[UUID, Response]:
    form = await _form_values(request)
    responses: dict[UUID, Response] = {}
    for item in asked:
        values = form.get(f"q-{item.question.id}", [])
        if not values:
            continue
        if item.question.kind == QuestionKind.FREE_TEXT.value:
            responses[item.question.id] = Response(free_text=values[0])
            continue
        chosen = []
        for value in values:
            try:
                chosen.append(UUID(value))
            except ValueError:
                continue
        responses[item.question.id] = Response(chosen_option_ids=chosen)
    return responses


@router.post("/{token}", response_class=HTMLResponse)
async def answer_question(request: Request, token: str) -> HTMLResponse:
    """Records the answer once; a second POST, or one after expiry, is refused clearly.

    Two statements: the link with everything the page needs, then one that marks the
    dispatch answered and writes the answers and their events, only if it was unanswered
    (atomic by itself: all of it or nothing, and never twice)."""
    async with _sessions(request)() as session:
        return await _answer(request, token, session, _clock(request))


async def _answer(
    request: Request, token: str, session: AsyncSession, clock: Clock
) -> HTMLResponse:
    await _single_statements(session)
    opened = await _opened(request, session, token)
    if isinstance(opened, HTMLResponse):
        return opened
    if opened.restricted:
        return _message("paused", language=opened.language, status_code=403)
    if opened.dispatch.answered_at is not None:
        return _already(opened, status_code=409)
    now = clock()
    if opened.expires_at <= now:
        return _message("expired", language=opened.language, status_code=410)
    responses = await _responses(request, opened.asked)
    try:
        await record(
            session,
            dispatch=opened.dispatch,
            responses=responses,
            channel=Channel.EMAIL.value,
            now=now,
            asked=opened.asked,
            known=KnownContext(
                zone=zone_named(opened.time_zone),
                group_ids=opened.group_ids,
                subject_ref=opened.subject_ref,
                show_correct=opened.show_correct,
            ),
        )
    except InvalidAnswerError as error:
        problems = {error.question_id: str(error)}
        return _form(opened, token, responses=responses, problems=problems)
    except AlreadyAnsweredError:
        return _already(opened, status_code=409)
    chosen = {
        question_id: response.chosen_option_ids for question_id, response in responses.items()
    }
    reveals = _reveals(opened.asked, chosen) if opened.show_correct else None
    return _message("thanks", language=opened.language, status_code=200, reveals=reveals)


@router.post("/{token}/report", response_class=HTMLResponse)
async def report_question(request: Request, token: str, session: SessionDep) -> HTMLResponse:
    """A participant reports a question they were asked; it is flagged for the client (P16)."""
    async with session.begin():
        opened = await _opened(request, session, token)
        if isinstance(opened, HTMLResponse):
            return opened
        language = opened.language
        form = await request.form()
        reason = form.get("reason")
        try:
            question_id = UUID(str(form.get("question_id")))
        except ValueError:
            question_id = None
        asked_ids = {item.question.id for item in opened.asked}
        if question_id not in asked_ids or reason not in REPORT_REASONS:
            return _message("invalid", language=language, status_code=422)
        await questions.report(
            session,
            tenant_id=opened.dispatch.tenant_id,
            question_id=question_id,
            reason=str(reason),
        )
    return _message("reported", language=language, status_code=200)
