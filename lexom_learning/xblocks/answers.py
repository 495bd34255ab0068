"""Read the answers a handler received and grade them with the core, question by question.

The same rules as the Flask app: in a quiz every question needs an answer (an optional comment
excepted); in an evaluation a blank knowledge item earns nothing (« je ne sais pas ») and the
questionnaire items are optional unless marked ``required``.
"""

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

from ..quizzes import ResponseError, Result, grade
from ..quizzes.base import QuestionSpec

Gettext = Callable[[str], str]


class Blank(Enum):
    """What a blank answer to a question means."""

    REQUIRED = "required"  # ask for an answer
    ZERO = "zero"  # count it as wrong
    OPTIONAL = "optional"  # record nothing


class BadRequest(ValueError):
    """A request body that is not what the handler expects; the message goes back as JSON."""


def is_blank(value: Any) -> bool:
    """Say whether an answer was left empty."""
    return value is None or value == "" or value == [] or value == {}


def responses_of(data: Any, known: Iterable[str], _: Gettext) -> dict[str, Any]:
    """Return the ``{question id: response}`` mapping of a body ``{"responses": {...}}``.

    :raises BadRequest: not such an object, or a question id that is not part of the form.
    """
    responses = data.get("responses") if isinstance(data, dict) else None
    if not isinstance(responses, dict):
        raise BadRequest(_("Requête invalide : un objet « responses » est attendu."))
    unknown = sorted(set(responses) - set(known))
    if unknown:
        raise BadRequest(_("Question(s) inconnue(s) : {ids}.").format(ids=", ".join(unknown[:10])))
    return responses


def grade_all(
    questions: Iterable[tuple[QuestionSpec, Blank]], responses: dict[str, Any], _: Gettext
) -> tuple[dict[str, Result], dict[str, str]]:
    """Grade every answered question with the core; return the results and, per question id,
    the message of each answer to correct (the core's own message when it refuses one)."""
    results: dict[str, Result] = {}
    errors: dict[str, str] = {}
    for question, blank in questions:
        raw = responses.get(question.id)
        if is_blank(raw):
            if blank is Blank.REQUIRED:
                errors[question.id] = _("Répondez à cette question.")
            elif blank is Blank.ZERO and question.graded:
                results[question.id] = Result(0.0, float(question.points), False)
            continue
        try:
            results[question.id] = grade(question, raw)
        except ResponseError as error:
            errors[question.id] = str(error)
        except (ValueError, TypeError):  # a value the core could not even read: never a 500
            errors[question.id] = _("Réponse illisible.")
    return results, errors


def quiz_blank(question: QuestionSpec) -> Blank:
    """Return the blank rule of a quiz question: required unless it says otherwise."""
    return Blank.REQUIRED if getattr(question, "required", True) else Blank.OPTIONAL


def record(result: Result) -> dict[str, Any]:
    """Return a result as JSON-ready data for a user_state field."""
    return {
        "earned": result.earned,
        "possible": result.possible,
        "correct": result.correct,
        "feedback": list(result.feedback),
    }
