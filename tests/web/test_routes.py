"""Every route of the web app opens (issue 10): public ones logged out, the client's workspace
as its admin, the privacy officer's area as an officer. None asks another origin for anything
(P8), none logs a console error, none shows the not-found page; each is screenshotted into
test-artifacts/screenshots/, a few at phone width too, where nothing may be wider than the
screen."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.web.browser import PHONE, screenshot, screenshot_name
from tests.web.conftest import OpenContext, Seed
from tests.web.pages import CLIENT_ROUTES, OFFICER_ROUTES, PUBLIC_ROUTES, visit, visit_each
from tests.web.stack import Staff

PHONE_ROUTES = {
    "public": ["/", "/data-request", "/login"],
    "client": ["/app", "/app/participants", "/app/assessments/new-quiz", "/app/statistics"],
    "officer": ["/app", "/app/privacy/requests", "/app/privacy/requests/{request}"],
}


def screenshotted(suffix: str, *, logged_in: bool) -> Callable[[Page, str], list[str]]:
    def check(page: Page, route: str) -> list[str]:
        screenshot(page, screenshot_name(route.split("?")[0], suffix))
        if logged_in and not page.get_by_role("button", name="Log out").is_visible():
            return ["no Log out button: not logged in"]
        return []

    return check


def test_every_public_route_opens_logged_out(open_context: OpenContext, seeded: Seed) -> None:
    browsing = open_context()
    check = screenshotted("", logged_in=False)
    problems = visit_each(browsing.new_page(), browsing.watch, PUBLIC_ROUTES, seeded, check)
    assert not problems, "\n".join(problems)


def test_every_client_route_opens_for_its_admin(
    open_context: OpenContext, client_admin: Staff, seeded: Seed
) -> None:
    browsing = open_context(as_staff=client_admin)
    check = screenshotted("-client", logged_in=True)
    problems = visit_each(browsing.new_page(), browsing.watch, CLIENT_ROUTES, seeded, check)
    assert not problems, "\n".join(problems)


def test_every_officer_route_opens_for_a_privacy_officer(
    open_context: OpenContext, officer: Staff, seeded: Seed
) -> None:
    browsing = open_context(as_staff=officer)
    check = screenshotted("-officer", logged_in=True)
    problems = visit_each(browsing.new_page(), browsing.watch, OFFICER_ROUTES, seeded, check)
    assert not problems, "\n".join(problems)


def fits_the_screen(area: str) -> Callable[[Page, str], list[str]]:
    def check(page: Page, route: str) -> list[str]:
        screenshot(page, screenshot_name(route, f"-{area}-phone"))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        return [f"{overflow} px wider than the screen"] if overflow > 0 else []

    return check


@pytest.mark.parametrize("area", PHONE_ROUTES)
def test_pages_fit_a_phone_screen(
    open_context: OpenContext, client_admin: Staff, officer: Staff, seeded: Seed, area: str
) -> None:
    """At 375 px nothing scrolls sideways: wide tables scroll inside their own box."""
    staff = {"public": None, "client": client_admin, "officer": officer}[area]
    browsing = open_context(viewport=PHONE, as_staff=staff, is_mobile=True, has_touch=True)
    page = browsing.new_page()
    problems = visit_each(page, browsing.watch, PHONE_ROUTES[area], seeded, fits_the_screen(area))
    assert not problems, "\n".join(problems)


def test_switching_to_estonian_changes_the_texts(open_context: OpenContext) -> None:
    """The one check in Estonian: the language menu switches the texts, and the choice stays
    (kept in the browser only) after a reload."""
    browsing = open_context()
    page = browsing.new_page()
    visit(page, browsing.watch, "/login")
    expect(page.get_by_role("link", name="Privacy policy")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    page.locator("header").get_by_label("Language").select_option("et")
    expect(page.locator("html")).to_have_attribute("lang", "et")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logi sisse")
    expect(page.get_by_role("link", name="Privaatsuspoliitika")).to_be_visible()
    expect(page.get_by_role("button", name="Logi sisse")).to_be_visible()
    page.reload()
    expect(page.get_by_role("link", name="Privaatsuspoliitika")).to_be_visible()
    expect(page.get_by_label("E-post", exact=True)).to_be_visible()
