"""What the proofs and exports tests share: requests, the four services' signers, their keys
announced through the real handler, and signed receipts."""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from chassis.database import Database
from chassis.privacy.receipts import ReceiptSigner
from chassis.privacy.subject_ref import subject_ref
from contracts.envelope import Envelope
from contracts.events.privacy_replies import KeysPublished, PrivacyReply, reply_type
from contracts.events.receipt import ErasureMethod, Receipt, ReceiptContent, ReceiptScope
from contracts.vocabulary import DataService
from privacy.proofs.handlers import keys
from privacy.proofs.service import accept_receipt
from privacy.requests.models import (
    DataSubjectRequest,
    IntakeChannel,
    RequestType,
    SubjectKind,
)
from privacy.requests.states import RequestState

ROWS_DELETED: dict[DataService, dict[str, int]] = {
    DataService.ACCOUNTS: {"user_account": 0, "refresh_token": 0},
    DataService.ASSESSMENTS: {"participant": 1, "answer": 12, "dispatch": 30},
    DataService.DELIVERY: {"message": 31, "slack_member": 1},
    DataService.ANALYTICS: {"answer_fact": 12, "dispatch_fact": 30},
}


@dataclass
class Signers:
    """A receipt signer per data service, with fresh keys."""

    by_service: dict[DataService, ReceiptSigner] = field(
        default_factory=lambda: {s: ReceiptSigner(secrets.token_bytes(32)) for s in DataService}
    )

    def __getitem__(self, service: DataService) -> ReceiptSigner:
        return self.by_service[service]

    def announcement(self, service: DataService, *, valid_from: datetime) -> Envelope[Any]:
        signer = self[service]
        return Envelope.wrap(
            KeysPublished(
                service=service,
                key_id=signer.key_id,
                algorithm="Ed25519",
                public_key=signer.public_key_b64,
                valid_from=valid_from,
            )
        )

    def receipt(
        self,
        service: DataService,
        *,
        request: DataSubjectRequest,
        completed_at: datetime,
        signer: ReceiptSigner | None = None,
        **changes: Any,
    ) -> Receipt:
        """A subject-erasure receipt for the request signed by the service's key (or by
        ``signer``, naming the service's key id: a forgery); ``changes`` alter its content."""
        content = ReceiptContent(
            request_id=request.id,
            service=service,
            scope=ReceiptScope.SUBJECT_ERASURE,
            tenant_id=request.tenant_id,
            subject_ref=request.subject_ref,
            method=ErasureMethod.DELETE,
            rows_deleted=ROWS_DELETED[service],
            rows_anonymised={},
            completed_at=completed_at,
            key_id=self[service].key_id,
        )
        content = content.model_copy(update=changes)
        if signer is None:
            return self[service].sign(content)
        forged = signer.sign(content.model_copy(update={"key_id": signer.key_id}))
        return forged.model_copy(update={"key_id": content.key_id})


async def announce_keys(database: Database, signers: Signers, *, valid_from: datetime) -> None:
    """Every service's ``keys.published`` through the real handler, each in its transaction."""
    for service in DataService:
        envelope = signers.announcement(service, valid_from=valid_from)
        handler = keys.handlers[reply_type(service, PrivacyReply.KEYS_PUBLISHED)]
        async with database.sessions() as session, session.begin():
            await handler(session, envelope)


def new_subject_ref(tenant_id: UUID) -> str:
    return subject_ref(secrets.token_bytes(32), tenant_id=tenant_id, email="someone@example.ee")


async def add_request(
    session: AsyncSession,
    *,
    now: datetime,
    request_type: RequestType = RequestType.ERASURE,
    state: RequestState = RequestState.IN_PROGRESS,
    tenant_id: UUID | None = None,
    subject_kind: SubjectKind = SubjectKind.PARTICIPANT,
) -> DataSubjectRequest:
    """A request of one client's participant, put straight into ``state``; flushed."""
    tenant_id = tenant_id or uuid4()
    request = DataSubjectRequest(
        reference=f"DSR-{secrets.token_hex(4).upper()}",
        request_type=request_type,
        subject_kind=subject_kind,
        tenant_id=tenant_id,
        subject_ref=new_subject_ref(tenant_id),
        email=f"marker-{secrets.token_hex(4)}@example.ee",
        language="en",
        channel=IntakeChannel.PUBLIC_FORM,
        state=state,
        received_at=now - timedelta(days=2),
        due_at=now + timedelta(days=28),
        extended_by_months=0,
        decided_at=now - timedelta(days=1),
    )
    session.add(request)
    await session.flush()
    return request


async def erased_with_receipts(
    database: Database, signers: Signers, *, now: datetime, tenant_id: UUID | None = None
) -> DataSubjectRequest:
    """An erasure whose four services' receipts were accepted."""
    async with database.sessions() as session, session.begin():
        request = await add_request(session, now=now, tenant_id=tenant_id)
    for service in DataService:
        async with database.sessions() as session, session.begin():
            stored = await session.get(DataSubjectRequest, request.id)
            assert stored is not None
            receipt = signers.receipt(service, request=stored, completed_at=now)
            await accept_receipt(session, request=stored, receipt=receipt, now=now)
    return request
