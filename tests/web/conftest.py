"""Browser tests of the web app (issue 10, "Prove it"): one ``./soket up`` stack and one
Chromium (Debian's, never a downloaded one) for the whole package; a fresh browser context
per test, whose every request is checked to stay on the gateway's HTTPS origin.

``./soket test`` builds web/dist first; run alone, the package serves web/dist as it is (or
the folder ``SOKET_WEB_TESTS_DIST`` names) and never builds it. Screenshots go to
test-artifacts/screenshots/ (or ``$SOKET_TEST_ARTIFACTS/screenshots``).

The stack seeds the demo as ``./soket up`` does (test_demo.py checks it). Two markers order
the package: ``on_fresh_stack`` runs a test first (it reads logs the other tests would push
out of ``./soket logs``' tail), ``stops_the_stack`` runs it last (``./soket down``)."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.web.browser import DESKTOP, Watch
from tests.web.stack import StackError, Staff, WebStack, unique_email

CHROMIUM = "/usr/bin/chromium"
HERE = Path(__file__).resolve().parent
FIRST = "on_fresh_stack"
LAST = "stops_the_stack"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{FIRST}: runs before the other tests of tests/web, on the stack just up"
    )
    config.addinivalue_line(
        "markers", f"{LAST}: runs after the other tests of tests/web (it stops the stack)"
    )


def _in_package(item: pytest.Item) -> bool:
    return item.path.resolve().is_relative_to(HERE)


def _marked(items: Sequence[pytest.Item], name: str) -> list[pytest.Item]:
    return [item for item in items if _in_package(item) and item.get_closest_marker(name)]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The package's ``on_fresh_stack`` tests first and its ``stops_the_stack`` tests last,
    all still inside the package's run (so its ``stack`` is started once)."""
    first, last = _marked(items, FIRST), _marked(items, LAST)
    moved = {id(item) for item in (*first, *last)}
    if not moved:
        return
    rest = [item for item in items if id(item) not in moved]
    ours = [index for index, item in enumerate(rest) if _in_package(item)]
    if ours:
        start, end = ours[0], ours[-1] + 1
    else:  # only marked tests of the package were chosen: where the first of them was
        before = next(index for index, item in enumerate(items) if id(item) in moved)
        start = end = sum(id(item) not in moved for item in items[:before])
    items[:] = [*rest[:start], *first, *rest[start:end], *last, *rest[end:]]


@pytest.fixture(scope="package")
def stack(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebStack]:
    """``./soket up --detach`` on ports from 19000, with databases and a vhost of its own."""
    running = WebStack(
        folder=tmp_path_factory.mktemp("web-stack"),
        database_prefix=f"{infrastructure.database_prefix}web_",
        rabbitmq_url=infrastructure.rabbitmq_url,
    )
    try:
        running.up()
    except StackError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield running
    finally:
        # Stopped already when the stops_the_stack test ran: the databases and vhost go still.
        running.down()


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: `./soket test` installs Debian's chromium")
    launched = playwright.chromium.launch(executable_path=CHROMIUM)
    try:
        yield launched
    finally:
        launched.close()


@dataclass
class Browsing:
    """A browser context on the gateway and what it is watched for."""

    context: BrowserContext
    watch: Watch

    def new_page(self) -> Page:
        return self.context.new_page()


class OpenContext(Protocol):
    def __call__(
        self, *, viewport: dict[str, int] = ..., as_staff: Staff | None = ..., **options: Any
    ) -> Browsing: ...


@pytest.fixture
def open_context(browser: Browser, stack: WebStack) -> Iterator[OpenContext]:
    """Opens browser contexts on the gateway (English, 1280x800 unless told), logged in as
    ``as_staff`` when given; at the end of the test none of them may have asked another
    origin for anything, nor logged a console error."""
    opened: list[Browsing] = []

    def open_one(
        *, viewport: dict[str, int] = DESKTOP, as_staff: Staff | None = None, **options: Any
    ) -> Browsing:
        context = browser.new_context(
            base_url=stack.url,
            ignore_https_errors=True,
            viewport=viewport,  # type: ignore[arg-type]
            locale="en-GB",
            **options,
        )
        context.set_default_timeout(15_000)
        watch = Watch(origin=stack.url)
        watch.attach(context)
        opened.append(Browsing(context, watch))
        if as_staff is not None:
            log_in(context, as_staff)
        return opened[-1]

    yield open_one
    for browsing in opened:
        browsing.context.close()
    for browsing in opened:
        assert browsing.watch.foreign_requests() == [], "requests to another origin (P8)"
        assert browsing.watch.console_errors == [], "console errors"


def log_in(context: BrowserContext, staff: Staff) -> None:
    """Logs in on the login page, as a person does: the context keeps the session (the
    refresh cookie, and whatever the app remembers of having logged in)."""
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email", exact=True).fill(staff.email)
    page.get_by_label("Password", exact=True).fill(staff.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.close()


@pytest.fixture(scope="package")
def client_admin(stack: WebStack) -> Staff:
    """The admin of a client signed up through the API (its address verified)."""
    return stack.sign_up_client(email=unique_email("web-admin"), organisation="Web Tests OÜ")


@pytest.fixture(scope="package")
def officer(stack: WebStack) -> Staff:
    return stack.privacy_officer(email=unique_email("web-officer"))


Seed = dict[str, str]


@pytest.fixture(scope="package")
def seeded(client_admin: Staff, officer: Staff) -> Seed:
    """Ids for the pages that show one thing: a participant, a question, a quiz (a draft), a
    request, and a public request's intake with its status token."""
    participant = client_admin.call(
        "POST",
        "assessments",
        "/participants",
        json={"name": "Mari Maasikas", "email": unique_email("mari")},
        expect=201,
    ).json()
    question = client_admin.call(
        "POST",
        "assessments",
        "/questions",
        json={
            "kind": "single_choice",
            "text": "What is the capital of Estonia?",
            "options": [{"label": "Tallinn", "correct": True}, {"label": "Tartu"}],
            "topics": ["geography"],
        },
        expect=201,
    ).json()
    request = officer.call(
        "POST",
        "privacy",
        "/requests",
        json={
            "email": unique_email("letter-writer"),
            "request_type": "access",
            "language": "en",
            "subject_kind": "participant",
            "tenant_id": client_admin.tenant_id,
        },
        expect=201,
    ).json()
    quiz = client_admin.call(
        "POST",
        "assessments",
        "/assessments",
        json={
            "kind": "quiz",
            "title": "Geography check (draft)",
            "question_ids": [question["id"]],
            "participant_ids": [participant["id"]],
            "group_ids": [],
            "channels": ["email"],
            "opens_at": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
            "closes_at": (datetime.now(UTC) + timedelta(days=8)).isoformat(),
        },
        expect=201,
    ).json()
    with client_admin.stack.api("privacy") as privacy:
        intake = privacy.post(
            "/public/requests",
            json={"email": unique_email("asker"), "request_type": "access", "language": "en"},
        )
        assert intake.status_code == 202, intake.text
    return {
        "intake": str(intake.json()["intake_id"]),
        "status_token": str(intake.json()["status_token"]),
        "assessment": str(quiz["id"]),
        "participant": str(participant["id"]),
        "question": str(question["id"]),
        "request": str(request["id"]),
    }
