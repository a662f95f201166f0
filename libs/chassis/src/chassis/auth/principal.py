"""Who is calling: the verified claims of an access token."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class Role(StrEnum):
    """A client user's role, or the platform's privacy officer."""

    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"
    PRIVACY_OFFICER = "privacy_officer"


CLIENT_ROLE_RANK: dict[Role, int] = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}
"""An admin may do what an editor may, and an editor what a viewer may."""


@dataclass(frozen=True)
class Principal:
    """The user an access token speaks for."""

    user_id: UUID
    tenant_id: UUID | None
    """The client the user belongs to; None for platform staff."""
    roles: frozenset[Role]
    token_id: str
    expires_at: datetime

    def has_client_role(self, least: Role) -> bool:
        """A user of a client holding ``least`` or a role above it."""
        if self.tenant_id is None:
            return False
        rank = CLIENT_ROLE_RANK[least]
        return any(CLIENT_ROLE_RANK.get(role, 0) >= rank for role in self.roles)
