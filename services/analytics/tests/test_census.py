"""Q10: for a breach's scale, analytics counts per client the distinct people its per-person
statistics still point to (by ``subject_ref``); anonymised rows count for nobody."""

import uuid
from datetime import UTC, datetime

from analytics.facts.models import DispatchFact
from analytics.participants.models import ParticipantStats
from analytics.privacy.participant import AnalyticsPrivacy
from chassis.database import Database


async def test_census_counts_people_of_per_person_statistics_q10(database: Database) -> None:
    tenant, other = uuid.uuid4(), uuid.uuid4()
    first, second = uuid.uuid4().hex, uuid.uuid4().hex
    now = datetime.now(UTC)
    async with database.sessions() as session, session.begin():
        session.add_all(
            [
                ParticipantStats(tenant_id=tenant, subject_ref=first, last_answered_at=now),
                ParticipantStats(tenant_id=other, subject_ref=first, last_answered_at=now),
                *(
                    DispatchFact(
                        tenant_id=tenant,
                        dispatch_id=uuid.uuid4(),
                        assessment_id=uuid.uuid4(),
                        subject_ref=subject_ref,
                        group_ids=[],
                    )
                    for subject_ref in (first, second, None)
                ),
            ]
        )
    async with database.sessions() as session:
        counts = await AnalyticsPrivacy().count_people(session, tenant_ids=[tenant])
        everyone = await AnalyticsPrivacy().count_people(session, tenant_ids=None)
    assert counts == {tenant: {"per_person_statistics": 2}}
    assert everyone[tenant] == {"per_person_statistics": 2}
    assert everyone[other] == {"per_person_statistics": 1}
