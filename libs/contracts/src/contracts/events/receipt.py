"""The signed receipt a data service returns for an erasure or a retention run."""

import json
from enum import StrEnum
from uuid import UUID

from pydantic import NonNegativeInt

from contracts.base import ContractModel
from contracts.vocabulary import (
    DataService,
    Ed25519Signature,
    KeyId,
    SubjectRef,
    TableName,
    UtcDatetime,
)


class ReceiptScope(StrEnum):
    """What a receipt proves was removed."""

    SUBJECT_ERASURE = "subject_erasure"
    TENANT_ERASURE = "tenant_erasure"
    RETENTION = "retention"


class ErasureMethod(StrEnum):
    """How rows were removed: deleted, or kept with nothing that points to the person."""

    DELETE = "delete"
    ANONYMISE = "anonymise"
    DELETE_AND_ANONYMISE = "delete_and_anonymise"


class ReceiptContent(ContractModel):
    """Everything a receipt states; its signature covers exactly these fields."""

    request_id: UUID
    service: DataService
    scope: ReceiptScope
    tenant_id: UUID | None
    subject_ref: SubjectRef | None
    method: ErasureMethod
    rows_deleted: dict[TableName, NonNegativeInt]
    rows_anonymised: dict[TableName, NonNegativeInt]
    completed_at: UtcDatetime
    key_id: KeyId

    def signing_bytes(self) -> bytes:
        """The canonical bytes signed: these fields as compact JSON with sorted keys."""
        content = self.model_dump(mode="json", include=set(ReceiptContent.model_fields))
        return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()

    def signed(self, signature: str) -> "Receipt":
        """This content with its base64 Ed25519 signature over ``signing_bytes()``."""
        return Receipt.model_validate({**self.model_dump(), "signature": signature})


class Receipt(ReceiptContent):
    """A service's signed statement of what it deleted or anonymised for one request."""

    signature: Ed25519Signature
