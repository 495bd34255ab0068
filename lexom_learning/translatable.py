"""Messages written in French at the source and put into the reader's language where shown.

The pure core and the services never translate: they raise errors that carry a French template
(``%(name)s`` placeholders) and its values. Each adapter hands its own gettext to
``Message.translate``: the Flask app its request's catalogue, the XBlocks the runtime's.
Extraction finds the templates by the names of the calls that build them (``Message``, ``N_``
and the error classes listed in babel.cfg), so a template must be a literal string there.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Gettext = Callable[[str], str]


def N_(template: str) -> str:
    """Mark a string for extraction without translating it (it is translated where shown)."""
    return template


def fill(template: str, params: Mapping[str, Any]) -> str:
    """Return ``template`` with its ``%(name)s`` placeholders filled (untouched without values)."""
    return template % params if params else template


@dataclass(frozen=True, slots=True)
class Message:
    """A French template and its values; ``str()`` gives the French text."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return fill(self.template, self.params)

    def translate(self, gettext: Gettext) -> str:
        """Return the message in the language of ``gettext``."""
        return fill(gettext(self.template), self.params)


def message_of(text: "str | Message", params: Mapping[str, Any] | None = None) -> Message:
    """Return ``text`` as a Message (a plain string becomes the template of ``params``)."""
    return text if isinstance(text, Message) else Message(text, dict(params or {}))


class TranslatableError(ValueError):
    """An error whose message is a French template: ``str()`` is French, ``translate`` not."""

    def __init__(self, text: "str | Message", /, **params: Any):
        self.text = message_of(text, params)
        super().__init__(str(self.text))

    def translate(self, gettext: Gettext) -> str:
        """Return the message in the language of ``gettext``."""
        return self.text.translate(gettext)
