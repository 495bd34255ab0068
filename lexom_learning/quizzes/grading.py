"""The public entry points: parse a question, validate and grade a response, show it safely."""

from collections.abc import Mapping
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter, ValidationError

from .base import QuestionSpec
from .registry import get_type, spec_models
from .result import ResponseError, Result
from .shuffle import shuffle_public


def question_annotation() -> Any:
    """Return the pydantic annotation for 'any registered question', discriminated by type."""
    return Annotated[Union[tuple(spec_models())], Field(discriminator="type")]  # noqa: UP007


_ADAPTER: TypeAdapter | None = None


def parse_question(spec: QuestionSpec | Mapping[str, Any]) -> QuestionSpec:
    """Return the typed spec of a question written as in the content files.

    :raises UnknownQuestionType: for a type nobody registered.
    :raises pydantic.ValidationError: for a malformed spec.
    """
    global _ADAPTER
    if isinstance(spec, QuestionSpec):
        return spec
    get_type(str(spec.get("type")))
    if _ADAPTER is None:
        _ADAPTER = TypeAdapter(question_annotation())
    return _ADAPTER.validate_python(dict(spec))


def validate_response(question_spec: QuestionSpec | Mapping[str, Any], response: Any) -> Any:
    """Return the normalised response, or raise ResponseError with a message for the learner."""
    spec = parse_question(question_spec)
    return get_type(spec.type).validate_response(spec, response)


def grade(question_spec: QuestionSpec | Mapping[str, Any], response: Any) -> Result:
    """Validate and grade one response to one question.

    :raises ResponseError: when the response is malformed (wrong type, unknown option,
        out of range, too long).
    """
    spec = parse_question(question_spec)
    kind = get_type(spec.type)
    return kind.grade(spec, kind.validate_response(spec, response))


def public_view(
    question_spec: QuestionSpec | Mapping[str, Any], seed: str | None = None
) -> dict[str, Any]:
    """Return what a learner may see of a question before it is closed: never the answer.

    With a ``seed`` (``quizzes.shuffle.seed_for``), choice options come in that seed's order.
    """
    spec = parse_question(question_spec)
    return shuffle_public(get_type(spec.type).public(spec), spec, seed)


def stored_response(question_spec: QuestionSpec | Mapping[str, Any], response: Any) -> Any:
    """Return a stored response in the form today's grading expects.

    Call it on every response read back from storage before grading, validating or showing
    it. A type whose learner-facing ids changed (matching, ordering) defines
    ``stored_response(spec, response)`` to convert a response stored with the former ids; for
    every other type, and for a response already in today's form, the response comes back
    unchanged. A response sent today never goes through here: the former ids gave the answer
    away, so ``grade`` refuses them.
    """
    spec = parse_question(question_spec)
    convert = getattr(get_type(spec.type), "stored_response", None)
    return response if convert is None else convert(spec, response)


def is_graded(question_spec: QuestionSpec | Mapping[str, Any]) -> bool:
    """Say whether the question earns points."""
    return parse_question(question_spec).graded


__all__ = [
    "ResponseError",
    "Result",
    "ValidationError",
    "grade",
    "is_graded",
    "parse_question",
    "public_view",
    "stored_response",
    "validate_response",
]
