"""What a service function raises for input it refuses; ``main`` turns each into a 4xx."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class NotFoundError(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(f"No such {what} in this client.")


class ConflictError(Exception):
    """The request contradicts what is stored (a duplicate, a row in use)."""


class InvalidRequestError(Exception):
    """Well-formed input that cannot be accepted (an unknown group, an empty audience)."""


async def _not_found(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=404)


async def _conflict(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=409)


async def _invalid(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=422)


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(ConflictError, _conflict)
    app.add_exception_handler(InvalidRequestError, _invalid)
