"""What a request can do wrong, as the answer it gets; views and services raise these."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class AccountsError(Exception):
    status_code = 400

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers


class NotFoundError(AccountsError):
    status_code = 404


class ConflictError(AccountsError):
    status_code = 409


class NotAuthenticatedError(AccountsError):
    status_code = 401


class ForbiddenError(AccountsError):
    status_code = 403


class InvalidLinkError(AccountsError):
    """An emailed link that is unknown, used already, or expired: all look the same."""

    status_code = 400

    def __init__(self) -> None:
        super().__init__("This link is invalid or has expired; ask for a new one.")


class TooManyAttemptsError(AccountsError):
    status_code = 429

    def __init__(self, *, retry_after_seconds: int) -> None:
        super().__init__(
            "Too many failed attempts; try again later.",
            headers={"Retry-After": str(retry_after_seconds)},
        )


async def _answer(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AccountsError)
    return JSONResponse(
        {"detail": error.detail}, status_code=error.status_code, headers=error.headers
    )


def install_error_answers(app: FastAPI) -> None:
    app.add_exception_handler(AccountsError, _answer)
