"""The web app's routes, by who may open them (web/src/*/routes.tsx), and visits of them."""

from collections.abc import Callable, Sequence

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.web.browser import NOT_FOUND_TITLE, Watch, heading, settle

PUBLIC_ROUTES = [
    "/",
    "/privacy-policy",
    "/data-request",
    "/data-request/{intake}?status_token={status_token}",
    "/login",
    "/signup",
    "/forgot-password",
    "/verify-email?token=not-a-real-token-but-long-enough",
    "/reset-password?token=not-a-real-token-but-long-enough",
    "/accept-invitation?token=not-a-real-token-but-long-enough",
    "/verify-new-email?token=not-a-real-token-but-long-enough",
]
"""Opened logged out. The link pages get a token they never send unless their button is
pressed."""

CLIENT_ROUTES = [
    "/app",
    "/app/participants",
    "/app/participants/new",
    "/app/participants/import",
    "/app/participants/{participant}",
    "/app/questions",
    "/app/questions/new",
    "/app/questions/{question}",
    "/app/assessments",
    "/app/assessments/new-quiz",
    "/app/assessments/new-daily",
    "/app/assessments/{assessment}",
    "/app/statistics",
    "/app/statistics/participants",
    "/app/settings",
    "/app/privacy",
    "/app/privacy/requests/{request}",
]
"""Opened as the client's admin."""

OFFICER_ROUTES = [
    "/app",
    "/app/privacy/requests",
    "/app/privacy/requests/new",
    "/app/privacy/requests/{request}",
    "/app/privacy/register",
    "/app/privacy/retention",
    "/app/privacy/holds",
    "/app/privacy/breaches",
    "/app/privacy/breaches/new",
    "/app/privacy/policies",
    "/app/privacy/audit",
]
"""Opened as a privacy officer."""


def visit(page: Page, watch: Watch, path: str) -> None:
    """Opens the path (a full load, as from a link in an email) until it has settled, and
    checks the app did not answer with its not-found page."""
    watch.in_flight.clear()  # what the previous document (or a closed page) left unfinished
    response = page.goto(path)
    assert response is not None, path
    assert response.status == 200, (path, response.status)
    settle(page, watch)
    title = heading(page)
    assert title != NOT_FOUND_TITLE, f"{path} shows the not-found page"


def visit_each(
    page: Page,
    watch: Watch,
    routes: Sequence[str],
    values: dict[str, str],
    then: Callable[[Page, str], list[str]],
) -> list[str]:
    """Visits every route (its ``{placeholders}`` filled from ``values``) and runs ``then`` on
    it; returns every problem, each named by its route: a failed visit, a request to another
    origin, a console error, or what ``then`` found. One page for all (the app's files are
    loaded once), and all the problems told at once."""
    problems: list[str] = []
    for route in routes:
        requests_before = len(watch.requests)
        try:
            visit(page, watch, route.format(**values))
            found = then(page, route)
        except (AssertionError, PlaywrightError) as error:
            found = [f"{type(error).__name__}: {str(error).splitlines()[0]}"]
        foreign = [
            url for url in watch.foreign_requests() if url in watch.requests[requests_before:]
        ]
        found += [f"request to another origin: {url}" for url in foreign]
        found += [f"console: {message}" for message in watch.console_errors]
        watch.console_errors.clear()
        problems += [f"{route}: {problem}" for problem in found]
    return problems
