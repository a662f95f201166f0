"""Q10: for a breach's scale, accounts counts the distinct users of each client asked about."""

import uuid

from accounts.clients.models import Client
from accounts.privacy.participant import AccountsParticipant
from accounts.users.models import User
from chassis.database import Database


async def test_census_counts_client_users_per_client_q10(database: Database) -> None:
    first, second, unasked = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with database.sessions() as session, session.begin():
        for tenant_id in (first, second, unasked):
            session.add(
                Client(tenant_id=tenant_id, organisation_name="Org", time_zone="UTC", language="et")
            )
        await session.flush()
        for tenant_id, users in ((first, 3), (second, 1), (unasked, 2)):
            for _ in range(users):
                session.add(
                    User(
                        id=uuid.uuid4(),
                        tenant_id=tenant_id,
                        email=f"{uuid.uuid4().hex}@example.test",
                        role="viewer",
                        subject_ref=uuid.uuid4().hex,
                    )
                )
    async with database.sessions() as session:
        counts = await AccountsParticipant().count_people(session, tenant_ids=[first, second])
    assert counts == {first: {"client_users": 3}, second: {"client_users": 1}}
