"""Receipt keys from ``<service>.keys.published.v1``: kept once, from the earliest moment,
chained into the audit log the first time only (P12: receipts verify with published keys)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from chassis.database import Database
from chassis.messaging.subscription import DeadLetter
from contracts.events.privacy_replies import PrivacyReply, reply_type
from contracts.vocabulary import DataService
from privacy.audit.models import AuditEntry
from privacy.proofs.handlers import keys
from privacy.proofs.models import ServiceKey
from privacy.proofs.testing import Signers, announce_keys

from .conftest import FixedClock


def test_the_keys_queue_takes_the_four_data_services_announcements() -> None:
    assert keys.queue == "privacy.keys"
    assert {event_type for _, event_type in keys.bindings()} == {
        reply_type(service, PrivacyReply.KEYS_PUBLISHED) for service in DataService
    }


async def _key_entries(database: Database, key_id: str) -> list[AuditEntry]:
    async with database.sessions() as session:
        entries = await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "key.published")
            .where(AuditEntry.details["key_id"].astext == key_id)
        )
        return list(entries)


async def test_each_key_is_kept_once_from_its_earliest_moment_and_audited_once_p12(
    database: Database, clock: FixedClock
) -> None:
    signers = Signers()
    first = clock.now
    await announce_keys(database, signers, valid_from=first + timedelta(hours=1))
    await announce_keys(database, signers, valid_from=first)  # a worker restarted, earlier event
    await announce_keys(database, signers, valid_from=first + timedelta(days=3))  # restarts

    async with database.sessions() as session:
        for service in DataService:
            signer = signers[service]
            kept = await session.get(ServiceKey, (service.value, signer.key_id))
            assert kept is not None
            assert kept.public_key == signer.public_key_b64
            assert kept.valid_from == first
            entries = await _key_entries(database, signer.key_id)
            assert [entry.seq for entry in entries] == [kept.audit_seq]
            assert entries[0].details == {
                "service": service.value,
                "key_id": signer.key_id,
                "algorithm": "Ed25519",
                "public_key": signer.public_key_b64,
                "valid_from": (first + timedelta(hours=1)).isoformat(),
            }
        count = await session.scalar(
            select(func.count())
            .select_from(ServiceKey)
            .where(ServiceKey.key_id.in_([signers[s].key_id for s in DataService]))
        )
    assert count == len(DataService)


async def test_a_new_key_of_a_service_is_kept_beside_its_old_one(
    database: Database, clock: FixedClock
) -> None:
    old, new = Signers(), Signers()
    await announce_keys(database, old, valid_from=clock.now)
    await announce_keys(database, new, valid_from=clock.now + timedelta(days=90))
    async with database.sessions() as session:
        for signers in (old, new):
            key = signers[DataService.DELIVERY].key_id
            assert await session.get(ServiceKey, ("delivery", key)) is not None


async def test_an_announcement_whose_key_id_is_not_its_keys_is_dead_lettered(
    database: Database, clock: FixedClock
) -> None:
    signers, other = Signers(), Signers()
    envelope = signers.announcement(DataService.ANALYTICS, valid_from=clock.now)
    data = envelope.data.model_copy(update={"key_id": other[DataService.ANALYTICS].key_id})
    forged = envelope.model_copy(update={"data": data})
    handler = keys.handlers[reply_type(DataService.ANALYTICS, PrivacyReply.KEYS_PUBLISHED)]
    with pytest.raises(DeadLetter):
        async with database.sessions() as session, session.begin():
            await handler(session, forged)
    async with database.sessions() as session:
        assert await session.get(ServiceKey, ("analytics", data.key_id)) is None
