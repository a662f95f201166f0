"""Rows of one batch are inserted with every key any of them carries: an executemany takes its
columns from the first parameter set, so a value only later rows carry (a failure, a
correlation id for Q10, a consent purpose for Q2) was once dropped without a word."""

from typing import Any
from uuid import uuid4

from chassis.database import Database
from contracts.events.assessments import DispatchRequested
from contracts.ids import uuid7
from contracts.vocabulary import SlackUser
from delivery.keys import DeliveryKeys
from delivery.messages import service
from delivery.messages.service import Requested

from .conftest import dispatch, messages_of_tenant, unique_address


def notice_row(tenant_id: Any, **extra: Any) -> dict[str, Any]:
    return {
        "id": uuid7(),
        "tenant_id": tenant_id,
        "kind": "notice",
        "reference_id": uuid4(),
        "channel": "email",
        "state": "queued",
        "attempts": 0,
        "email_fallback": False,
        **extra,
    }


async def test_a_key_only_later_rows_carry_is_kept(database: Database) -> None:
    tenant_id = uuid4()
    rows = [
        notice_row(tenant_id),
        notice_row(tenant_id, correlation_id="breach-later", purpose="product_news"),
        notice_row(tenant_id, failure="later_only"),
        notice_row(tenant_id),
    ]
    async with database.sessions() as session, session.begin():
        assert await service._insert_new(session, rows) == 4
        assert await service._insert_new(session, rows) == 0  # already logged

    found = {row.reference_id: row for row in await messages_of_tenant(database, tenant_id)}
    assert [
        (
            found[row["reference_id"]].correlation_id,
            found[row["reference_id"]].purpose,
            found[row["reference_id"]].failure,
        )
        for row in rows
    ] == [
        (None, None, None),
        ("breach-later", "product_news", None),
        (None, None, "later_only"),
        (None, None, None),
    ]
    assert all(row.next_attempt_at is not None for row in found.values())  # defaults still apply


async def test_a_dispatch_without_a_channel_after_one_with_keeps_its_failure(
    database: Database, keys: DeliveryKeys
) -> None:
    tenant_id = uuid4()
    reachable = dispatch(keys, tenant_id=tenant_id, email=unique_address("reachable"))
    unreachable = dispatch(  # a Slack member of a workspace that never installed Soket
        keys, tenant_id=tenant_id, email=None, slack=SlackUser(team_id="TNOTHERE", user_id="U0001")
    )
    items: list[DispatchRequested] = [reachable.data, unreachable.data]
    async with database.sessions() as session, session.begin():
        await service.enqueue_dispatches(
            session,
            dispatches=[
                Requested(dispatch=item, requested_at=reachable.occurred_at) for item in items
            ],
            keys=keys,
        )
    found = {row.reference_id: row for row in await messages_of_tenant(database, tenant_id)}
    assert (found[reachable.data.dispatch_id].state, found[reachable.data.dispatch_id].failure) == (
        "queued",
        None,
    )
    assert (
        found[unreachable.data.dispatch_id].state,
        found[unreachable.data.dispatch_id].failure,
    ) == ("failed", "no_channel")
