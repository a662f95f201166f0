"""A new client's first quiz, all in the browser (issue 10): it signs up, verifies its address
from the emailed link (Q14), logs in, adds two participants, writes a question and sends a
quiz by email; a participant answers on the emailed answer page (/a/<token>); the client sees
the answer in its statistics (P3: what analytics counted is visible to the client in the
service)."""

import re
import secrets
import time

from playwright.sync_api import Page, expect

from tests.web.browser import screenshot
from tests.web.conftest import OpenContext
from tests.web.stack import PASSWORD, WebStack, path_of, unique_email

STATISTICS_SECONDS = 60


def add_participant(page: Page, *, name: str, email: str) -> None:
    page.goto("/app/participants")
    page.get_by_role("link", name="Add participant").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_role("button", name="Add participant").click()
    page.wait_for_url(re.compile(r"/app/participants/[0-9a-f-]{36}$"))
    expect(page.get_by_text(email).first).to_be_visible()


def answer_link(stack: WebStack, address: str, title: str) -> str:
    mail = stack.email_to(address, containing=title)
    [link] = [link for link in mail.links if "/a/" in link]
    return path_of(link)


def test_a_new_client_sends_a_quiz_and_sees_the_answer(
    open_context: OpenContext, stack: WebStack
) -> None:
    email = unique_email("journey-admin")
    first, second = unique_email("anu"), unique_email("mart")
    question = f"Which city is the capital of Estonia? ({secrets.token_hex(2)})"
    title = f"Capitals quiz {secrets.token_hex(2)}"
    page = open_context().new_page()

    # Sign up, verify the address from the emailed link, log in.
    page.goto("/signup")
    page.get_by_label("Organisation name").fill("Journey Tests OÜ")
    page.get_by_label("Your name").fill("Jaan Journey")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Language of messages to participants").select_option("en")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.goto(path_of(next(link for link in stack.email_to(email).links if "token=" in link)))
    page.get_by_role("button", name="Verify email address").click()
    expect(page.get_by_text("Your email address is verified")).to_be_visible()
    page.goto("/login")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/app$"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    # Two participants, one question, a quiz sent to all of them by email.
    add_participant(page, name="Anu Answerer", email=first)
    add_participant(page, name="Mart Silent", email=second)
    page.goto("/app/questions/new")
    page.get_by_label("Question", exact=True).fill(question)
    page.get_by_label("Option 1", exact=True).fill("Tallinn")
    page.get_by_label("Option 2", exact=True).fill("Tartu")
    page.get_by_label("Option 1 is the correct answer").check()
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text("The question is saved.")).to_be_visible()
    page.goto("/app/assessments/new-quiz")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label(question).check()
    expect(page.get_by_label(re.compile(r"^All participants \(2\)"))).to_be_checked()
    expect(page.get_by_label("Email", exact=True)).to_be_checked()
    page.get_by_role("button", name="Send quiz").click()
    page.wait_for_url(re.compile(r"/app/assessments/[0-9a-f-]{36}$"))
    expect(page.get_by_text("Published: it goes out as scheduled.")).to_be_visible()
    screenshot(page, "journey-client-1-quiz-sent.png")

    # The participant answers on the emailed answer page, logged out, in a browser of theirs.
    participant = open_context().new_page()
    participant.goto(answer_link(stack, first, title))
    expect(participant.get_by_role("heading", level=1)).to_have_text(title)
    participant.get_by_label("Tallinn").check()
    participant.get_by_role("button", name="Send answer").click()
    expect(participant.get_by_text("You answered correctly.")).to_be_visible()
    screenshot(participant, "journey-client-2-answered.png")

    # The client sees it in the statistics: one respondent of two, one answer.
    assert respondents_of(page, title) == "1"
    expect(page.locator(".figures li", has_text="Answers").first).to_contain_text("1")
    screenshot(page, "journey-client-3-statistics.png")


def respondents_of(page: Page, title: str) -> str:
    """The quiz's respondents on its statistics page, once analytics counts someone (it
    learns of answers from events, a moment later)."""
    deadline = time.monotonic() + STATISTICS_SECONDS
    shown = ""
    while time.monotonic() < deadline:
        page.goto("/app/statistics")
        page.wait_for_load_state("networkidle")
        link = page.get_by_role("link", name=title)
        if link.count():
            link.first.click()
            page.wait_for_load_state("networkidle")
            figure = page.locator(".figures li", has_text="Respondents")
            shown = figure.first.inner_text().split()[0] if figure.count() else ""
            if shown not in ("", "0"):
                return shown
        page.wait_for_timeout(1000)
    return shown
