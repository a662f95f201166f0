"""``./soket mail`` lists what the development SES got: subject, recipient, links (point 7)."""

from uuid import uuid4

import pytest

from chassis.database import Database
from chassis.testing.waiting import eventually
from delivery.keys import DeliveryKeys
from delivery.settings import Settings
from delivery.testing.broker import publish_envelopes
from delivery.testing.running import running_delivery
from soket_cli.delivery_commands import show_mail

from .conftest import dispatch, email_channel, messages_of_tenant, unique_address


async def test_soket_mail_shows_subject_recipient_and_links(
    settings: Settings,
    database: Database,
    keys: DeliveryKeys,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tenant_id, address = uuid4(), unique_address("newcomer")
    envelope = dispatch(keys, tenant_id=tenant_id, email=address)
    async with running_delivery(settings, database, channels=[email_channel(settings, keys)]):
        await publish_envelopes(settings.rabbitmq_url, [envelope], settings.messaging)

        async def sent() -> list[str]:
            return [row.state for row in await messages_of_tenant(database, tenant_id)]

        await eventually(sent, lambda found: found == ["sent"], what="sent")
    assert show_mail(last=1_000_000) == 0
    shown = capsys.readouterr().out
    block = shown[max(0, shown.index(f"to    {address}") - 200) :]
    assert "Today's question: Security basics" in block
    assert f"link  {envelope.data.answer_url}" in block
    assert "link  https://soket.test/unsubscribe/" in block
