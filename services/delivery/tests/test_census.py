"""Q10: for a breach's scale, delivery counts per client the distinct people its Slack member
directory and its delivery log name."""

import uuid

from chassis.database import Database
from delivery.messages.models import Message, MessageKind, MessageState
from delivery.privacy.participant import DeliveryParticipant
from delivery.slack.models import SlackMember


async def test_census_counts_slack_members_and_logged_people_q10(database: Database) -> None:
    tenant, other = uuid.uuid4(), uuid.uuid4()
    person, someone = uuid.uuid4().hex, uuid.uuid4().hex
    async with database.sessions() as session, session.begin():
        session.add_all(
            [
                SlackMember(
                    team_id="T1" + uuid.uuid4().hex[:8],
                    user_id="U1",
                    tenant_id=tenant,
                    email="a@example.test",
                    subject_ref=person,
                ),
                *(
                    Message(
                        id=uuid.uuid4(),
                        tenant_id=tenant_id,
                        kind=MessageKind.DISPATCH,
                        reference_id=uuid.uuid4(),
                        channel="email",
                        subject_ref=subject_ref,
                        state=MessageState.SENT,
                    )
                    for tenant_id, subject_ref in (
                        (tenant, person),
                        (tenant, person),
                        (tenant, someone),
                        (other, someone),
                    )
                ),
            ]
        )
    async with database.sessions() as session:
        counts = await DeliveryParticipant().count_people(session, tenant_ids=[tenant])
    assert counts == {tenant: {"slack_members": 1, "delivery_log": 2}}
