"""The explicit registry of question types: a dict filled by a decorator that refuses duplicates."""

from typing import Any

from .base import QuestionType

_TYPES: dict[str, QuestionType] = {}


class DuplicateQuestionType(ValueError):
    """Raised when two question types claim the same name."""


class UnknownQuestionType(KeyError):
    """Raised for a question type nobody registered."""

    def __str__(self) -> str:
        return f"unknown question type {self.args[0]!r}; known types: {', '.join(known_types())}"


def register(cls: type) -> type:
    """Register a question type class (instantiated once) under its ``name``.

    :raises DuplicateQuestionType: when the name is already taken.
    """
    instance: Any = cls()
    if instance.name in _TYPES:
        raise DuplicateQuestionType(f"question type {instance.name!r} is already registered")
    _TYPES[instance.name] = instance
    return cls


def get_type(name: str) -> QuestionType:
    """Return the registered type called ``name``.

    :raises UnknownQuestionType: when no type has that name.
    """
    try:
        return _TYPES[name]
    except KeyError:
        raise UnknownQuestionType(name) from None


def known_types() -> list[str]:
    """Return the registered type names, sorted."""
    return sorted(_TYPES)


def spec_models() -> list[type]:
    """Return the spec model of every registered type, in registration order."""
    return [t.spec_model for t in _TYPES.values()]
