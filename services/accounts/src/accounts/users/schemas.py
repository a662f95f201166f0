from uuid import UUID

from pydantic import BaseModel

from accounts.emails import Email
from accounts.schemas import PersonName, RequestBody
from accounts.users.models import User
from contracts.vocabulary import ClientRole


class UserOut(BaseModel):
    id: UUID
    email: str
    name: str | None
    role: str
    joined: bool
    """False while an invitation waits to be accepted."""

    @classmethod
    def of(cls, user: User) -> "UserOut":
        return cls(
            id=user.id,
            email=user.email,
            name=user.name,
            role=user.role,
            joined=user.joined_at is not None,
        )


class UserPage(BaseModel):
    items: list[UserOut]
    next_after: UUID | None
    """Pass as ``after`` for the next page; None on the last page."""


class Invitation(RequestBody):
    email: Email
    role: ClientRole
    name: PersonName | None = None


class RoleChange(RequestBody):
    role: ClientRole
