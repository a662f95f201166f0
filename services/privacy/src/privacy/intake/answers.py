"""How intake errors and wrong codes are answered over HTTP."""

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse

from privacy.intake.errors import IntakeError
from privacy.intake.verification import CodeOutcome


def answer_error(error: IntakeError) -> HTTPException:
    return HTTPException(error.status_code, error.detail, headers=error.headers)


def wrong_code(outcome: CodeOutcome) -> JSONResponse:
    """A 400 that says how many attempts are left."""
    left = outcome.attempts_left
    return JSONResponse(
        {
            "detail": f"That code is not right; {left} attempt{'s' if left != 1 else ''} left.",
            "attempts_left": left,
        },
        status_code=status.HTTP_400_BAD_REQUEST,
    )
