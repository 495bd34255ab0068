"""What a learner may read about an answer already graded: feedback and explanation.

The stored score stays the truth. Feedback is computed again from the stored response only
while the content is the version the answer was graded with (an edited question could say
something else of the same response), and only once the solutions may be revealed.
"""

from dataclasses import dataclass
from typing import Any

from .grading import grade, stored_response
from .result import ResponseError


@dataclass(frozen=True)
class AnswerReview:
    """A graded answer as its author may read it: the response in today's form, the stored
    score, and the feedback and explanation once they may be shown."""

    response: Any
    earned: float
    possible: float
    correct: bool | None
    feedback: tuple[str, ...]
    explanation: str

    @property
    def partial(self) -> bool:
        """Say whether some but not all of the points were earned."""
        return 0 < self.earned < self.possible


def reviewed(question, answer, *, same_content: bool, revealed: bool) -> dict[str, Any]:
    """Return the ``AnswerReview`` fields of a stored ``answer`` (its ``response``, ``earned``,
    ``possible`` and ``correct``) to ``question`` (None when the content no longer has it)."""
    response = answer.response
    if question is not None:  # in today's form: the ids the question shows now
        response = stored_response(question, response)
    return {
        "response": response,
        "earned": answer.earned,
        "possible": answer.possible,
        "correct": answer.correct,
        "feedback": feedback_for(question, response, same_content=same_content, revealed=revealed),
        "explanation": explanation_for(question, revealed=revealed),
    }


def feedback_for(question, response, *, same_content: bool, revealed: bool) -> tuple[str, ...]:
    """Return the feedback lines of a stored response, or none when they may not be shown."""
    if question is None or response is None or not (same_content and revealed):
        return ()
    try:
        return grade(question, response).feedback
    except ResponseError:
        return ()


def explanation_for(question, *, revealed: bool) -> str:
    """Return the question's explanation once revealed, else an empty string."""
    return question.explanation if question is not None and revealed else ""
