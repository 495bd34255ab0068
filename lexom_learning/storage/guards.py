"""Database guards: SQLite pragmas, and append-only records refused at flush time."""

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

from .attendance import AttendanceSignature
from .attestations import AttestationAudit
from .evaluations import EvaluationSubmission
from .live import LiveAnswer
from .records import Answer, CompletionEvent, QuizAttempt
from .roleplay import RolePlayGrading, RolePlayScore

APPEND_ONLY = (
    Answer,
    CompletionEvent,
    QuizAttempt,
    AttendanceSignature,
    AttestationAudit,
    LiveAnswer,
    EvaluationSubmission,
    RolePlayGrading,
    RolePlayScore,
)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an append-only record."""


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def _refuse(action: str):
    def listener(_mapper, _connection, target) -> None:
        raise AppendOnlyError(f"{type(target).__name__} records are append-only: cannot {action}")

    return listener


for _model in APPEND_ONLY:
    event.listen(_model, "before_update", _refuse("update"))
    event.listen(_model, "before_delete", _refuse("delete"))
