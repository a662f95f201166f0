"""FastAPI dependencies: the caller's principal, their role, and the client they act for."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from chassis.auth.principal import Principal, Role
from chassis.auth.verifier import InvalidTokenError, KeysUnavailableError, TokenVerifier

_bearer = HTTPBearer(auto_error=False, description="An access token from accounts")


def token_verifier(request: Request) -> TokenVerifier:
    verifier: TokenVerifier = request.app.state.token_verifier
    return verifier


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise _unauthorized("Sign in first: this needs an access token.")
    try:
        return await token_verifier(request).verify(credentials.credentials)
    except InvalidTokenError as error:
        raise _unauthorized(f"{str(error).capitalize()}; sign in again.") from None
    except KeysUnavailableError:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "Sign-in cannot be checked right now; try again in a moment.",
            headers={"Retry-After": "5"},
        ) from None


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"}
    )


def _client_user_with(least: Role) -> Callable[[Principal], Awaitable[Principal]]:
    async def dependency(principal: CurrentPrincipal) -> Principal:
        if principal.tenant_id is None:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "Only a client's users can use this.")
        if not principal.has_client_role(least):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"This needs the {least} role or a higher one."
            )
        return principal

    return dependency


async def _privacy_officer(principal: CurrentPrincipal) -> Principal:
    if Role.PRIVACY_OFFICER not in principal.roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Only a privacy officer can use this.")
    return principal


ClientViewer = Annotated[Principal, Depends(_client_user_with(Role.VIEWER))]
"""A user of a client (``tenant_id`` set) with any client role."""
ClientEditor = Annotated[Principal, Depends(_client_user_with(Role.EDITOR))]
ClientAdmin = Annotated[Principal, Depends(_client_user_with(Role.ADMIN))]
PrivacyOfficer = Annotated[Principal, Depends(_privacy_officer)]
