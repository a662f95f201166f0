"""The notification to the supervisory authority: every field GDPR art. 33(3) requires, with
the timing of art. 33(1)."""

from datetime import datetime

from pydantic import BaseModel

from privacy.breaches.census import PeopleEstimate
from privacy.breaches.schemas import BreachView, DataCategory
from privacy.requests.models import SubjectKind


class NatureOfBreach(BaseModel):
    """Art. 33(3)(a)."""

    description: str
    categories_of_data: list[DataCategory]
    categories_of_data_subjects: list[SubjectKind]
    approximate_number_of_data_subjects: PeopleEstimate
    approximate_number_of_records: int | None
    affected_clients: int


class Contact(BaseModel):
    """Art. 33(3)(b): the data protection officer or other contact point."""

    data_protection_contact: str


class Measures(BaseModel):
    """Art. 33(3)(d), mitigation included."""

    taken: str
    proposed_including_mitigation: str


class Timing(BaseModel):
    """Art. 33(1): without undue delay, within 72 hours of becoming aware, or with reasons."""

    discovered_at: datetime
    deadline: datetime
    hours_left: float
    authority_notified_at: datetime | None
    authority_reference: str | None
    notified_late: bool | None
    """None while the authority has not been notified."""
    reasons_for_delay: str | None


class BreachReport(BaseModel):
    reference: str
    supervisory_authority: str
    nature: NatureOfBreach
    contact: Contact
    likely_consequences: str
    """Art. 33(3)(c)."""
    measures: Measures
    timing: Timing


def breach_report(view: BreachView) -> BreachReport:
    notified = view.authority_notified_at
    return BreachReport(
        reference=view.reference,
        supervisory_authority=view.supervisory_authority,
        nature=NatureOfBreach(
            description=view.nature,
            categories_of_data=view.data_categories,
            categories_of_data_subjects=view.people_categories,
            approximate_number_of_data_subjects=view.approximate_people,
            approximate_number_of_records=view.approximate_records,
            affected_clients=len(view.tenant_ids),
        ),
        contact=Contact(data_protection_contact=view.data_protection_contact),
        likely_consequences=view.likely_consequences,
        measures=Measures(
            taken=view.measures_taken, proposed_including_mitigation=view.measures_proposed
        ),
        timing=Timing(
            discovered_at=view.discovered_at,
            deadline=view.deadline,
            hours_left=view.hours_left,
            authority_notified_at=notified,
            authority_reference=view.authority_reference,
            notified_late=None if notified is None else notified > view.deadline,
            reasons_for_delay=view.delay_reasons,
        ),
    )


def report_markdown(report: BreachReport) -> str:
    """The same report for reading or pasting into the authority's form."""
    nature, timing = report.nature, report.timing
    people = nature.approximate_number_of_data_subjects
    if people.low is None:
        people_text = "not counted (no category concerned is counted by a service)"
    elif people.low == people.high:
        people_text = f"about {people.low}"
    else:
        people_text = f"between {people.low} and {people.high}"
    if people.services_waiting:
        people_text += f" (still waiting for: {', '.join(people.services_waiting)})"
    records = nature.approximate_number_of_records
    lines = [
        f"# Personal data breach {report.reference}",
        "",
        f"To: {report.supervisory_authority}",
        "",
        "## (a) Nature of the breach",
        "",
        nature.description,
        "",
        "Categories of personal data: "
        + "; ".join(category.category for category in nature.categories_of_data),
        "",
        "Categories of data subjects: "
        + ", ".join(kind.value.replace("_", " ") for kind in nature.categories_of_data_subjects),
        "",
        f"Approximate number of data subjects: {people_text}, across {nature.affected_clients} "
        "client(s).",
        "",
        f"Method: {people.method}",
        "",
        *[
            f"- {figure.category}: "
            + ("not counted" if figure.people is None else f"{figure.people} people")
            for figure in people.per_category
        ],
        "",
        "Approximate number of personal data records: "
        + ("not estimated" if records is None else str(records)),
        "",
        "## (b) Contact point",
        "",
        report.contact.data_protection_contact,
        "",
        "## (c) Likely consequences",
        "",
        report.likely_consequences,
        "",
        "## (d) Measures taken or proposed",
        "",
        f"Taken: {report.measures.taken}",
        "",
        f"Proposed, including mitigation: {report.measures.proposed_including_mitigation}",
        "",
        "## Timing (art. 33(1))",
        "",
        f"Discovered: {timing.discovered_at.isoformat()}",
        f"Deadline: {timing.deadline.isoformat()}",
        "Authority notified: "
        + (timing.authority_notified_at.isoformat() if timing.authority_notified_at else "not yet"),
    ]
    if timing.authority_reference:
        lines.append(f"Authority's reference: {timing.authority_reference}")
    if timing.reasons_for_delay:
        lines += ["", f"Reasons for the delay: {timing.reasons_for_delay}"]
    return "\n".join(lines) + "\n"
