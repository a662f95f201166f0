from uuid import UUID

from fastapi import HTTPException, status

from chassis.auth.principal import Principal


def tenant_of(principal: Principal) -> UUID:
    """The client a client user acts for (the role dependencies already require one)."""
    if principal.tenant_id is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only a client's users can use this.")
    return principal.tenant_id
