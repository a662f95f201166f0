"""The refresh cookie: HttpOnly, Secure, SameSite=Strict, sent only to the auth routes."""

from datetime import UTC, datetime

from fastapi import Request, Response

from accounts.settings import Settings


def set_refresh_cookie(
    response: Response, *, settings: Settings, token: str, expires_at: datetime
) -> None:
    response.set_cookie(
        settings.refresh_cookie_name,
        token,
        max_age=max(0, int((expires_at - datetime.now(UTC)).total_seconds())),
        path=settings.refresh_cookie_path,
        secure=True,
        httponly=True,
        samesite="strict",
    )


def clear_refresh_cookie(response: Response, *, settings: Settings) -> None:
    response.delete_cookie(
        settings.refresh_cookie_name,
        path=settings.refresh_cookie_path,
        secure=True,
        httponly=True,
        samesite="strict",
    )


def refresh_cookie(request: Request, *, settings: Settings) -> str | None:
    token = request.cookies.get(settings.refresh_cookie_name)
    return token if token and len(token) <= 100 else None
