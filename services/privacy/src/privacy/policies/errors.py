"""What a policy call can do wrong, with the status its answer carries."""


class PolicyError(Exception):
    status_code = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class PolicyInputError(PolicyError):
    status_code = 422


class PolicyConflictError(PolicyError):
    status_code = 409


class PolicyNotFoundError(PolicyError):
    status_code = 404

    def __init__(self, detail: str = "No such policy version.") -> None:
        super().__init__(detail)
