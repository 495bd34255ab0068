"""Storage adapter: Flask-SQLAlchemy models (SQLAlchemy 2 typed style) and Alembic migrations."""

from . import guards  # noqa: F401  (registers pragmas and append-only guards)
from .accounts import ApiToken, User
from .records import Answer, CompletionEvent, QuizAttempt
from .training import AccessLink, Participant, TrainingSession

__all__ = [
    "AccessLink",
    "Answer",
    "ApiToken",
    "CompletionEvent",
    "Participant",
    "QuizAttempt",
    "TrainingSession",
    "User",
]
