from uuid import UUID

from pydantic import BaseModel

from accounts.clients.service import DEFAULT_TIME_ZONE
from accounts.emails import Email
from accounts.passwords.policy import GivenPassword, NewPassword
from accounts.schemas import LinkToken, OrganisationName, PersonName, RequestBody, TimeZone
from contracts.vocabulary import Language


class Signup(RequestBody):
    organisation_name: OrganisationName
    email: Email
    password: NewPassword
    name: PersonName | None = None
    language: Language = Language.ESTONIAN
    time_zone: TimeZone = DEFAULT_TIME_ZONE


class SignedUp(BaseModel):
    tenant_id: UUID
    user_id: UUID


class Login(RequestBody):
    email: Email
    password: GivenPassword


class AccessToken(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 (the OAuth token type)
    expires_in: int


class LinkOpened(RequestBody):
    token: LinkToken


class PasswordResetRequest(RequestBody):
    email: Email


class PasswordReset(RequestBody):
    token: LinkToken
    password: NewPassword


class InvitationAcceptance(RequestBody):
    token: LinkToken
    name: PersonName
    password: NewPassword
