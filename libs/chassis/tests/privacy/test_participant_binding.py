"""The privacy subscription binds exactly the requests a participant answers."""

import secrets
from typing import ClassVar
from uuid import UUID

import pytest
from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from chassis.privacy.keys import MissingKeyError
from chassis.privacy.participant import Categories, Erasure, PrivacyParticipant, RowCounts
from chassis.privacy.receipts import ReceiptSigner
from chassis.privacy.registration import register_participant
from chassis.privacy.subscription import privacy_subscription
from chassis.settings import ServiceSettings
from contracts.events import privacy
from contracts.vocabulary import DataService

CONTRACT = {
    privacy.SUBJECT_EXPORT_REQUESTED,
    privacy.SUBJECT_ERASURE_REQUESTED,
    privacy.SUBJECT_RESTRICTION_CHANGED,
    privacy.TENANT_EXPORT_REQUESTED,
    privacy.TENANT_ERASURE_REQUESTED,
    privacy.RETENTION_DUE,
    privacy.CENSUS_REQUESTED,
}


class HoldsNothingPersonal(PrivacyParticipant):
    async def export_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Categories:
        return {}

    async def erase_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
    ) -> Erasure:
        return Erasure()

    async def restrict_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, restricted: bool
    ) -> None:
        return None

    async def export_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Categories:
        return {}

    async def erase_tenant(self, session: AsyncSession, *, tenant_id: UUID) -> Erasure:
        return Erasure()

    async def apply_retention(self, session: AsyncSession, *, due: privacy.RetentionDue) -> Erasure:
        return Erasure()


class AnalyticsLike(HoldsNothingPersonal):
    """Holds only subject_ref: re-keyed, never discovered or rectified."""

    async def rekey_subject(
        self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str, new_subject_ref: str
    ) -> RowCounts:
        return {}


class AccountsLike(HoldsNothingPersonal):
    """Holds emails and names."""

    async def discover(self, session: AsyncSession, *, email: str) -> list[UUID]:
        return []

    async def rectify_subject(
        self,
        session: AsyncSession,
        *,
        tenant_id: UUID,
        subject_ref: str,
        corrected_email: str | None,
        new_subject_ref: str | None,
        corrected_name: str | None,
    ) -> RowCounts:
        return {}


def bound(participant: PrivacyParticipant, service: DataService) -> set[str]:
    signer = ReceiptSigner(secrets.token_bytes(32))
    subscription = privacy_subscription(service=service, participant=participant, signer=signer)
    assert subscription.queue == f"{service}.privacy"
    assert {producer for producer, _ in subscription.bindings()} == {"privacy"}
    return set(subscription.handlers)


def test_every_participant_answers_the_whole_contract() -> None:
    assert bound(HoldsNothingPersonal(), DataService.DELIVERY) == CONTRACT


def test_a_service_without_emails_is_only_re_keyed() -> None:
    assert bound(AnalyticsLike(), DataService.ANALYTICS) == CONTRACT | {
        privacy.SUBJECT_REKEY_REQUESTED
    }


def test_a_service_with_emails_is_asked_to_discover_and_rectify() -> None:
    assert bound(AccountsLike(), DataService.ACCOUNTS) == CONTRACT | {
        privacy.SUBJECT_DISCOVERY_REQUESTED,
        privacy.SUBJECT_RECTIFICATION_REQUESTED,
    }


def test_a_participant_cannot_leave_out_the_contract() -> None:
    class ForgetsErasure(PrivacyParticipant):
        async def export_subject(
            self, session: AsyncSession, *, tenant_id: UUID, subject_ref: str
        ) -> Categories:
            return {}

    with pytest.raises(TypeError, match="erase_subject"):
        ForgetsErasure()  # type: ignore[abstract]


class AnalyticsSettings(ServiceSettings):
    service_name: ClassVar[str] = "analytics"
    model_config = SettingsConfigDict(env_prefix="ANALYTICS_", extra="ignore")


class PrivacySettings(ServiceSettings):
    service_name: ClassVar[str] = "privacy"


def test_registering_needs_the_services_signing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANALYTICS_RECEIPT_SIGNING_KEY", raising=False)
    with pytest.raises(MissingKeyError, match="ANALYTICS_RECEIPT_SIGNING_KEY is not set"):
        register_participant(AnalyticsSettings(), AnalyticsLike())
    seed = SecretStr("A" * 43 + "=")
    registration = register_participant(
        AnalyticsSettings(receipt_signing_key=seed), AnalyticsLike()
    )
    assert registration.service is DataService.ANALYTICS
    assert registration.subscription.queue == "analytics.privacy"


def test_only_data_services_register() -> None:
    with pytest.raises(ValueError, match="privacy is not a data service"):
        register_participant(PrivacySettings(), HoldsNothingPersonal())
