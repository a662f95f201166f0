"""The client a request acts for: always the one its access token names."""

from uuid import UUID

from chassis.auth.principal import Principal


def tenant_of(principal: Principal) -> UUID:
    if principal.tenant_id is None:  # the client-role dependencies admit client users only
        raise AssertionError("a client route reached without a client")
    return principal.tenant_id
