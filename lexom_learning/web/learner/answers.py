"""Show a stored response the way the learner gave it: option texts, ranks, pairs, numbers."""

from typing import Any

from flask_babel import gettext

from ...quizzes import ResponseError, stored_response, type_of
from ...quizzes.base import NO_ANSWER
from ...translatable import N_

# The types write these words (quizzes.base.NO_ANSWER, NO_OPTION): marked for the catalogue.
CORE_WORDS = (N_("(pas de réponse)"), N_("(aucune option)"))


def describe(question: Any, response: Any) -> list[str]:
    """Return the learner's response as lines of text (one line, or one per item, in order).

    The question's type words it (``QuestionType.describe``). Falls back to the raw value when
    the question is gone or the response no longer fits it.
    """
    if question is None:
        return [str(response)]
    kind = type_of(question)
    try:
        value = kind.validate_response(question, stored_response(question, response))
        return kind.describe(question, value, gettext)
    except (KeyError, TypeError, ValueError, AttributeError, ResponseError):
        text = str(response).strip() if response is not None else ""
        return [text] if text else [gettext(NO_ANSWER)]
