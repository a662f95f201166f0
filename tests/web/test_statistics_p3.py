"""P3: every statistic collected about the assessments is visible to the client in the service.
The demo client (whose quiz 6 people answered) walks the statistics pages and their CSV
downloads in the browser; together they must ask analytics for every statistics route it
offers (its README's route table)."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from soket_cli.demo_content import ADMIN_EMAIL, DEMO_PASSWORD, QUIZ_TITLE
from tests.web.browser import Watch, screenshot, settle
from tests.web.conftest import OpenContext
from tests.web.stack import Staff, WebStack

ANALYTICS_ROUTES = {
    "/statistics/assessments",
    "/statistics/assessments.csv",
    "/statistics/assessments/{id}",
    "/statistics/assessments/{id}/questions",
    "/statistics/assessments/{id}/questions.csv",
    "/statistics/participants",
    "/statistics/participants.csv",
    "/statistics/participants/{id}",
    "/statistics/trend?dimension=day",
    "/statistics/trend?dimension=topic",
    "/statistics/trend?dimension=group",
    "/statistics/trend.csv",
}
"""services/analytics/README.md: each GET route, the trend once per dimension."""

PREFIX = "/api/analytics"


def route_of(url: str) -> str:
    """``/api/analytics/statistics/assessments/<uuid>?x`` → ``/statistics/assessments/{id}``."""
    parts = urlsplit(url)
    path = parts.path.removeprefix(PREFIX)
    path = re.sub(r"^(/statistics/(?:assessments|participants))/[^/.]+", r"\1/{id}", path)
    dimension = re.search(r"dimension=(\w+)", parts.query)
    if path == "/statistics/trend" and dimension:
        return f"{path}?dimension={dimension[1]}"
    return path


def open_page(page: Page, watch: Watch, path: str) -> None:
    watch.in_flight.clear()  # what the previous document (or the closed login page) left
    page.goto(path)
    settle(page, watch)


def download_each_csv(page: Page) -> None:
    for button in page.get_by_role("button", name=re.compile(r"\(CSV\)$")).all():
        with page.expect_download():
            button.click()


def test_every_statistic_analytics_offers_is_reachable_p3(
    open_context: OpenContext, stack: WebStack
) -> None:
    browsing = open_context(as_staff=Staff(stack, ADMIN_EMAIL, DEMO_PASSWORD))
    page = browsing.new_page()

    open_page(page, browsing.watch, "/app/statistics")
    page.get_by_role("link", name=QUIZ_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(QUIZ_TITLE)
    settle(page, browsing.watch)
    download_each_csv(page)
    screenshot(page, "statistics-assessment-demo.png")
    page.get_by_role("link", name=re.compile(r"on its own page")).first.click()
    settle(page, browsing.watch)

    open_page(page, browsing.watch, "/app/statistics")
    download_each_csv(page)

    open_page(page, browsing.watch, "/app/statistics/participants")
    download_each_csv(page)
    page.get_by_role("table").get_by_role("link").first.click()
    settle(page, browsing.watch)

    for dimension in ("day", "topic", "group"):
        open_page(page, browsing.watch, f"/app/statistics/trends/{dimension}")
        download_each_csv(page)
    screenshot(page, "statistics-trend-group-demo.png")

    asked = {route_of(url) for url in browsing.watch.requests if PREFIX in url}
    assert ANALYTICS_ROUTES - asked == set(), f"statistics the client cannot reach: {asked}"
