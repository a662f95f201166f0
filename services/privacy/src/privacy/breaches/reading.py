"""A breach as the API shows it: its clock, its census estimate and its notices' counts."""

from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from privacy.breaches.census import estimate
from privacy.breaches.deadline import deadline_of, hours_left
from privacy.breaches.models import Breach
from privacy.breaches.notices import notice_counts
from privacy.breaches.schemas import BreachSummary, BreachView, DataCategory
from privacy.breaches.service import census_replies
from privacy.requests.models import SubjectKind
from privacy.settings import Settings


async def breach_view(
    session: AsyncSession, *, breach: Breach, settings: Settings, now: datetime
) -> BreachView:
    options = settings.breaches
    categories = [DataCategory.model_validate(category) for category in breach.data_categories]
    left = hours_left(breach, options=options, now=now)
    return BreachView(
        id=breach.id,
        reference=breach.reference,
        discovered_at=breach.discovered_at,
        deadline=deadline_of(breach, options=options),
        hours_left=left,
        overdue=left < 0,
        nature=breach.nature,
        data_categories=categories,
        people_categories=[SubjectKind(kind) for kind in breach.people_categories],
        tenant_ids=[UUID(tenant) for tenant in breach.tenant_ids],
        approximate_records=breach.approximate_records,
        approximate_people=estimate(
            categories=[(category.id, category.category) for category in categories],
            tenant_ids=breach.tenant_ids,
            replies=await census_replies(session, breach=breach),
        ),
        likely_consequences=breach.likely_consequences,
        measures_taken=breach.measures_taken,
        measures_proposed=breach.measures_proposed,
        data_protection_contact=settings.data_protection_contact,
        supervisory_authority=settings.supervisory_authority,
        authority_notified_at=breach.authority_notified_at,
        authority_reference=breach.authority_reference,
        delay_reasons=breach.delay_reasons,
        escalated_marks=list(breach.escalated_marks),
        census_requested_at=breach.census_requested_at,
        notices=await notice_counts(session, breach_id=breach.id),
        recorded_at=breach.recorded_at,
        updated_at=breach.updated_at,
    )


def breach_summary(breach: Breach, *, settings: Settings, now: datetime) -> BreachSummary:
    left = hours_left(breach, options=settings.breaches, now=now)
    return BreachSummary(
        id=breach.id,
        reference=breach.reference,
        discovered_at=breach.discovered_at,
        deadline=deadline_of(breach, options=settings.breaches),
        hours_left=left,
        overdue=left < 0,
        authority_notified_at=breach.authority_notified_at,
    )
