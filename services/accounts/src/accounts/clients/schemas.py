from datetime import datetime
from uuid import UUID

from pydantic import BaseModel

from accounts.clients.models import Client
from accounts.schemas import RequestBody, TimeZone
from contracts.vocabulary import Language


class ClientOut(BaseModel):
    tenant_id: UUID
    organisation_name: str
    time_zone: str
    language: Language
    offboarding_requested_at: datetime | None

    @classmethod
    def of(cls, client: Client) -> "ClientOut":
        return cls(
            tenant_id=client.tenant_id,
            organisation_name=client.organisation_name,
            time_zone=client.time_zone,
            language=Language(client.language),
            offboarding_requested_at=client.offboarding_requested_at,
        )


class SettingsChange(RequestBody):
    time_zone: TimeZone | None = None
    language: Language | None = None
