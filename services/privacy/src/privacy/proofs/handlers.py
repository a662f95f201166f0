"""The receipt-verifying keys the data services announce (``<service>.keys.published.v1``)."""

import base64
import binascii
from typing import Any, cast

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.logs import get_logger
from chassis.messaging.subscription import DeadLetter, Subscription
from chassis.privacy.receipts import key_id_of
from contracts.envelope import Envelope
from contracts.events.privacy_replies import KeysPublished, PrivacyReply, reply_type
from contracts.vocabulary import DataService
from privacy.audit.service import append_audit
from privacy.clock import system_clock
from privacy.proofs.models import ServiceKey
from privacy.requests.states import Actor

_log = get_logger("privacy.keys")

keys = Subscription(service="privacy", name="keys")


async def keep_key(session: AsyncSession, envelope: Envelope[Any]) -> None:
    """Keeps each (service, key id) once, from its earliest ``valid_from``; the first
    announcement of a key is chained into the audit log (every worker start re-announces)."""
    announced = cast(KeysPublished, envelope.data)
    if not _names_its_key(announced):
        raise DeadLetter(f"{announced.service} announced key {announced.key_id} for another key")
    inserted = await session.scalar(
        insert(ServiceKey)
        .values(
            service=announced.service,
            key_id=announced.key_id,
            algorithm=announced.algorithm,
            public_key=announced.public_key,
            valid_from=announced.valid_from,
        )
        .on_conflict_do_nothing(index_elements=[ServiceKey.service, ServiceKey.key_id])
        .returning(ServiceKey.key_id)
    )
    if inserted is None:
        await _keep_earliest(session, announced)
        return
    entry = await append_audit(
        session,
        action="key.published",
        actor=Actor.SYSTEM,
        at=system_clock(),
        details={
            "service": announced.service,
            "key_id": announced.key_id,
            "algorithm": announced.algorithm,
            "public_key": announced.public_key,
            "valid_from": announced.valid_from.isoformat(),
        },
    )
    await session.execute(
        update(ServiceKey)
        .where(ServiceKey.service == announced.service, ServiceKey.key_id == announced.key_id)
        .values(audit_seq=entry.seq)
    )
    _log.info("receipt key kept", service=announced.service, key_id=announced.key_id)


async def _keep_earliest(session: AsyncSession, announced: KeysPublished) -> None:
    result = await session.execute(
        update(ServiceKey)
        .where(ServiceKey.service == announced.service, ServiceKey.key_id == announced.key_id)
        .values(valid_from=func.least(ServiceKey.valid_from, announced.valid_from))
        .returning(ServiceKey.public_key)
    )
    if result.scalar_one() != announced.public_key:
        raise DeadLetter(f"{announced.service} key {announced.key_id} came with another key")


def _names_its_key(announced: KeysPublished) -> bool:
    try:
        raw = base64.b64decode(announced.public_key, validate=True)
    except binascii.Error:
        return False
    return key_id_of(raw) == announced.key_id


for _service in DataService:
    keys.add(reply_type(_service, PrivacyReply.KEYS_PUBLISHED), keep_key)
