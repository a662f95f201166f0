"""Consent changes from privacy and product news notices on that consent (Q2)."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from contracts.events.notifications import ConsentPurpose, NoticeTemplate, NotificationRequested
from contracts.events.privacy import ConsentChanged
from contracts.vocabulary import Language
from delivery.keys import DeliveryKeys
from delivery.messages.service import Notice

NEWS = ConsentPurpose.PRODUCT_NEWS
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def change(
    keys: DeliveryKeys, tenant_id: UUID, address: str, *, granted: bool, at: datetime = T0
) -> ConsentChanged:
    """Privacy's word that the person at ``address`` granted or withdrew product news."""
    return ConsentChanged(
        tenant_id=tenant_id,
        subject_ref=keys.subject_ref(tenant_id=tenant_id, email=address),
        purpose=NEWS,
        granted=granted,
        changed_at=at,
    )


def news(
    tenant_id: UUID | None, address: str, *, purpose: ConsentPurpose | None = NEWS
) -> NotificationRequested:
    return NotificationRequested(
        notice_id=uuid4(),
        tenant_id=tenant_id,
        template=NoticeTemplate.PRODUCT_NEWS,
        address=address,
        language=Language.ENGLISH,
        parameters={"headline": "Slack answers", "link": "https://soket.test/news"},
        purpose=purpose,
    )


def notice_of(requested: NotificationRequested, *, correlation_id: str | None = None) -> Notice:
    return Notice(
        notice_id=requested.notice_id,
        tenant_id=requested.tenant_id,
        template=requested.template,
        address=requested.address,
        language=requested.language,
        parameters=dict(requested.parameters),
        purpose=requested.purpose,
        correlation_id=correlation_id,
    )
