"""What a live question shows: the card before closing, the solution after (pure).

A card is built from ``quizzes.public_view`` only, so it never carries the answer; the solution
is a separate function, called by the adapters once the question is closed. Every function here
asks the question's type (``quizzes.type_of``); the responses they take are the ones the live
service stored, already validated (``services.live_answers``): nothing here validates again.
"""

from typing import Any

from ..quizzes import feedback_of, public_view, stored_response, type_of
from ..quizzes.base import QuestionSpec
from ..quizzes.shuffle import seed_for

CARD_EXTRAS = ("unit", "items", "left", "right", "scale", "max_length")


def room_seed(run_id: int, question_id: str) -> str:
    """Return the seed of a live question's option order: one order for the whole room, so the
    projector's letters match every phone."""
    return seed_for("live", f"run:{run_id}", question_id)


def card(spec: QuestionSpec, index: int, seed: str | None = None) -> dict[str, Any]:
    """Return what anyone may see of question ``index`` while it is open: never the answer.

    ``seed`` (``room_seed``) orders the options of a choice question.
    """
    kind = type_of(spec)
    public = public_view(spec, seed)
    shown = {
        "index": index,
        "question_id": spec.id,
        "prompt": public["prompt"],
        "type": spec.type,
        "options": list(kind.options(public)),
    }
    shown.update({key: public[key] for key in CARD_EXTRAS if key in public})
    return shown


def solution(spec: QuestionSpec) -> Any:
    """Return the expected response, shaped as a response (None for ungraded questions)."""
    return type_of(spec).solution(spec)


def solution_text(spec: QuestionSpec) -> str:
    """Return the expected response in words, for the phone and the projector once closed."""
    return type_of(spec).solution_text(spec)


def describe(spec: QuestionSpec, response: Any) -> str:
    """Return a stored response in words (« Économique », « 12 % », « Vrai »...)."""
    kind = type_of(spec)
    try:
        return kind.joiner.join(kind.describe(spec, stored_response(spec, response)))
    except (KeyError, TypeError, ValueError, AttributeError):
        return str(response)  # stored before the content changed


def chosen_options(spec: QuestionSpec, response: Any) -> list[str]:
    """Return the option ids a stored response picks (choice and true/false questions), else []."""
    try:
        return type_of(spec).chosen(spec, response)
    except (KeyError, TypeError, ValueError):
        return []


def feedback(spec: QuestionSpec, response: Any, correct: bool | None) -> list[str]:
    """Return the feedback on a stored response and its stored ``correct`` (shown once the
    question is closed), without grading it again."""
    try:
        return list(feedback_of(spec, stored_response(spec, response), correct))
    except (KeyError, TypeError, ValueError, AttributeError, StopIteration):
        return []  # stored before the content changed
