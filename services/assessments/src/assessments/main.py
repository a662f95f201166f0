from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from assessments.answering import views as answer_page
from assessments.answering.throttle import GuessThrottle
from assessments.assessments.views import router as assessments_router
from assessments.clock import Clock, system_clock
from assessments.content.check import RefusedContentError, word_list
from assessments.errors import add_error_handlers
from assessments.groups.views import router as groups_router
from assessments.keys import SubjectRefs
from assessments.participants.views import router as participants_router
from assessments.questions.views import router as questions_router
from assessments.settings import Settings
from chassis.app import create_service_app


async def _refused_content(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RefusedContentError)
    return JSONResponse(
        {"detail": str(error), "field": error.field, "word": error.word}, status_code=422
    )


def create_app(settings: Settings | None = None, clock: Clock = system_clock) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        routers=[
            answer_page.router,  # first: the hottest routes, matched before the others
            participants_router,
            groups_router,
            questions_router,
            assessments_router,
        ],
    )
    app.mount("/a/static", answer_page.static_files, name="answer-static")
    app.state.assessments_settings = settings
    app.state.subject_refs = SubjectRefs(settings)
    app.state.clock = clock
    app.state.guess_throttle = GuessThrottle(limit=settings.token_guess_limit)
    word_list(settings.content_wordlist_path)  # a missing or unreadable list stops start-up
    add_error_handlers(app)
    app.add_exception_handler(RefusedContentError, _refused_content)
    return app
