"""The replies of the privacy contract, one model each, sent by every data service.

Each model is registered once per data service: ``<service>.<reply>.v1``.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final, Literal, Self
from uuid import UUID

from pydantic import JsonValue, NonNegativeInt, PositiveInt, model_validator

from contracts.base import EventData
from contracts.events.privacy import RetentionCategory
from contracts.events.receipt import Receipt, ReceiptScope
from contracts.vocabulary import (
    DataService,
    Ed25519PublicKey,
    Identifier,
    KeyId,
    TableName,
    UtcDatetime,
)


class PrivacyReply(StrEnum):
    """A reply of the privacy contract: ``<aggregate>.<event>`` after the service's name."""

    SUBJECT_DISCOVERED = "subject.discovered"
    SUBJECT_EXPORTED = "subject.exported"
    SUBJECT_ERASED = "subject.erased"
    SUBJECT_RECTIFIED = "subject.rectified"
    SUBJECT_RESTRICTION_APPLIED = "subject.restriction_applied"
    TENANT_EXPORTED = "tenant.exported"
    TENANT_ERASED = "tenant.erased"
    RETENTION_APPLIED = "retention.applied"
    KEYS_PUBLISHED = "keys.published"
    CENSUS_REPORTED = "census.reported"


class DataServiceEvent(EventData):
    """Data published by one data service, which it names."""

    service: DataService


class RequestReply(DataServiceEvent):
    """A data service's answer to one privacy request."""

    request_id: UUID


class SubjectDiscovered(RequestReply):
    """The clients in which the discovered email appears in this service (maybe none)."""

    tenant_ids: list[UUID]


class ExportPart(RequestReply):
    """One part of a service's export, its data by category."""

    part: PositiveInt
    total_parts: PositiveInt
    categories: dict[Identifier, JsonValue]

    @model_validator(mode="after")
    def _part_within_total(self) -> Self:
        if self.part > self.total_parts:
            raise ValueError("part is at most total_parts")
        return self


class SubjectExported(ExportPart):
    """One part of what this service holds about one person."""


class TenantExported(ExportPart):
    """One part of what this service holds about one client."""


class ErasureDone(RequestReply):
    """The service erased what it was asked to, and signed a receipt."""

    receipt: Receipt

    @model_validator(mode="after")
    def _receipt_matches(self) -> Self:
        _check_receipt(self, self.receipt)
        return self


class SubjectErased(ErasureDone):
    """Every row about the person is gone from this service."""


class TenantErased(ErasureDone):
    """Every row of the client is gone from this service."""


class SubjectRectified(RequestReply):
    """The person's fields were corrected and their rows re-keyed."""

    rows_updated: dict[TableName, NonNegativeInt]


class RestrictionApplied(RequestReply):
    """Processing of the person is now stopped (restricted) or resumed."""

    restricted: bool


class RetentionApplied(RequestReply):
    """Rows of a category past its cutoff were removed (or counted, on a dry run)."""

    category: RetentionCategory
    dry_run: bool
    rows_affected: dict[TableName, NonNegativeInt]
    receipt: Receipt | None
    """None exactly on a dry run."""

    @model_validator(mode="after")
    def _receipt_unless_dry_run(self) -> Self:
        if (self.receipt is None) != self.dry_run:
            raise ValueError("a retention run has a receipt unless it is a dry run")
        if self.receipt is not None:
            _check_receipt(self, self.receipt)
        return self


class CensusReported(RequestReply):
    """Distinct people per category and client in this service, for a census request."""

    counts: dict[UUID, dict[Identifier, NonNegativeInt]]
    """Per client id, the number of distinct people each category of this service holds."""


class KeysPublished(DataServiceEvent):
    """The public key that verifies this service's receipts from ``valid_from`` on."""

    key_id: KeyId
    algorithm: Literal["Ed25519"]
    public_key: Ed25519PublicKey
    valid_from: UtcDatetime


_RECEIPT_SCOPES: Final[Mapping[type[RequestReply], ReceiptScope]] = {
    SubjectErased: ReceiptScope.SUBJECT_ERASURE,
    TenantErased: ReceiptScope.TENANT_ERASURE,
    RetentionApplied: ReceiptScope.RETENTION,
}


def _check_receipt(reply: RequestReply, receipt: Receipt) -> None:
    if receipt.request_id != reply.request_id or receipt.service != reply.service:
        raise ValueError("the receipt is for this request and this service")
    expected_scope = _RECEIPT_SCOPES.get(type(reply))
    if expected_scope is not None and receipt.scope is not expected_scope:
        raise ValueError(f"the receipt's scope is {expected_scope}")


REPLY_MODELS: Final[Mapping[PrivacyReply, type[EventData]]] = {
    PrivacyReply.SUBJECT_DISCOVERED: SubjectDiscovered,
    PrivacyReply.SUBJECT_EXPORTED: SubjectExported,
    PrivacyReply.SUBJECT_ERASED: SubjectErased,
    PrivacyReply.SUBJECT_RECTIFIED: SubjectRectified,
    PrivacyReply.SUBJECT_RESTRICTION_APPLIED: RestrictionApplied,
    PrivacyReply.TENANT_EXPORTED: TenantExported,
    PrivacyReply.TENANT_ERASED: TenantErased,
    PrivacyReply.RETENTION_APPLIED: RetentionApplied,
    PrivacyReply.KEYS_PUBLISHED: KeysPublished,
    PrivacyReply.CENSUS_REPORTED: CensusReported,
}


def reply_type(service: DataService, reply: PrivacyReply) -> str:
    """The event type of a reply from one service, e.g. ``delivery.subject.erased.v1``."""
    return f"{service}.{reply}.v1"


def reply_events(service: DataService) -> dict[str, type[EventData]]:
    """Every reply type one data service publishes, with its model."""
    return {reply_type(service, reply): model for reply, model in REPLY_MODELS.items()}
