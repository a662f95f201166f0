"""axe-core finds no serious or critical violation on the web app's main pages (issue 10):
logged out, as a client's admin and as a privacy officer."""

import pytest
from playwright.sync_api import Page

from tests.web.browser import axe_violations
from tests.web.conftest import OpenContext, Seed
from tests.web.pages import visit_each
from tests.web.stack import Staff

MAIN_PAGES = {
    "public": ["/", "/login", "/signup", "/privacy-policy", "/data-request"],
    "client": [
        "/app",
        "/app/participants",
        "/app/questions",
        "/app/assessments",
        "/app/statistics",
        "/app/settings",
        "/app/privacy",
    ],
    "officer": ["/app", "/app/privacy/requests", "/app/privacy/requests/{request}"],
}


def axe_finds(page: Page, route: str) -> list[str]:
    return axe_violations(page)


@pytest.mark.parametrize("area", MAIN_PAGES)
def test_no_serious_or_critical_axe_violation(
    open_context: OpenContext, client_admin: Staff, officer: Staff, seeded: Seed, area: str
) -> None:
    staff = {"public": None, "client": client_admin, "officer": officer}[area]
    browsing = open_context(as_staff=staff)
    problems = visit_each(browsing.new_page(), browsing.watch, MAIN_PAGES[area], seeded, axe_finds)
    assert not problems, "\n".join(problems)
