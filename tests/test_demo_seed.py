"""The demo ``./soket up`` seeds (issue 10), on one running system: the client admin and the
privacy officer log in with the printed password, the participants, questions, quiz and daily
questions are there, the answers posted from the emailed links reach analytics, and seeding
again changes nothing. Plus what ``up`` prints when it skips, refuses or fails."""

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from soket_cli import demo
from soket_cli.demo_api import DemoApi, DemoTarget
from soket_cli.demo_content import (
    ADMIN_EMAIL,
    DAILY_TITLE,
    DEMO_PASSWORD,
    GROUPS,
    OFFICER_EMAIL,
    PEOPLE,
    QUESTIONS,
    QUIZ_TITLE,
    Seeded,
)
from soket_cli.layout import SERVICES, repo_root
from soket_cli.pytest_infrastructure import TestInfrastructure
from tests.privacy_system import RunningSystem, module_system

QUIZ_RESPONDENTS = sum(person.answers_quiz for person in PEOPLE)
DAILY_RESPONDENTS = sum(person.answers_daily for person in PEOPLE)


@pytest.fixture(scope="module")
def system(
    infrastructure: TestInfrastructure, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningSystem]:
    yield from module_system(infrastructure, tmp_path_factory, name="demo")


def target_of(system: RunningSystem) -> DemoTarget:
    return DemoTarget(
        service_urls={service: system.url(service) for service in SERVICES},
        emulator_url=system.spec("delivery", "ses_emulator").url,
    )


def officer_link_of(system: RunningSystem) -> demo.OfficerLink:
    """``./soket admin create-privacy-officer`` against this system's databases."""

    def make(email: str) -> str:
        made = subprocess.run(
            [sys.executable, "-m", "soket_cli", "admin", "create-privacy-officer", email],
            env=system.process_environment(),
            cwd=repo_root(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert made.returncode == 0, made.stdout + made.stderr
        return made.stdout.strip().splitlines()[-1]

    return make


@pytest.fixture(scope="module")
def seeded(system: RunningSystem) -> tuple[Seeded, list[str], float]:
    """Seeded once for the module: what it made, the lines it said, the seconds it took."""
    said: list[str] = []
    started = time.monotonic()
    made = demo.seed(target_of(system), officer_link=officer_link_of(system), say=said.append)
    return made, said, time.monotonic() - started


@pytest.fixture
def admin(system: RunningSystem) -> Iterator[DemoApi]:
    api = DemoApi(target_of(system))
    assert api.log_in(ADMIN_EMAIL, DEMO_PASSWORD) == 200
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


def test_the_seed_makes_a_demo_client_that_logs_in(
    seeded: tuple[Seeded, list[str], float], admin: DemoApi
) -> None:
    made, said, seconds = seeded
    assert not made.already_there
    assert seconds < 60, said
    assert said[0] == f"  signed up 'Demo Company', its admin {ADMIN_EMAIL}"
    assert f"  {len(PEOPLE)} participants in {len(GROUPS)} groups, {len(QUESTIONS)} questions" in (
        said
    )
    client = admin.json("GET", "accounts", "/client", what="the client")
    assert client["organisation_name"] == "Demo Company"
    me = admin.json("GET", "accounts", "/me", what="the admin")
    assert me["email"] == ADMIN_EMAIL


def test_participants_questions_quiz_and_daily_questions_are_there(
    seeded: tuple[Seeded, list[str], float], admin: DemoApi
) -> None:
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


def test_analytics_shows_the_answers(
    seeded: tuple[Seeded, list[str], float], admin: DemoApi
) -> None:
    made, _, _ = seeded
    deadline = time.monotonic() + 60
    while True:
        statistics = admin.json(
            "GET", "analytics", f"/statistics/assessments/{made.quiz_id}", what="statistics"
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
        f"/statistics/assessments/{made.quiz_id}/questions",
        what="per question",
    )
    assert questions


def test_the_privacy_officer_logs_in(
    seeded: tuple[Seeded, list[str], float], system: RunningSystem
) -> None:
    officer = DemoApi(target_of(system))
    try:
        assert officer.log_in(OFFICER_EMAIL, DEMO_PASSWORD) == 200
        officer.request("GET", "privacy", "/requests", what="the officer's requests")
    finally:
        officer.close()


def test_seeding_again_changes_nothing(
    seeded: tuple[Seeded, list[str], float],
    admin: DemoApi,
    system: RunningSystem,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = snapshot(admin)
    emails = len(admin.emails())
    monkeypatch.setattr(demo, "local_target", lambda: target_of(system))
    monkeypatch.setenv("SOKET_DEMO", "1")
    monkeypatch.delenv("SOKET_ENVIRONMENT", raising=False)

    assert demo.seed_for_up() is True

    assert capsys.readouterr().out.splitlines() == [
        "Demo data",
        "  already seeded: nothing to do",
        "",
        f"Demo login: {ADMIN_EMAIL} / {DEMO_PASSWORD} (client admin)",
        f"Privacy officer: {OFFICER_EMAIL} / {DEMO_PASSWORD}",
    ]
    assert snapshot(admin) == before
    assert len(admin.emails()) == emails


def test_up_skips_the_demo_when_told_and_in_production(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def never(*_: object, **__: object) -> Seeded:
        raise AssertionError("seeded")

    monkeypatch.setattr(demo, "seed", never)
    monkeypatch.setenv("SOKET_DEMO", "0")
    assert demo.seed_for_up() is False
    assert capsys.readouterr().out == "Demo data\n  skipped (SOKET_DEMO=0)\n"

    monkeypatch.delenv("SOKET_DEMO")
    monkeypatch.setenv("SOKET_ENVIRONMENT", "production")
    assert demo.seed_for_up() is False
    assert capsys.readouterr().out == (
        "Demo data\n  not seeded: SOKET_ENVIRONMENT is production "
        "(demo logins have a known password)\n"
    )


def test_up_says_so_when_the_demo_cannot_be_seeded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = "http://127.0.0.1:1"
    monkeypatch.setattr(
        demo,
        "local_target",
        lambda: DemoTarget(dict.fromkeys(SERVICES, nowhere), nowhere),
    )
    monkeypatch.delenv("SOKET_DEMO", raising=False)
    monkeypatch.delenv("SOKET_ENVIRONMENT", raising=False)

    assert demo.seed_for_up() is False

    out = capsys.readouterr().out
    assert "  the demo could not be seeded: the SES emulator does not answer" in out
    assert "Demo login" not in out
    assert "Traceback" not in out
