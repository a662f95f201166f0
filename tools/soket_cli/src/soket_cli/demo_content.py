"""What the demo client holds: its people, groups, questions, assessments, and how each
person answers. Plain data; ``demo.py`` puts it into the running system through its APIs.

Every address is under ``.example`` (RFC 2606): nothing can ever reach a real mailbox.
"""

from dataclasses import dataclass, field

DEMO_PASSWORD = "soket-demo-password"  # noqa: S105 (documented, for a local development stack)
"""One password for the demo client admin and the demo privacy officer (README.md)."""

ADMIN_EMAIL = "demo@soket.example"
ADMIN_NAME = "Demo Admin"
ORGANISATION = "Demo Company"
OFFICER_EMAIL = "privacy-officer@soket.example"

QUIZ_TITLE = "Security and privacy basics"
DAILY_TITLE = "Question of the day"
QUIZ_OPEN_DAYS = 7
QUIZ_REMINDER_AFTER_HOURS = 48


@dataclass(frozen=True)
class DemoPerson:
    name: str
    email: str
    language: str
    group: str
    answers_quiz: bool
    answers_daily: bool
    free_text: str = ""


GROUPS = ("Sales", "Engineering")

PEOPLE = (
    DemoPerson(
        "Mari Maasikas",
        "mari.maasikas@soket.example",
        "et",
        "Sales",
        answers_quiz=True,
        answers_daily=True,
        free_text="Shorter reminders before the deadline would help.",
    ),
    DemoPerson(
        "Jaan Tamm",
        "jaan.tamm@soket.example",
        "et",
        "Engineering",
        answers_quiz=True,
        answers_daily=True,
        free_text="A password manager for the whole team.",
    ),
    DemoPerson(
        "Kadri Kask",
        "kadri.kask@soket.example",
        "en",
        "Sales",
        answers_quiz=True,
        answers_daily=True,
        free_text="Examples of real phishing emails we received.",
    ),
    DemoPerson(
        "Andres Saar",
        "andres.saar@soket.example",
        "et",
        "Engineering",
        answers_quiz=True,
        answers_daily=False,
        free_text="Less jargon in the rules.",
    ),
    DemoPerson(
        "Liis Mets",
        "liis.mets@soket.example",
        "en",
        "Sales",
        answers_quiz=True,
        answers_daily=True,
        free_text="A short checklist next to the printer.",
    ),
    DemoPerson(
        "Peeter Sepp",
        "peeter.sepp@soket.example",
        "et",
        "Engineering",
        answers_quiz=True,
        answers_daily=True,
        free_text="Nothing: the rules are clear to me.",
    ),
    DemoPerson(
        "Anna Ivanova",
        "anna.ivanova@soket.example",
        "en",
        "Sales",
        answers_quiz=False,
        answers_daily=False,
    ),
    DemoPerson(
        "Tõnu Kuusk",
        "tonu.kuusk@soket.example",
        "et",
        "Engineering",
        answers_quiz=False,
        answers_daily=False,
    ),
)


@dataclass(frozen=True)
class DemoQuestion:
    kind: str
    text: str
    topics: tuple[str, ...]
    correct: tuple[str, ...] = ()
    """Labels of the correct options (choice questions)."""
    wrong: tuple[str, ...] = ()
    """Labels of the other options."""
    scale: tuple[int, int] | None = None
    explanation: str | None = None
    in_daily_pool: bool = False

    def body(self) -> dict[str, object]:
        """The ``POST /questions`` body (assessments' ``QuestionIn``)."""
        options = [{"label": label, "correct": True} for label in self.correct]
        options += [{"label": label, "correct": False} for label in self.wrong]
        body: dict[str, object] = {
            "kind": self.kind,
            "text": self.text,
            "topics": list(self.topics),
            "options": options,
        }
        if self.explanation:
            body["explanation"] = self.explanation
        if self.scale is not None:
            body["scale"] = {"minimum": self.scale[0], "maximum": self.scale[1]}
        return body


QUESTIONS = (
    DemoQuestion(
        "single_choice",
        "Which of these is personal data?",
        ("privacy",),
        correct=("A colleague's work email address",),
        wrong=("The company's registration code", "The number of people in the office"),
        explanation="An address that points to one person is personal data, at work too.",
        in_daily_pool=True,
    ),
    DemoQuestion(
        "multiple_choice",
        "Which of these make a password strong?",
        ("security",),
        correct=("At least 12 characters", "A different password for every service"),
        wrong=("Your pet's name", "Changing one digit every month"),
        explanation="Length and never reusing a password matter most; a password manager helps.",
        in_daily_pool=True,
    ),
    DemoQuestion(
        "single_choice",
        "An email asks you to confirm your password through a link. What do you do?",
        ("security",),
        correct=("Report it as phishing",),
        wrong=("Open the link and log in", "Forward it to your colleagues"),
        explanation="We never ask for passwords by email: report it and delete it.",
        in_daily_pool=True,
    ),
    DemoQuestion(
        "multiple_choice",
        "Which of these rights does a person have under the GDPR?",
        ("privacy",),
        correct=("To see the data held about them", "To have their data erased"),
        wrong=("To be paid for their data",),
        explanation="Access and erasure are among the rights; payment is not.",
    ),
    DemoQuestion(
        "scale",
        "How sure are you that you would spot a phishing email?",
        ("security",),
        scale=(1, 5),
    ),
    DemoQuestion(
        "free_text",
        "What would make our security rules easier to follow?",
        ("feedback",),
    ),
)


@dataclass
class Seeded:
    """What the seed found or made, and what it did this time."""

    tenant_id: str = ""
    group_ids: dict[str, str] = field(default_factory=dict)
    participant_ids: dict[str, str] = field(default_factory=dict)
    """By email."""
    question_ids: dict[str, str] = field(default_factory=dict)
    """By text."""
    quiz_id: str = ""
    daily_id: str = ""
    quiz_answers: int = 0
    daily_answers: int = 0
    already_there: bool = False


def person_index(email: str) -> int:
    return next(index for index, person in enumerate(PEOPLE) if person.email == email)


def answers_right(person: int, question: int) -> bool:
    """Most answers are right; which are wrong varies by person and question."""
    return (person + question) % 3 != 0


def scale_point(person: int, question: DemoQuestion) -> int:
    assert question.scale is not None
    low, high = question.scale
    return low + (person * 3 + 1) % (high - low + 1)
