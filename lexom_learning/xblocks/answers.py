"""Read the answers a handler received and grade them with the core, question by question.

The same rules as the Flask app: in a quiz every question needs an answer (an optional comment
excepted); in an evaluation a blank knowledge item earns nothing (« je ne sais pas ») and the
questionnaire items are optional unless marked ``required``.
"""

from collections.abc import Callable, Iterable
from typing import Any

from ..quizzes import Blank, GradedSubmission, Result, is_blank
from ..quizzes import grade_all as grade_submission
from ..quizzes.base import QuestionSpec
from .i18n import N_

__all__ = ["BadRequest", "Blank", "grade_all", "is_blank", "quiz_blank", "record", "responses_of"]

Gettext = Callable[[str], str]

# The core writes these two messages and translates them with the gettext it is given: marked
# here so that the blocks' catalogues keep them.
CORE_MESSAGES = (N_("Répondez à cette question."), N_("Réponse illisible."))


class BadRequest(ValueError):
    """A request body that is not what the handler expects; the message goes back as JSON."""


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
    """Grade every answered question with the core (``quizzes.grade_all``); return the results
    and, per question id, the message of each answer to correct."""
    graded: GradedSubmission = grade_submission(questions, responses, _)
    return {k: g.result for k, g in graded.results.items()}, graded.errors


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
