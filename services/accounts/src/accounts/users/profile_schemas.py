from uuid import UUID

from pydantic import BaseModel

from accounts.emails import Email
from accounts.schemas import PersonName, RequestBody


class Profile(BaseModel):
    id: UUID
    tenant_id: UUID | None
    email: str
    name: str | None
    role: str
    pending_email: str | None
    """A new address waiting for its verification link to be opened."""


class ProfileChange(RequestBody):
    name: PersonName


class EmailChange(RequestBody):
    email: Email
