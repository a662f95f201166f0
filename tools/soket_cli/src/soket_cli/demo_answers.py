"""Answering as a participant's browser does: read the answer page's form (``GET /a/<token>``),
fill it in for one demo person, post it back."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from soket_cli.demo_content import (
    PEOPLE,
    QUESTIONS,
    DemoQuestion,
    answers_right,
    person_index,
    scale_point,
)


@dataclass
class FormField:
    """One question's field on the page: ``q-<question id>``, its choices (value, label)."""

    name: str
    kind: str
    """``radio``, ``checkbox`` or ``textarea``."""
    choices: list[tuple[str, str]] = field(default_factory=list)


class AnswerPageParser(HTMLParser):
    """The answering form's fields (not the report forms', which post elsewhere)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, FormField] = {}
        self._in_answer_form = False
        self._input: tuple[str, str, str] | None = None
        self._label: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._in_answer_form = not attributes.get("action", "").endswith("/report")
        if not self._in_answer_form:
            return
        name = attributes.get("name", "")
        if not name.startswith("q-"):
            return
        if tag == "textarea":
            self.fields.setdefault(name, FormField(name, "textarea"))
        elif tag == "input" and attributes.get("type") in ("radio", "checkbox"):
            self._input = (name, attributes["type"], attributes.get("value", ""))
            self._label = []

    def handle_data(self, data: str) -> None:
        if self._input is not None:
            self._label.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_answer_form = False
        if tag == "label" and self._input is not None:
            name, kind, value = self._input
            self.fields.setdefault(name, FormField(name, kind)).choices.append(
                (value, "".join(self._label).strip())
            )
            self._input = None


def answer_fields(page: str) -> list[FormField]:
    parser = AnswerPageParser()
    parser.feed(page)
    parser.close()
    return list(parser.fields.values())


def _labels_to_choose(person: int, number: int, question: DemoQuestion) -> list[str]:
    if question.kind == "scale":
        return [str(scale_point(person, question))]
    if answers_right(person, number):
        return list(question.correct)
    if question.kind == "multiple_choice":
        return [question.correct[0], question.wrong[0]]
    return [question.wrong[0]]


def filled_form(
    page: str, *, email: str, question_ids: dict[str, str]
) -> dict[str, str | list[str]]:
    """The answers the person at ``email`` gives on this page (``question_ids``: the demo
    questions' ids by text). Raises ``ValueError`` for a page it does not recognise."""
    by_id = {question_ids[question.text]: question for question in QUESTIONS}
    person = person_index(email)
    form: dict[str, str | list[str]] = {}
    fields = answer_fields(page)
    if not fields:
        raise ValueError("the answer page shows no form")
    for found in fields:
        question = by_id.get(found.name.removeprefix("q-"))
        if question is None:
            raise ValueError(f"the answer page asks a question the demo did not make: {found.name}")
        if found.kind == "textarea":
            form[found.name] = PEOPLE[person].free_text or "No comment."
            continue
        wanted = _labels_to_choose(person, QUESTIONS.index(question), question)
        values = [value for value, label in found.choices if label in wanted]
        if len(values) != len(wanted):
            raise ValueError(f"the answer page lacks the options {wanted} of {question.text!r}")
        form[found.name] = values if found.kind == "checkbox" else values[0]
    return form
