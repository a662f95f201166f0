"""The ``<service>.privacy`` subscription: privacy's requests to a participant, and the replies.

Each handler runs in the consumer's transaction: the participant's changes, the chassis's own
outbox and inbox clean-up, and the reply in the outbox commit together or not at all.
"""

import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.messaging.dead_letter_erasure import DeadLetterEraser
from chassis.messaging.inbox import remember_erasure
from chassis.messaging.outbox import publish
from chassis.messaging.subscription import DeadLetter, Subscription
from chassis.privacy.export_parts import DEFAULT_EXPORT_PART_BYTES, split_export
from chassis.privacy.messaging_rows import (
    erase_subject_messages,
    erase_tenant_messages,
    rekey_subject_messages,
)
from chassis.privacy.participant import Categories, Erasure, PrivacyParticipant, implements
from chassis.privacy.receipts import SEED_BYTES, ReceiptSigner
from contracts.base import EventData
from contracts.envelope import Envelope
from contracts.events import privacy
from contracts.events.privacy_replies import (
    CensusReported,
    RestrictionApplied,
    RetentionApplied,
    SubjectDiscovered,
    SubjectErased,
    SubjectExported,
    SubjectRectified,
    TenantErased,
    TenantExported,
    reply_events,
)
from contracts.events.receipt import ErasureMethod, Receipt, ReceiptContent, ReceiptScope
from contracts.vocabulary import DataService

SUBSCRIPTION_NAME = "privacy"
DEAD_LETTERS = "dead_letters"
"""How a receipt counts the messages it removed from dead-letter and unrouted queues."""

DataT = TypeVar("DataT", bound=EventData)


def privacy_subscription(
    *,
    service: DataService,
    participant: PrivacyParticipant,
    signer: ReceiptSigner,
    dead_letters: DeadLetterEraser | None = None,
    max_export_part_bytes: int = DEFAULT_EXPORT_PART_BYTES,
) -> Subscription:
    """The queue ``<service>.privacy``, bound to every request the participant answers.

    With ``dead_letters``, erasures also remove the messages about the person that wait in
    the service's dead-letter and unrouted queues.
    """
    handlers = _PrivacyHandlers(
        service=service,
        participant=participant,
        signer=signer,
        dead_letters=dead_letters,
        max_export_part_bytes=max_export_part_bytes,
    )
    # Privacy's requests are one-off work someone waits for: no lingering for more.
    subscription = Subscription(
        service=str(service), name=SUBSCRIPTION_NAME, batch_linger_seconds=0.0
    )
    subscription.add(privacy.SUBJECT_EXPORT_REQUESTED, handlers.export_subject)
    subscription.add(privacy.SUBJECT_ERASURE_REQUESTED, handlers.erase_subject)
    subscription.add(privacy.SUBJECT_RESTRICTION_CHANGED, handlers.restrict_subject)
    subscription.add(privacy.TENANT_EXPORT_REQUESTED, handlers.export_tenant)
    subscription.add(privacy.TENANT_ERASURE_REQUESTED, handlers.erase_tenant)
    subscription.add(privacy.RETENTION_DUE, handlers.apply_retention)
    subscription.add(privacy.CENSUS_REQUESTED, handlers.count_people)
    if implements(participant, "discover"):
        subscription.add(privacy.SUBJECT_DISCOVERY_REQUESTED, handlers.discover)
    if implements(participant, "rectify_subject"):
        subscription.add(privacy.SUBJECT_RECTIFICATION_REQUESTED, handlers.rectify_subject)
    if implements(participant, "rekey_subject"):
        subscription.add(privacy.SUBJECT_REKEY_REQUESTED, handlers.rekey_subject)
    return subscription


def privacy_bindings(*, service: DataService, participant: PrivacyParticipant) -> Subscription:
    """The queue and bindings of ``<service>.privacy``, to show or declare the topology.

    Its handlers hold a throwaway signing key: they are never meant to run.
    """
    throwaway = ReceiptSigner(secrets.token_bytes(SEED_BYTES))
    return privacy_subscription(service=service, participant=participant, signer=throwaway)


class _PrivacyHandlers:
    def __init__(
        self,
        *,
        service: DataService,
        participant: PrivacyParticipant,
        signer: ReceiptSigner,
        dead_letters: DeadLetterEraser | None,
        max_export_part_bytes: int,
    ) -> None:
        self.service = service
        self.participant = participant
        self.signer = signer
        self.dead_letters = dead_letters
        self.max_export_part_bytes = max_export_part_bytes
        self.reply_types = frozenset(reply_events(service))

    def _addressed(self, services: list[DataService] | None) -> bool:
        """Whether a request names this service (a retry names only those still to answer)."""
        return services is None or self.service in services

    async def discover(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.SubjectDiscoveryRequested)
        tenant_ids = await self.participant.discover(session, email=request.email)
        reply = SubjectDiscovered(
            service=self.service, request_id=request.request_id, tenant_ids=sorted(set(tenant_ids))
        )
        await publish(session, reply)

    async def export_subject(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.SubjectExportRequested)
        if not self._addressed(request.services):
            return
        categories = await self.participant.export_subject(
            session, tenant_id=request.tenant_id, subject_ref=request.subject_ref
        )
        await self._publish_export(
            session,
            SubjectExported,
            request_id=request.request_id,
            categories=categories,
            tenant_id=request.tenant_id,
            subject_ref=request.subject_ref,
        )

    async def erase_subject(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.SubjectErasureRequested)
        if not self._addressed(request.services):
            return
        tenant_id, subject_ref = request.tenant_id, request.subject_ref
        erasure = await self.participant.erase_subject(
            session, tenant_id=tenant_id, subject_ref=subject_ref
        )
        own_rows = await erase_subject_messages(
            session,
            tenant_id=tenant_id,
            subject_ref=subject_ref,
            handling=envelope.id,
            unsent_replies=self.reply_types,
        )
        await remember_erasure(session, tenant_id=tenant_id, subject_ref=subject_ref)
        waiting = await self._erase_dead_letters(tenant_id=tenant_id, subject_ref=subject_ref)
        receipt = self._receipt(
            request_id=request.request_id,
            scope=ReceiptScope.SUBJECT_ERASURE,
            tenant_id=tenant_id,
            subject_ref=subject_ref,
            erasure=erasure.with_deleted(own_rows).with_deleted(waiting),
        )
        reply = SubjectErased(service=self.service, request_id=request.request_id, receipt=receipt)
        await publish(session, reply, tenant_id=tenant_id, subject_ref=subject_ref)

    async def _erase_dead_letters(
        self, *, tenant_id: UUID, subject_ref: str | None
    ) -> dict[str, int]:
        if self.dead_letters is None:
            return {}
        removed = await self.dead_letters.erase(tenant_id=tenant_id, subject_ref=subject_ref)
        return {DEAD_LETTERS: removed} if removed else {}

    async def rectify_subject(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.SubjectRectificationRequested)
        if not self._addressed(request.services):
            return
        rows = await self.participant.rectify_subject(
            session,
            tenant_id=request.tenant_id,
            subject_ref=request.subject_ref,
            corrected_email=request.corrected_email,
            new_subject_ref=request.new_subject_ref,
            corrected_name=request.corrected_name,
        )
        await self._rectified(
            session,
            request_id=request.request_id,
            tenant_id=request.tenant_id,
            subject_ref=request.subject_ref,
            new_subject_ref=request.new_subject_ref,
            rows=rows,
        )

    async def rekey_subject(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.SubjectRekeyRequested)
        if not self._addressed(request.services):
            return
        rows = await self.participant.rekey_subject(
            session,
            tenant_id=request.tenant_id,
            subject_ref=request.subject_ref,
            new_subject_ref=request.new_subject_ref,
        )
        await self._rectified(
            session,
            request_id=request.request_id,
            tenant_id=request.tenant_id,
            subject_ref=request.subject_ref,
            new_subject_ref=request.new_subject_ref,
            rows=rows,
        )

    async def restrict_subject(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.SubjectRestrictionChanged)
        if not self._addressed(request.services):
            return
        await self.participant.restrict_subject(
            session,
            tenant_id=request.tenant_id,
            subject_ref=request.subject_ref,
            restricted=request.restricted,
        )
        reply = RestrictionApplied(
            service=self.service, request_id=request.request_id, restricted=request.restricted
        )
        await publish(session, reply, tenant_id=request.tenant_id, subject_ref=request.subject_ref)

    async def export_tenant(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.TenantExportRequested)
        categories = await self.participant.export_tenant(session, tenant_id=request.tenant_id)
        await self._publish_export(
            session,
            TenantExported,
            request_id=request.request_id,
            categories=categories,
            tenant_id=request.tenant_id,
            subject_ref=None,
        )

    async def erase_tenant(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.TenantErasureRequested)
        erasure = await self.participant.erase_tenant(session, tenant_id=request.tenant_id)
        own_rows = await erase_tenant_messages(
            session,
            tenant_id=request.tenant_id,
            handling=envelope.id,
            unsent_replies=self.reply_types,
        )
        waiting = await self._erase_dead_letters(tenant_id=request.tenant_id, subject_ref=None)
        receipt = self._receipt(
            request_id=request.request_id,
            scope=ReceiptScope.TENANT_ERASURE,
            tenant_id=request.tenant_id,
            subject_ref=None,
            erasure=erasure.with_deleted(own_rows).with_deleted(waiting),
        )
        reply = TenantErased(service=self.service, request_id=request.request_id, receipt=receipt)
        await publish(session, reply, tenant_id=request.tenant_id)

    async def apply_retention(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        due = _data(envelope, privacy.RetentionDue)
        erasure = await self.participant.apply_retention(session, due=due)
        receipt = None
        if not due.dry_run:
            touched = erasure.rows_deleted or erasure.rows_anonymised
            # When nothing was due, the receipt states the policy's own action.
            receipt = self._receipt(
                request_id=due.request_id,
                scope=ReceiptScope.RETENTION,
                tenant_id=due.tenant_id,
                subject_ref=None,
                erasure=erasure,
                method=erasure.method if touched else ErasureMethod(due.action.value),
            )
        reply = RetentionApplied(
            service=self.service,
            request_id=due.request_id,
            category=due.category,
            dry_run=due.dry_run,
            rows_affected=_touched_tables(erasure),
            receipt=receipt,
        )
        await publish(session, reply, tenant_id=due.tenant_id)

    async def count_people(self, session: AsyncSession, envelope: Envelope[Any]) -> None:
        request = _data(envelope, privacy.CensusRequested)
        counts = await self.participant.count_people(session, tenant_ids=request.tenant_ids)
        reply = CensusReported(
            service=self.service,
            request_id=request.request_id,
            counts={
                tenant_id: {category: count for category, count in categories.items() if count}
                for tenant_id, categories in counts.items()
            },
        )
        await publish(session, reply)

    async def _publish_export(
        self,
        session: AsyncSession,
        model: type[SubjectExported | TenantExported],
        *,
        request_id: UUID,
        categories: Categories,
        tenant_id: UUID,
        subject_ref: str | None,
    ) -> None:
        parts = split_export(categories, max_part_bytes=self.max_export_part_bytes)
        for number, part in enumerate(parts, start=1):
            reply = model(
                service=self.service,
                request_id=request_id,
                part=number,
                total_parts=len(parts),
                categories=part,
            )
            await publish(session, reply, tenant_id=tenant_id, subject_ref=subject_ref)

    async def _rectified(
        self,
        session: AsyncSession,
        *,
        request_id: UUID,
        tenant_id: UUID,
        subject_ref: str,
        new_subject_ref: str | None,
        rows: Mapping[str, int],
    ) -> None:
        rows_updated = dict(rows)
        if new_subject_ref is not None:
            own_rows = await rekey_subject_messages(
                session,
                tenant_id=tenant_id,
                subject_ref=subject_ref,
                new_subject_ref=new_subject_ref,
            )
            for table, count in own_rows.items():
                rows_updated[table] = rows_updated.get(table, 0) + count
        reply = SubjectRectified(
            service=self.service, request_id=request_id, rows_updated=rows_updated
        )
        await publish(
            session, reply, tenant_id=tenant_id, subject_ref=new_subject_ref or subject_ref
        )

    def _receipt(
        self,
        *,
        request_id: UUID,
        scope: ReceiptScope,
        tenant_id: UUID | None,
        subject_ref: str | None,
        erasure: Erasure,
        method: ErasureMethod | None = None,
    ) -> Receipt:
        content = ReceiptContent(
            request_id=request_id,
            service=self.service,
            scope=scope,
            tenant_id=tenant_id,
            subject_ref=subject_ref,
            method=method or erasure.method,
            rows_deleted=dict(erasure.rows_deleted),
            rows_anonymised=dict(erasure.rows_anonymised),
            completed_at=datetime.now(UTC),
            key_id=self.signer.key_id,
        )
        return self.signer.sign(content)


def _data(envelope: Envelope[Any], model: type[DataT]) -> DataT:
    if not isinstance(envelope.data, model):
        raise DeadLetter(f"{envelope.type} does not carry {model.__name__}")
    return envelope.data


def _touched_tables(erasure: Erasure) -> dict[str, int]:
    """Rows deleted or anonymised, per table."""
    rows = dict(erasure.rows_deleted)
    for table, count in erasure.rows_anonymised.items():
        rows[table] = rows.get(table, 0) + count
    return rows
