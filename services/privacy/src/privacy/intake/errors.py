"""What an intake call can do wrong, with the status its answer carries."""


class IntakeError(Exception):
    status_code = 400

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers


class IntakeNotFoundError(IntakeError):
    """An unknown id, a wrong status token, another user's request: all look the same."""

    status_code = 404

    def __init__(self) -> None:
        super().__init__("No such request.")


class IntakeGoneError(IntakeError):
    status_code = 410

    def __init__(self) -> None:
        super().__init__(
            "This code can no longer be used (expired or too many wrong attempts); "
            "please submit the request again."
        )


class AlreadyVerifiedError(IntakeError):
    status_code = 409

    def __init__(self) -> None:
        super().__init__("This request's email address is verified already.")


class TooManyIntakesError(IntakeError):
    status_code = 429

    def __init__(self, *, limit: int, retry_after_seconds: int) -> None:
        super().__init__(
            f"At most {limit} requests per email address per hour; please try again later.",
            headers={"Retry-After": str(retry_after_seconds)},
        )
