"""Domain errors the adapters map to responses (404, 403, 409, 422), in the reader's language.

Messages are French templates (see ``lexom_learning.translatable``); ``message`` gives them in
the language of the current request (French outside one: CLI, background jobs), through the
translator the running process installed (``services.context.translate``).
"""

from typing import Any

from ..translatable import N_, Message, message_of
from .context import translate


def gettext(template: str) -> str:
    """Return a French source string in the current request's language."""
    return translate(template)


def translated(template: str, **params: Any) -> str:
    """Return a French template, filled with ``params``, in the current request's language."""
    return Message(template, params).translate(gettext)


class ServiceError(Exception):
    """Base class: carries a message meant for the user and, when known, the field at fault."""

    status = 400
    code = "bad_request"

    def __init__(self, text: "str | Message", field: str | None = None, **params: Any):
        self.text = message_of(text, params)
        super().__init__(str(self.text))
        self.field = field

    @property
    def message(self) -> str:
        """Return the message in the current request's language."""
        return self.text.translate(gettext)


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


class AnswersInvalid(Invalid):
    """Some submitted answers are missing or malformed; ``errors`` maps question ids to
    messages. Nothing is stored."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(N_("%(count)s réponse(s) à corriger."), "responses", count=len(errors))
        self.errors = errors
