"""What a learner may read about an answer already graded: feedback and explanation.

The stored score stays the truth. Feedback is computed again from the stored response only
while the content is the version the answer was graded with (an edited question could say
something else of the same response), and only once the solutions may be revealed.
"""

from .grading import grade
from .result import ResponseError


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
