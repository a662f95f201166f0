"""A participant's erasure, all in the browser (issue 10): asked for on the public form
(/data-request) with the emailed code, approved by the client's admin (participants' data is
the client's to decide, Q11), run to the end: the privacy officer's request page shows it
verified (nothing left) with every data service's signed receipt (P15: the person has their
data deleted, end to end)."""

import re
import time

from playwright.sync_api import Page, expect

from tests.web.browser import screenshot
from tests.web.conftest import OpenContext
from tests.web.stack import Staff, WebStack, six_digit_code, unique_email

RUN_SECONDS = 90


def until_visible(page: Page, text: str | re.Pattern[str], *, within: float = RUN_SECONDS) -> None:
    """Reloads the page until ``text`` shows (the pages show a request as it was when loaded)."""
    deadline = time.monotonic() + within
    while True:
        if page.get_by_text(text).first.is_visible():
            return
        if time.monotonic() > deadline:
            expect(page.get_by_text(text).first).to_be_visible(timeout=1)
        page.wait_for_timeout(1000)
        page.reload()
        page.wait_for_load_state("networkidle")


def test_a_participants_erasure_from_the_public_form_to_its_receipts(
    open_context: OpenContext, stack: WebStack, client_admin: Staff, officer: Staff
) -> None:
    subject = unique_email("erase-me")
    client_admin.call(
        "POST",
        "assessments",
        "/participants",
        json={"name": "Erik Erasable", "email": subject},
        expect=201,
    )

    # The participant, logged out, asks on the public form and confirms the emailed code.
    form = open_context().new_page()
    form.goto("/data-request")
    form.get_by_label("Delete my data (erasure)").check()
    form.get_by_label("Your email address").fill(subject)
    form.get_by_label("Language of our emails").select_option("en")
    form.get_by_role("button", name="Send request").click()
    code = six_digit_code(stack.email_to(subject))
    form.get_by_label("Verification code").fill(code)
    form.get_by_role("button", name="Confirm code").click()
    request_heading = form.get_by_role("heading", name=re.compile(r"^Request "))
    deadline = time.monotonic() + 60
    while not request_heading.first.is_visible() and time.monotonic() < deadline:
        refresh = form.get_by_role("button", name="Refresh status")
        if refresh.is_visible():
            refresh.click()
        form.wait_for_timeout(1000)
    expect(request_heading.first).to_be_visible(timeout=1)
    reference = request_heading.first.inner_text().removeprefix("Request ").strip()
    screenshot(form, "journey-erasure-1-public-status.png")

    # The client's admin approves it in their privacy area.
    admin = open_context(as_staff=client_admin).new_page()
    admin.goto("/app/privacy")
    until_visible(admin, reference, within=20)
    admin.get_by_role("link", name=reference).click()
    expect(admin.get_by_role("heading", level=1)).to_be_visible()
    admin.get_by_label("Approve").check()
    admin.once("dialog", lambda dialog: dialog.accept())
    admin.get_by_role("button", name="Record decision").click()
    expect(admin.get_by_text("The decision is recorded")).to_be_visible()
    screenshot(admin, "journey-erasure-2-client-decision.png")

    # The privacy officer sees it run to the end, with the services' receipts.
    desk = open_context(as_staff=officer).new_page()
    desk.goto("/app/privacy/requests")
    until_visible(desk, reference, within=20)
    desk.get_by_role("link", name=reference).click()
    until_visible(desk, "Verified (nothing left)")
    receipts = desk.get_by_role("article", name=re.compile(r"^Receipt from "))
    expect(receipts.first).to_be_visible()
    services = set()
    for receipt in receipts.all():
        title = receipt.get_by_role("heading").inner_text()
        services.add(re.sub(r"^Receipt from (\w+).*$", r"\1", title))
        for term in ("Signing key", "Signature", "Receipt digest (SHA-256)", "Audit entry"):
            expect(receipt.get_by_text(term, exact=True)).to_be_visible()
    assert {"accounts", "assessments", "delivery", "analytics"} <= services, services
    screenshot(desk, "journey-erasure-3-officer-receipts.png")
