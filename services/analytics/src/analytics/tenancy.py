from uuid import UUID

from fastapi import HTTPException, status

from chassis.auth.principal import Principal


def tenant_of(viewer: Principal) -> UUID:
    """The client whose statistics the viewer may read (``ClientViewer`` makes sure of one)."""
    if viewer.tenant_id is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only a client's users can use this.")
    return viewer.tenant_id
