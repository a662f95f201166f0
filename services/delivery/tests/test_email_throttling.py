"""SES's throttling refusals are retried until every email is sent, once (point 3, issue 6)."""

from uuid import uuid4

from chassis.database import Database
from chassis.testing.waiting import eventually
from delivery.keys import DeliveryKeys
from delivery.settings import Settings
from delivery.testing.broker import publish_envelopes
from delivery.testing.moto_ses import sent_emails
from delivery.testing.running import running_delivery

from .conftest import dispatch, email_channel, messages_of_tenant, states, unique_address
from .throttling_proxy import ThrottlingProxy

RECIPIENTS = 200


async def test_throttled_sends_are_retried_until_every_email_is_sent_once(
    settings: Settings, database: Database, keys: DeliveryKeys, moto_url: str
) -> None:
    tenant_id = uuid4()
    addresses = [unique_address("throttled") for _ in range(RECIPIENTS)]
    proxy = ThrottlingProxy(moto_url, every=3)
    async with proxy.running() as proxy_url:
        channels = [email_channel(settings, keys, endpoint_url=proxy_url)]
        async with running_delivery(settings, database, channels=channels):
            await publish_envelopes(
                settings.rabbitmq_url,
                [dispatch(keys, tenant_id=tenant_id, email=address) for address in addresses],
                settings.messaging,
            )

            async def counted() -> dict[str, int]:
                return states(await messages_of_tenant(database, tenant_id))

            await eventually(
                counted, lambda found: found == {"sent": RECIPIENTS}, within=120, what="sent"
            )

    assert proxy.throttled >= RECIPIENTS // 3  # the test really did throttle
    logged = await messages_of_tenant(database, tenant_id)
    assert sum(row.attempts for row in logged) == RECIPIENTS + proxy.throttled
    mine = [sent.to[0] for sent in sent_emails(moto_url) if sent.to[0] in set(addresses)]
    assert sorted(mine) == sorted(addresses)
