"""Signing up, verifying, logging in and out, refreshing, resetting a password, joining."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from accounts.auth.schemas import (
    AccessToken,
    InvitationAcceptance,
    LinkOpened,
    Login,
    PasswordReset,
    PasswordResetRequest,
    SignedUp,
    Signup,
)
from accounts.clients.models import Client
from accounts.clients.service import get_client, register_client
from accounts.errors import ForbiddenError, NotAuthenticatedError
from accounts.links.service import LinkPurpose, consume_link_token
from accounts.notices.links import send_link
from accounts.runtime import Runtime, RuntimeDep
from accounts.sessions.cookies import clear_refresh_cookie, refresh_cookie, set_refresh_cookie
from accounts.sessions.service import end_session, revoke_user_sessions, rotate, start_session
from accounts.throttling.client_address import client_address
from accounts.throttling.service import (
    Scope,
    check_not_throttled,
    forget_failures,
    record_failure,
)
from accounts.users.models import User
from accounts.users.service import (
    add_client_user,
    ensure_email_free,
    find_by_email,
    get_user,
    mark_joined,
)
from chassis.auth.principal import Role
from chassis.database import SessionDep
from contracts.vocabulary import ClientRole

router = APIRouter(tags=["auth"])

WRONG_CREDENTIALS = "Wrong email or password."


@router.post("/signup", status_code=status.HTTP_201_CREATED)
async def signup(body: Signup, session: SessionDep, runtime: RuntimeDep) -> SignedUp:
    """A new client and its first admin; the email must be verified before the first login."""
    async with session.begin():
        await ensure_email_free(session, email=body.email)
    password_hash = await runtime.passwords.hash(body.password)
    async with session.begin():
        client = await register_client(
            session,
            organisation_name=body.organisation_name,
            time_zone=body.time_zone,
            language=body.language,
        )
        user = await add_client_user(
            session,
            tenant_id=client.tenant_id,
            email=body.email,
            role=ClientRole.ADMIN,
            name=body.name,
            subject_ref_key=runtime.subject_ref_key,
        )
        await mark_joined(session, user=user, password_hash=password_hash, now=_now())
        await send_link(
            session,
            settings=runtime.settings,
            user=user,
            purpose=LinkPurpose.EMAIL_VERIFICATION,
            client=client,
        )
    return SignedUp(tenant_id=client.tenant_id, user_id=user.id)


@router.post("/auth/verify-email", status_code=status.HTTP_204_NO_CONTENT)
async def verify_email(body: LinkOpened, session: SessionDep) -> None:
    async with session.begin():
        link = await consume_link_token(
            session, token=body.token, purpose=LinkPurpose.EMAIL_VERIFICATION
        )
        user = await get_user(session, user_id=link.user_id)
        user.email_verified_at = user.email_verified_at or _now()


@router.post("/auth/login")
async def login(
    body: Login, request: Request, response: Response, session: SessionDep, runtime: RuntimeDep
) -> AccessToken:
    settings = runtime.settings
    now = _now()
    keys = {
        Scope.ACCOUNT: body.email,
        Scope.ADDRESS: client_address(request, trusted_proxies=settings.trusted_proxies),
    }
    async with session.begin():
        await check_not_throttled(
            session,
            keys=keys,
            limits={
                Scope.ACCOUNT: settings.login_failures_per_account,
                Scope.ADDRESS: settings.login_failures_per_address,
            },
            window=settings.login_failure_window,
            now=now,
        )
        user = await find_by_email(session, email=body.email)
    # No transaction is open while bcrypt runs: a login storm holds no database connections.
    matches = await runtime.passwords.verify(
        body.password, user.password_hash if user is not None else None
    )
    if user is None or not matches:
        async with session.begin():
            await record_failure(session, keys=keys, window=settings.login_failure_window, now=now)
        raise NotAuthenticatedError(WRONG_CREDENTIALS)
    if user.email_verified_at is None:
        async with session.begin():
            client = await _client_of(session, user)
            await send_link(
                session,
                settings=settings,
                user=user,
                purpose=LinkPurpose.EMAIL_VERIFICATION,
                client=client,
            )
        raise ForbiddenError("Verify your email address first: we have sent you a new link.")
    async with session.begin():
        await forget_failures(session, scope=Scope.ACCOUNT, value=body.email)
        token, expires_at = await start_session(
            session, user=user, lifetime=settings.refresh_token_ttl, now=now
        )
    set_refresh_cookie(response, settings=settings, token=token, expires_at=expires_at)
    return await _access_token(runtime, user)


@router.post("/auth/refresh")
async def refresh(
    request: Request, response: Response, session: SessionDep, runtime: RuntimeDep
) -> AccessToken:
    """A new access token for the session in the refresh cookie, which is rotated."""
    token = refresh_cookie(request, settings=runtime.settings)
    if token is None:
        raise NotAuthenticatedError("No session: sign in.")
    async with session.begin():
        rotation = await rotate(session, token=token, now=_now())
        user = await session.get(User, rotation.user_id) if rotation.user_id else None
    if user is None or rotation.new_token is None or rotation.expires_at is None:
        raise NotAuthenticatedError(
            "This session has ended; sign in again.",
            headers={"Set-Cookie": _cleared_cookie(runtime)},
        )
    set_refresh_cookie(
        response,
        settings=runtime.settings,
        token=rotation.new_token,
        expires_at=rotation.expires_at,
    )
    return await _access_token(runtime, user)


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    request: Request, response: Response, session: SessionDep, runtime: RuntimeDep
) -> None:
    """Ends the session of the refresh cookie; its access tokens expire on their own."""
    token = refresh_cookie(request, settings=runtime.settings)
    if token is not None:
        async with session.begin():
            await end_session(session, token=token, now=_now())
    clear_refresh_cookie(response, settings=runtime.settings)


@router.post("/auth/password-reset", status_code=status.HTTP_202_ACCEPTED)
async def request_password_reset(
    body: PasswordResetRequest, session: SessionDep, runtime: RuntimeDep
) -> dict[str, str]:
    """Emails a reset link if the address has an account; the answer is the same either way."""
    async with session.begin():
        user = await find_by_email(session, email=body.email)
        if user is not None and (user.joined_at is not None or user.tenant_id is None):
            await send_link(
                session,
                settings=runtime.settings,
                user=user,
                purpose=LinkPurpose.PASSWORD_RESET,
                client=await _client_of(session, user),
            )
    return {"detail": "If this address has an account, a reset link is on its way."}


@router.post("/auth/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def reset_password(body: PasswordReset, session: SessionDep, runtime: RuntimeDep) -> None:
    """Sets the new password; every session of the account ends."""
    password_hash = await runtime.passwords.hash(body.password)
    async with session.begin():
        link = await consume_link_token(
            session, token=body.token, purpose=LinkPurpose.PASSWORD_RESET
        )
        user = await get_user(session, user_id=link.user_id)
        now = _now()
        user.password_hash = password_hash
        user.email_verified_at = user.email_verified_at or now
        if user.tenant_id is None:
            user.joined_at = user.joined_at or now
        await revoke_user_sessions(session, user_id=user.id, now=now)
        await forget_failures(session, scope=Scope.ACCOUNT, value=user.email)


@router.post("/auth/invitations/accept", status_code=status.HTTP_204_NO_CONTENT)
async def accept_invitation(
    body: InvitationAcceptance, session: SessionDep, runtime: RuntimeDep
) -> None:
    """The invited person names themselves and sets a password; then they can sign in."""
    password_hash = await runtime.passwords.hash(body.password)
    async with session.begin():
        link = await consume_link_token(session, token=body.token, purpose=LinkPurpose.INVITATION)
        user = await get_user(session, user_id=link.user_id)
        now = _now()
        user.name = body.name
        user.email_verified_at = user.email_verified_at or now
        await mark_joined(session, user=user, password_hash=password_hash, now=now)


async def _client_of(session: AsyncSession, user: User) -> Client | None:
    if user.tenant_id is None:
        return None
    return await get_client(session, tenant_id=user.tenant_id)


async def _access_token(runtime: Runtime, user: User) -> AccessToken:
    signer = await runtime.keys.ready_signer()
    token = signer.issue(user_id=user.id, tenant_id=user.tenant_id, roles={Role(user.role)})
    return AccessToken(access_token=token, expires_in=int(signer.ttl.total_seconds()))


def _cleared_cookie(runtime: Runtime) -> str:
    cleared = Response()
    clear_refresh_cookie(cleared, settings=runtime.settings)
    return cleared.headers["set-cookie"]


def _now() -> datetime:
    return datetime.now(UTC)
