"""The public entry points: parse a question, validate and grade a response, show it safely."""

from collections.abc import Mapping
from typing import Annotated, Any, Union

from pydantic import Field, ValidationError

from .base import QuestionSpec, shown_feedback
from .registry import Registry, current, get_type
from .result import ResponseError, Result
from .shuffle import shuffle_public


def question_annotation(registry: Registry | None = None) -> Any:
    """Return the pydantic annotation for 'any registered question', discriminated by type."""
    models = (registry or current()).spec_models()
    return Annotated[Union[tuple(models)], Field(discriminator="type")]  # noqa: UP007


def parse_question(spec: QuestionSpec | Mapping[str, Any]) -> QuestionSpec:
    """Return the typed spec of a question written as in the content files.

    :raises UnknownQuestionType: for a type nobody registered.
    :raises pydantic.ValidationError: for a malformed spec.
    """
    if isinstance(spec, QuestionSpec):
        return spec
    registry = current()
    registry.get(str(spec.get("type")))
    return registry.adapter().validate_python(dict(spec))


def validate_response(question_spec: QuestionSpec | Mapping[str, Any], response: Any) -> Any:
    """Return the normalised response, or raise ResponseError with a message for the learner."""
    spec = parse_question(question_spec)
    return get_type(spec.type).validate_response(spec, response)


def judge(question_spec: QuestionSpec | Mapping[str, Any], response: Any) -> tuple[Any, Result]:
    """Validate and grade one response once: return the normalised response and its Result.

    Keep the normalised response: describing, counting or showing it later needs no new
    validation (``live.cards``, ``live.tally``).

    :raises ResponseError: when the response is malformed.
    """
    spec = parse_question(question_spec)
    kind = get_type(spec.type)
    value = kind.validate_response(spec, response)
    return value, kind.grade(spec, value)


def feedback_of(
    question_spec: QuestionSpec | Mapping[str, Any], value: Any, correct: bool | None
) -> tuple[str, ...]:
    """Return the feedback on a response judged earlier, from its stored ``correct``: no grading.

    ``value`` is the normalised response as stored (``stored_response`` applied); for the same
    response, this is the feedback ``grade`` gave.
    """
    spec = parse_question(question_spec)
    return shown_feedback(spec, correct, get_type(spec.type).feedback(spec, value, correct))


def grade(question_spec: QuestionSpec | Mapping[str, Any], response: Any) -> Result:
    """Validate and grade one response to one question.

    :raises ResponseError: when the response is malformed (wrong type, unknown option,
        out of range, too long).
    """
    return judge(question_spec, response)[1]


def public_view(
    question_spec: QuestionSpec | Mapping[str, Any], seed: str | None = None
) -> dict[str, Any]:
    """Return what a learner may see of a question before it is closed: never the answer.

    With a ``seed`` (``quizzes.shuffle.seed_for``), choice options come in that seed's order.
    """
    spec = parse_question(question_spec)
    kind = get_type(spec.type)
    public = kind.public(spec)
    return shuffle_public(public, spec, seed) if kind.shuffled else public


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
    return get_type(spec.type).stored_response(spec, response)


def is_graded(question_spec: QuestionSpec | Mapping[str, Any]) -> bool:
    """Say whether the question earns points."""
    return parse_question(question_spec).graded


__all__ = [
    "ResponseError",
    "Result",
    "ValidationError",
    "feedback_of",
    "grade",
    "is_graded",
    "judge",
    "parse_question",
    "public_view",
    "stored_response",
    "validate_response",
]
