"""The demo data ``./soket up`` seeds: a client with participants, questions, a quiz its people
answered from their emailed links, daily questions, and a privacy officer.

Everything goes through the running system's public APIs (and the emails the SES emulator
took), so every service gets its data through the real flows and events. Running it again
finds what is there and makes nothing twice. ``SOKET_DEMO=0`` skips it; it never runs when
``SOKET_ENVIRONMENT`` is ``production``.
"""

import importlib
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from pydantic import ValidationError

from chassis.settings import SharedSettings
from soket_cli.delivery_commands import emulator_url
from soket_cli.demo_answers import filled_form
from soket_cli.demo_api import (
    DemoApi,
    DemoSeedError,
    DemoTarget,
    Email,
    answer_paths,
    query_token,
)
from soket_cli.demo_content import (
    ADMIN_EMAIL,
    ADMIN_NAME,
    DAILY_TITLE,
    DEMO_PASSWORD,
    GROUPS,
    OFFICER_EMAIL,
    ORGANISATION,
    PEOPLE,
    QUESTIONS,
    QUIZ_OPEN_DAYS,
    QUIZ_REMINDER_AFTER_HOURS,
    QUIZ_TITLE,
    Seeded,
)
from soket_cli.layout import process_specs

Say = Callable[[str], None]
OfficerLink = Callable[[str], str]
"""Makes the privacy officer (or finds them) and returns the one-time password link."""

CLIENT_TIME_ZONE = "Europe/Tallinn"
"""The time zone accounts gives a client that signs up without one."""
ANALYTICS_WAIT_SECONDS = 20.0

DEMO_LOGIN_LINE = f"Demo login: {ADMIN_EMAIL} / {DEMO_PASSWORD} (client admin)"
OFFICER_LOGIN_LINE = f"Privacy officer: {OFFICER_EMAIL} / {DEMO_PASSWORD}"


def create_privacy_officer(email: str) -> str:
    """As ``./soket admin create-privacy-officer`` does, in this process's environment."""
    command = importlib.import_module("accounts.staff.command")
    try:
        link: str = command.create_privacy_officer(email)
    except command.StaffCommandError as error:
        raise DemoSeedError(f"making the privacy officer: {error}") from None
    return link


def seed(
    target: DemoTarget,
    *,
    officer_link: OfficerLink = create_privacy_officer,
    say: Say = print,
) -> Seeded:
    """Seeds the demo (or finds it seeded); raises ``DemoSeedError`` saying which step failed."""
    admin = DemoApi(target)
    officer = DemoApi(target)
    try:
        return _seed(admin, officer, officer_link=officer_link, say=say)
    finally:
        admin.close()
        officer.close()


def _seed(admin: DemoApi, officer: DemoApi, *, officer_link: OfficerLink, say: Say) -> Seeded:
    seeded = Seeded()
    signed_up = _client_admin(admin, say)
    if not signed_up and _complete(admin) and officer.log_in(OFFICER_EMAIL, DEMO_PASSWORD) == 200:
        seeded.already_there = True
        say("  already seeded: nothing to do")
        return seeded
    _groups(admin, seeded)
    _participants(admin, seeded)
    _questions(admin, seeded)
    say(
        f"  {len(seeded.participant_ids)} participants in {len(GROUPS)} groups, "
        f"{len(seeded.question_ids)} questions"
    )
    seeded.quiz_id = _quiz(admin, seeded)
    seeded.daily_id = _daily(admin, seeded)
    seeded.quiz_answers = _answer(admin, seeded, seeded.quiz_id, QUIZ_TITLE, quiz=True)
    say(
        f"  quiz {QUIZ_TITLE!r} sent to {len(PEOPLE)} people by email; "
        f"{seeded.quiz_answers} answered it from their emailed links"
    )
    seeded.daily_answers = _answer(admin, seeded, seeded.daily_id, DAILY_TITLE, quiz=False)
    say(
        f"  daily questions {DAILY_TITLE!r} every day; "
        f"{seeded.daily_answers} answered today's from their emails"
    )
    if not _analytics_counted(admin, seeded.quiz_id, seeded.quiz_answers):
        say("  (analytics is still counting the answers: they show in a moment)")
    _privacy_officer(officer, officer_link, say)
    return seeded


# --- the client and its admin --------------------------------------------------------------------


def _client_admin(api: DemoApi, say: Say) -> bool:
    """Logged in as the demo client's admin, signing the client up first when it is not
    there; True when it was signed up now."""
    before = len(api.emails())
    status = api.log_in(ADMIN_EMAIL, DEMO_PASSWORD)
    if status == 200:
        return False
    signed_up = status == 401
    if signed_up:
        response = api.request(
            "POST",
            "accounts",
            "/signup",
            expect=(201, 409),
            what="signing up the demo client",
            json={
                "organisation_name": ORGANISATION,
                "email": ADMIN_EMAIL,
                "password": DEMO_PASSWORD,
                "name": ADMIN_NAME,
            },
        )
        if response.status_code == 409:
            raise DemoSeedError(
                f"{ADMIN_EMAIL} has an account whose password is not the demo's: "
                "the demo cannot log in as it"
            )
        say(f"  signed up {ORGANISATION!r}, its admin {ADMIN_EMAIL}")
    # Signing up, and logging in unverified, email a verification link.
    emails = api.wait_for_emails(
        lambda emails: _verification(emails[before:]) is not None,
        what=f"the verification email to {ADMIN_EMAIL}",
    )
    token = _verification(emails[before:])
    assert token is not None
    api.request(
        "POST",
        "accounts",
        "/auth/verify-email",
        expect=(204,),
        what="verifying the demo admin's address",
        json={"token": token},
    )
    say(f"  verified {ADMIN_EMAIL} with the link from the emailed verification")
    if api.log_in(ADMIN_EMAIL, DEMO_PASSWORD) != 200:
        raise DemoSeedError(f"{ADMIN_EMAIL} cannot log in after verifying the address")
    return signed_up


def _verification(emails: list[Email]) -> str | None:
    for email in reversed(emails):
        token = query_token(email.links) if ADMIN_EMAIL in email.to else None
        if token:
            return token
    return None


def _complete(api: DemoApi) -> bool:
    """The last of the client's demo data is there: the daily questions, published and
    answered by those who answer them."""
    daily = [
        item
        for item in api.items("assessments", "/assessments", what="listing assessments")
        if item["title"] == DAILY_TITLE and item["status"] == "published"
    ]
    if not daily:
        return False
    results = api.json(
        "GET", "assessments", f"/assessments/{daily[0]['id']}/results", what="daily results"
    )
    answered: int = results["answered_dispatches"]
    return answered >= sum(person.answers_daily for person in PEOPLE)


# --- participants, questions, assessments --------------------------------------------------------


def _groups(api: DemoApi, seeded: Seeded) -> None:
    found = {
        item["name"]: item["id"]
        for item in api.items("assessments", "/groups", what="listing groups")
    }
    for name in GROUPS:
        if name not in found:
            made = api.json(
                "POST",
                "assessments",
                "/groups",
                expect=(201,),
                what=f"making the group {name!r}",
                json={"name": name},
            )
            found[name] = made["id"]
        seeded.group_ids[name] = found[name]


def _participants(api: DemoApi, seeded: Seeded) -> None:
    found = {
        item["email"]: item["id"]
        for item in api.items("assessments", "/participants", what="listing participants")
    }
    for person in PEOPLE:
        if person.email not in found:
            made = api.json(
                "POST",
                "assessments",
                "/participants",
                expect=(201,),
                what=f"adding the participant {person.name}",
                json={
                    "name": person.name,
                    "email": person.email,
                    "language": person.language,
                    "group_ids": [seeded.group_ids[person.group]],
                },
            )
            found[person.email] = made["id"]
        seeded.participant_ids[person.email] = found[person.email]


def _questions(api: DemoApi, seeded: Seeded) -> None:
    found = {
        item["text"]: item["id"]
        for item in api.items("assessments", "/questions", what="listing questions")
    }
    for question in QUESTIONS:
        if question.text not in found:
            made = api.json(
                "POST",
                "assessments",
                "/questions",
                expect=(201,),
                what=f"writing the question {question.text!r}",
                json=question.body(),
            )
            found[question.text] = made["id"]
        seeded.question_ids[question.text] = found[question.text]


def _find_or_publish(api: DemoApi, title: str, body: dict[str, object]) -> str:
    """The assessment titled ``title``, made from ``body`` when missing, published."""
    existing = [
        item
        for item in api.items("assessments", "/assessments", what="listing assessments")
        if item["title"] == title
    ]
    if existing:
        assessment = existing[0]
    else:
        assessment = api.json(
            "POST",
            "assessments",
            "/assessments",
            expect=(201,),
            what=f"making {title!r}",
            json=body,
        )
    identifier: str = assessment["id"]
    if assessment["status"] != "published":
        api.request(
            "POST",
            "assessments",
            f"/assessments/{identifier}/publish",
            what=f"publishing {title!r}",
        )
    return identifier


def _quiz(api: DemoApi, seeded: Seeded) -> str:
    """Open from now for a week, sent by email at once to both groups; one reminder."""
    opens = datetime.now(UTC) - timedelta(seconds=5)
    return _find_or_publish(
        api,
        QUIZ_TITLE,
        {
            "kind": "quiz",
            "title": QUIZ_TITLE,
            "question_ids": [seeded.question_ids[question.text] for question in QUESTIONS],
            "group_ids": list(seeded.group_ids.values()),
            "channels": ["email"],
            "show_correct": True,
            "opens_at": opens.isoformat(),
            "closes_at": (opens + timedelta(days=QUIZ_OPEN_DAYS)).isoformat(),
            "reminder_after_hours": QUIZ_REMINDER_AFTER_HOURS,
            "max_reminders": 1,
        },
    )


def _daily(api: DemoApi, seeded: Seeded) -> str:
    """Every day at the last quarter hour that has passed (client time), so today's question
    goes at once, from the pool of the choice questions."""
    local = datetime.now(ZoneInfo(CLIENT_TIME_ZONE)) - timedelta(minutes=1)
    send_at = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
    return _find_or_publish(
        api,
        DAILY_TITLE,
        {
            "kind": "daily_questions",
            "title": DAILY_TITLE,
            "question_ids": [
                seeded.question_ids[question.text]
                for question in QUESTIONS
                if question.in_daily_pool
            ],
            "participant_ids": list(seeded.participant_ids.values()),
            "channels": ["email"],
            "show_correct": True,
            "weekdays": [1, 2, 3, 4, 5, 6, 7],
            "send_time": send_at.time().isoformat(),
            "starts_on": send_at.date().isoformat(),
        },
    )


# --- answers from the emailed links --------------------------------------------------------------


def _answer(api: DemoApi, seeded: Seeded, assessment_id: str, title: str, *, quiz: bool) -> int:
    """The people who answer it do, from the newest email inviting them; how many have
    answered it in all."""
    people = [
        person for person in PEOPLE if (person.answers_quiz if quiz else person.answers_daily)
    ]
    results = api.json(
        "GET", "assessments", f"/assessments/{assessment_id}/results", what=f"results of {title!r}"
    )
    answered: int = results["answered_dispatches"]
    if answered >= len(people):
        return answered

    def invitation(emails: list[Email], address: str) -> str | None:
        for email in reversed(emails):
            paths = answer_paths(email)
            if address in email.to and title in email.subject and paths:
                return paths[0]
        return None

    emails = api.wait_for_emails(
        lambda emails: all(invitation(emails, person.email) for person in people),
        what=f"the emails sending {title!r} to {len(people)} people",
    )
    for person in people:
        path = invitation(emails, person.email)
        assert path is not None
        page = api.request(
            "GET", "assessments", path, expect=(200, 410), what=f"{person.name}'s answer page"
        )
        if page.status_code != 200 or 'method="post"' not in page.text:
            continue  # answered already, or the link expired
        try:
            form = filled_form(page.text, email=person.email, question_ids=seeded.question_ids)
        except ValueError as error:
            raise DemoSeedError(f"{person.name}'s answer page for {title!r}: {error}") from None
        api.request(
            "POST",
            "assessments",
            path,
            expect=(200, 409),
            what=f"{person.name} answering {title!r}",
            data=form,
        )
    results = api.json(
        "GET", "assessments", f"/assessments/{assessment_id}/results", what=f"results of {title!r}"
    )
    counted: int = results["answered_dispatches"]
    return counted


def _analytics_counted(api: DemoApi, quiz_id: str, respondents: int) -> bool:
    """Waits (a little) until analytics has counted the quiz's respondents."""
    deadline = time.monotonic() + ANALYTICS_WAIT_SECONDS
    while True:
        response = api.request(
            "GET",
            "analytics",
            f"/statistics/assessments/{quiz_id}",
            expect=(200, 404),
            what="the quiz's statistics",
        )
        if response.status_code == 200 and response.json()["respondents"] >= respondents:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)


# --- the privacy officer -------------------------------------------------------------------------


def _privacy_officer(api: DemoApi, officer_link: OfficerLink, say: Say) -> None:
    if api.log_in(OFFICER_EMAIL, DEMO_PASSWORD) == 200:
        return
    link = officer_link(OFFICER_EMAIL)
    token = query_token([link])
    if token is None:
        raise DemoSeedError(f"the privacy officer's link carries no token: {link}")
    api.request(
        "POST",
        "accounts",
        "/auth/password-reset/confirm",
        expect=(204,),
        what="setting the privacy officer's password through their link",
        json={"token": token, "password": DEMO_PASSWORD},
    )
    if api.log_in(OFFICER_EMAIL, DEMO_PASSWORD) != 200:
        raise DemoSeedError(f"{OFFICER_EMAIL} cannot log in after setting the password")
    say(f"  privacy officer {OFFICER_EMAIL}, password set through their one-time link")


# --- ./soket up ----------------------------------------------------------------------------------


def local_target() -> DemoTarget:
    """The system ``./soket up`` started: each API on its own port, the SES emulator."""
    return DemoTarget(
        service_urls={spec.service: spec.url for spec in process_specs() if spec.kind == "api"},
        emulator_url=os.environ.get("DELIVERY_SES__ENDPOINT_URL") or emulator_url(),
    )


def seed_for_up() -> bool:
    """What ``./soket up`` runs once the system is ready: seeds (unless ``SOKET_DEMO=0`` or in
    production) and prints the logins; a failure is told, never raised: the system stays up."""
    print("Demo data")
    if os.environ.get("SOKET_DEMO", "1").strip() in ("0", "false", "no"):
        print("  skipped (SOKET_DEMO=0)")
        return False
    try:
        environment = SharedSettings().soket_environment
    except ValidationError:
        environment = "production"
    if environment == "production":
        print("  not seeded: SOKET_ENVIRONMENT is production (demo logins have a known password)")
        return False
    started = time.monotonic()
    try:
        seeded = seed(local_target())
    except (DemoSeedError, httpx.HTTPError, KeyError, ValueError, OSError) as error:
        reason = str(error) or type(error).__name__
        print(f"  the demo could not be seeded: {reason}")
        print("  Soket is up all the same; ./soket logs <service> shows what the services said.")
        return False
    if not seeded.already_there:
        print(f"  seeded in {time.monotonic() - started:.1f} s")
    print(f"\n{DEMO_LOGIN_LINE}")
    print(OFFICER_LOGIN_LINE)
    return True
