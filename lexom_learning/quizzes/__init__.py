"""The quiz engine: question types, their registry and grading. Pure: no web or storage imports.

The shipped types are listed once, in ``standard.standard_registry``; adapters ask the type of
a question through ``type_of`` / ``get_type`` (the registry in use, see ``registry.using``).
"""

from .base import Bar, QuestionKind
from .grading import (
    feedback_of,
    grade,
    is_graded,
    judge,
    parse_question,
    public_view,
    stored_response,
    validate_response,
)
from .registry import Registry, current, get_type, known_types, type_of, using
from .result import ResponseError, Result
from .submission import Blank, Graded, GradedSubmission, grade_all, is_blank

__all__ = [
    "Bar",
    "Blank",
    "Graded",
    "GradedSubmission",
    "QuestionKind",
    "Registry",
    "ResponseError",
    "Result",
    "current",
    "feedback_of",
    "get_type",
    "grade",
    "grade_all",
    "is_blank",
    "is_graded",
    "judge",
    "known_types",
    "parse_question",
    "public_view",
    "stored_response",
    "type_of",
    "using",
    "validate_response",
]
