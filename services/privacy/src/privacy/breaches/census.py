"""A breach's approximate number of people, from the counts the data services report.

Each service counts the distinct people per client in each of its categories; a register
category of data is held by one or more of them. The same person appears in several
categories and services, so the figures bound the number of people rather than give it.
"""

from collections.abc import Iterable, Mapping
from typing import Final
from uuid import UUID

from pydantic import BaseModel

from contracts.vocabulary import DataService
from privacy.register import seed

SOURCES: Final[Mapping[UUID, tuple[tuple[DataService, str], ...]]] = {
    seed.CLIENT_REPRESENTATIVE_EMAIL: ((DataService.ACCOUNTS, "client_users"),),
    seed.PARTICIPANT_NAMES_AND_EMAILS: (
        (DataService.ASSESSMENTS, "participants"),
        (DataService.DELIVERY, "delivery_log"),
    ),
    seed.PARTICIPANT_SLACK_IDS: (
        (DataService.ASSESSMENTS, "participant_slack_ids"),
        (DataService.DELIVERY, "slack_members"),
    ),
    seed.QUESTIONS_AND_OPTIONS: (),
    seed.PARTICIPANT_ANSWERS: ((DataService.ASSESSMENTS, "answers"),),
    seed.ANSWER_STATISTICS: ((DataService.ANALYTICS, "per_person_statistics"),),
}
"""Where each seeded register category is counted: (service, the service's census category).
A category added to the register later is not counted by any service (it shows as such)."""

METHOD: Final = (
    "Each data service counted the distinct people (by pseudonymous reference) it holds per "
    "affected client in each of its categories. A register category's figure for a client is "
    "the largest count among the services holding it. Per client, the people concerned are at "
    "least the largest category figure and at most the sum of them (the same person may be "
    "in several categories); the range adds these bounds over the affected clients."
)

ServiceCounts = Mapping[str, Mapping[str, Mapping[str, int]]]
"""Per service, per client id (text), people per category of that service."""


class CategoryFigure(BaseModel):
    activity_id: UUID
    category: str
    people: int | None
    """None when no service counts this category."""


class PeopleEstimate(BaseModel):
    """The approximate number of data subjects, as a range with how it was reached."""

    low: int | None
    high: int | None
    per_category: list[CategoryFigure]
    services_answered: list[DataService]
    services_waiting: list[DataService]
    method: str = METHOD

    @property
    def complete(self) -> bool:
        return not self.services_waiting


def estimate(
    *,
    categories: Iterable[tuple[UUID, str]],
    tenant_ids: Iterable[str],
    replies: ServiceCounts,
) -> PeopleEstimate:
    """``categories``: the breach's register categories (id, name); ``replies``: what each
    service reported so far."""
    tenants = list(tenant_ids)
    chosen = list(categories)
    per_category: list[CategoryFigure] = []
    per_client: dict[str, list[int]] = {tenant: [] for tenant in tenants}
    for activity_id, name in chosen:
        sources = SOURCES.get(activity_id, ())
        if not sources:
            per_category.append(CategoryFigure(activity_id=activity_id, category=name, people=None))
            continue
        total = 0
        for tenant in tenants:
            figure = max(
                (replies.get(service, {}).get(tenant, {}).get(counted, 0))
                for service, counted in sources
            )
            per_client[tenant].append(figure)
            total += figure
        per_category.append(CategoryFigure(activity_id=activity_id, category=name, people=total))
    answered = [service for service in DataService if service in replies]
    waiting = [service for service in DataService if service not in replies]
    counted = [figures for figures in per_client.values() if figures]
    return PeopleEstimate(
        low=sum(max(figures) for figures in counted) if counted else None,
        high=sum(sum(figures) for figures in counted) if counted else None,
        per_category=per_category,
        services_answered=answered,
        services_waiting=waiting,
    )
