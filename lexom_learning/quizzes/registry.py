"""The registry of question types: an explicit object, built by a function, that adapters ask.

``standard_registry()`` (``quizzes.standard``) builds the shipped one. ``current()`` is the
registry in use: the standard one unless ``using(registry)`` put another in place (a test adds
a type that way without touching any other file).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .base import QuestionType


class DuplicateQuestionType(ValueError):
    """Raised when two question types claim the same name."""


class UnknownQuestionType(KeyError):
    """Raised for a question type nobody registered."""

    def __init__(self, name: str, known: Iterable[str] = ()) -> None:
        super().__init__(name)
        self.known = sorted(known)

    def __str__(self) -> str:
        return f"unknown question type {self.args[0]!r}; known types: {', '.join(self.known)}"


class Registry:
    """Question types by name, in the order they were added."""

    def __init__(self, types: Iterable[Any] = ()) -> None:
        self._types: dict[str, QuestionType] = {}
        self._adapter: Any = None
        for kind in types:
            self.add(kind)

    def add(self, kind: Any) -> Any:
        """Add a type instance (or class, instantiated once) under its ``name``.

        :raises DuplicateQuestionType: when the name is already taken.
        """
        instance = kind() if isinstance(kind, type) else kind
        if instance.name in self._types:
            raise DuplicateQuestionType(f"question type {instance.name!r} is already registered")
        self._types[instance.name] = instance
        self._adapter = None
        return kind

    def get(self, name: str) -> QuestionType:
        """Return the type called ``name``.

        :raises UnknownQuestionType: when no type has that name.
        """
        try:
            return self._types[name]
        except KeyError:
            raise UnknownQuestionType(name, self._types) from None

    def names(self) -> list[str]:
        """Return the type names, sorted."""
        return sorted(self._types)

    def spec_models(self) -> list[type]:
        """Return the spec model of every type, in the order they were added."""
        return [t.spec_model for t in self._types.values()]

    def extended(self, *kinds: Any) -> "Registry":
        """Return a new registry holding these types and ``kinds``."""
        return Registry([*self._types.values(), *kinds])

    def adapter(self) -> Any:
        """Return the pydantic adapter that parses any of its questions (built once)."""
        if self._adapter is None:
            from pydantic import TypeAdapter

            from .grading import question_annotation

            self._adapter = TypeAdapter(question_annotation(self))
        return self._adapter


_CURRENT: ContextVar[Registry | None] = ContextVar("lexom_question_types", default=None)
_STANDARD: list[Registry] = []


def current() -> Registry:
    """Return the registry in use (the standard one unless ``using`` replaced it)."""
    chosen = _CURRENT.get()
    if chosen is not None:
        return chosen
    if not _STANDARD:
        from .standard import standard_registry

        _STANDARD.append(standard_registry())
    return _STANDARD[0]


@contextmanager
def using(registry: Registry) -> Iterator[Registry]:
    """Put ``registry`` in use for the code run inside the block."""
    token = _CURRENT.set(registry)
    try:
        yield registry
    finally:
        _CURRENT.reset(token)


def get_type(name: str) -> QuestionType:
    """Return the type called ``name`` in the registry in use.

    :raises UnknownQuestionType: when no type has that name.
    """
    return current().get(name)


def type_of(spec: Any) -> QuestionType:
    """Return the type of a parsed question."""
    return current().get(spec.type)


def known_types() -> list[str]:
    """Return the type names of the registry in use, sorted."""
    return current().names()


def spec_models() -> list[type]:
    """Return the spec model of every type in use, in registration order."""
    return current().spec_models()
