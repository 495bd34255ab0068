"""Domain errors the adapters map to responses (404, 403, 409, 422)."""


class ServiceError(Exception):
    """Base class: carries a message meant for the user."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ServiceError):
    """The object does not exist, or the caller may not know it exists."""

    status = 404
    code = "not_found"


class Forbidden(ServiceError):
    """The caller is known but may not do this."""

    status = 403
    code = "forbidden"


class Conflict(ServiceError):
    """The request clashes with the current state (attempts used up, duplicate email...)."""

    status = 409
    code = "conflict"


class Invalid(ServiceError):
    """The input is malformed; ``field`` names where."""

    status = 422
    code = "invalid"
