"""The demo ``./soket up`` seeds (issue 10), on the browser tests' stack (started without
``SOKET_DEMO=0``): up prints both logins, the client admin and the privacy officer log in with
the printed password, the participants, questions, quiz and daily questions are there, the
answers posted from the emailed links reach analytics, and seeding again changes nothing.
(What ``up`` prints when it skips, refuses or fails: tests/test_demo_seed.py.)"""

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from soket_cli import demo
from soket_cli.demo_api import DemoApi, DemoTarget, Email
from soket_cli.demo_content import (
    ADMIN_EMAIL,
    DAILY_TITLE,
    DEMO_PASSWORD,
    GROUPS,
    OFFICER_EMAIL,
    PEOPLE,
    QUESTIONS,
    QUIZ_TITLE,
)
from soket_cli.layout import SERVICES
from tests.web.stack import WebStack

QUIZ_RESPONDENTS = sum(person.answers_quiz for person in PEOPLE)
DAILY_RESPONDENTS = sum(person.answers_daily for person in PEOPLE)
DEMO_ADDRESSES = {ADMIN_EMAIL, OFFICER_EMAIL, *(person.email for person in PEOPLE)}
SEED_SECONDS = 60


def target_of(stack: WebStack) -> DemoTarget:
    return DemoTarget(
        service_urls={service: stack.service_url(service) for service in SERVICES},
        emulator_url=stack.service_url("delivery", "ses_emulator"),
    )


@pytest.fixture
def admin(stack: WebStack) -> Iterator[DemoApi]:
    """The demo client's admin, logged in with the printed password through the API."""
    api = DemoApi(target_of(stack))
    assert api.log_in(ADMIN_EMAIL, DEMO_PASSWORD) == 200, stack.up_output
    yield api
    api.close()


def snapshot(api: DemoApi) -> dict[str, Any]:
    """What the client holds, as the seed could have changed it."""
    assessments = api.items("assessments", "/assessments", what="assessments")
    return {
        "groups": api.items("assessments", "/groups", what="groups"),
        "participants": api.items("assessments", "/participants", what="participants"),
        "questions": api.items("assessments", "/questions", what="questions"),
        "assessments": assessments,
        "results": [
            api.json("GET", "assessments", f"/assessments/{item['id']}/results", what="results")
            for item in assessments
        ],
    }


def demo_emails(api: DemoApi) -> list[Email]:
    """The emails to the demo's people (the other tests' emails come and go meanwhile)."""
    return [email for email in api.emails() if DEMO_ADDRESSES & set(email.to)]


def test_up_seeds_the_demo_and_prints_both_logins(stack: WebStack) -> None:
    said = stack.up_output.splitlines()
    assert f"  signed up 'Demo Company', its admin {ADMIN_EMAIL}" in said, stack.up_output
    assert f"  {len(PEOPLE)} participants in {len(GROUPS)} groups, {len(QUESTIONS)} questions" in (
        said
    )
    took = re.search(r"^  seeded in ([\d.]+) s$", stack.up_output, re.MULTILINE)
    assert took, stack.up_output
    assert float(took.group(1)) < SEED_SECONDS
    login = f"Demo login: {ADMIN_EMAIL} / {DEMO_PASSWORD} (client admin)"
    assert login in said, stack.up_output
    assert said[said.index(login) + 1] == f"Privacy officer: {OFFICER_EMAIL} / {DEMO_PASSWORD}"


def test_the_demo_client_admin_logs_in(admin: DemoApi) -> None:
    client = admin.json("GET", "accounts", "/client", what="the client")
    assert client["organisation_name"] == "Demo Company"
    me = admin.json("GET", "accounts", "/me", what="the admin")
    assert me["email"] == ADMIN_EMAIL


def test_the_demo_privacy_officer_logs_in(stack: WebStack) -> None:
    officer = DemoApi(target_of(stack))
    try:
        assert officer.log_in(OFFICER_EMAIL, DEMO_PASSWORD) == 200
        officer.request("GET", "privacy", "/requests", what="the officer's requests")
    finally:
        officer.close()


def test_participants_questions_quiz_and_daily_questions_are_there(admin: DemoApi) -> None:
    held = snapshot(admin)
    assert {item["name"]: item["members"] for item in held["groups"]} == {
        name: sum(person.group == name for person in PEOPLE) for name in GROUPS
    }
    assert sorted(item["email"] for item in held["participants"]) == sorted(
        person.email for person in PEOPLE
    )
    assert {item["kind"] for item in held["questions"]} == {
        "single_choice",
        "multiple_choice",
        "scale",
        "free_text",
    }
    assert len(held["questions"]) == len(QUESTIONS)
    by_title = {item["title"]: item for item in held["assessments"]}
    assert set(by_title) == {QUIZ_TITLE, DAILY_TITLE}
    assert by_title[QUIZ_TITLE]["kind"] == "quiz"
    assert by_title[DAILY_TITLE]["kind"] == "daily_questions"
    assert {item["status"] for item in held["assessments"]} == {"published"}
    results = {result["assessment_id"]: result for result in held["results"]}
    quiz = results[by_title[QUIZ_TITLE]["id"]]
    assert (quiz["dispatches"], quiz["answered_dispatches"]) == (len(PEOPLE), QUIZ_RESPONDENTS)
    assert all(question["answers"] == QUIZ_RESPONDENTS for question in quiz["questions"])
    daily = results[by_title[DAILY_TITLE]["id"]]
    assert daily["answered_dispatches"] == DAILY_RESPONDENTS


def test_analytics_shows_the_answers(admin: DemoApi) -> None:
    [quiz_id] = [
        item["id"]
        for item in admin.items("assessments", "/assessments", what="assessments")
        if item["title"] == QUIZ_TITLE
    ]
    deadline = time.monotonic() + 60
    while True:
        statistics = admin.json(
            "GET", "analytics", f"/statistics/assessments/{quiz_id}", what="statistics"
        )
        if statistics["respondents"] == QUIZ_RESPONDENTS or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert statistics["dispatched"] == len(PEOPLE)
    assert statistics["respondents"] == QUIZ_RESPONDENTS
    assert statistics["answers"] == QUIZ_RESPONDENTS * len(QUESTIONS)
    assert 0 < statistics["correct_answers"] < statistics["graded_answers"]
    questions = admin.json(
        "GET",
        "analytics",
        f"/statistics/assessments/{quiz_id}/questions",
        what="per question",
    )
    assert questions


def test_seeding_again_changes_nothing(
    admin: DemoApi,
    stack: WebStack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = snapshot(admin)
    emails = len(demo_emails(admin))
    monkeypatch.setattr(demo, "local_target", lambda: target_of(stack))
    monkeypatch.setenv("SOKET_DEMO", "1")
    monkeypatch.delenv("SOKET_ENVIRONMENT", raising=False)

    assert demo.seed_for_up() is True

    assert capsys.readouterr().out.splitlines() == [
        "Demo data",
        "  already seeded: nothing to do",
        "",
        demo.DEMO_LOGIN_LINE,
        demo.OFFICER_LOGIN_LINE,
    ]
    assert snapshot(admin) == before
    assert len(demo_emails(admin)) == emails
