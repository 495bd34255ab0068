"""The quiz engine: question types, their registry and grading. Pure: no web or storage imports.

Every question type is imported here explicitly, which registers it.
"""

from . import (  # noqa: F401  (imported to register the types)
    free_text,
    likert,
    matching,
    multiple_choice,
    numeric,
    ordering,
    short_text,
    single_choice,
    true_false,
)
from .grading import (
    grade,
    is_graded,
    parse_question,
    public_view,
    stored_response,
    validate_response,
)
from .registry import get_type, known_types, register
from .result import ResponseError, Result
from .submission import Blank, Graded, GradedSubmission, grade_all, is_blank

__all__ = [
    "Blank",
    "Graded",
    "GradedSubmission",
    "ResponseError",
    "Result",
    "get_type",
    "grade",
    "grade_all",
    "is_blank",
    "is_graded",
    "known_types",
    "parse_question",
    "public_view",
    "register",
    "stored_response",
    "validate_response",
]
