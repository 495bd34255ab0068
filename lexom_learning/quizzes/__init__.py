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
from .grading import grade, is_graded, parse_question, public_view, validate_response
from .registry import get_type, known_types, register
from .result import ResponseError, Result

__all__ = [
    "ResponseError",
    "Result",
    "get_type",
    "grade",
    "is_graded",
    "known_types",
    "parse_question",
    "public_view",
    "register",
    "validate_response",
]
