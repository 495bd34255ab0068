"""Database guards: SQLite pragmas, and append-only records refused at flush time.

Append-only records change in one way only: the controlled erasure of a person's data
(services/privacy/erasure.py and purge.py). Those statements are bulk UPDATEs or DELETEs that
carry the execution option ``ERASURE_OPTION``; any other UPDATE or DELETE statement aimed at
an append-only table through the session is refused, as is any change through the ORM. The
database triggers (migration 0010) let through only what an erasure writes.
"""

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import ORMExecuteState, Session

from .attendance import AttendanceSignature
from .attestations import AttestationAudit
from .evaluations import EvaluationSubmission
from .live import LiveAnswer
from .presence import AttendanceAdjustment
from .privacy import Erasure
from .records import Answer, CompletionEvent, QuizAttempt
from .roleplay import RolePlayGrading, RolePlayScore

APPEND_ONLY = (
    Answer,
    CompletionEvent,
    QuizAttempt,
    AttendanceSignature,
    AttendanceAdjustment,
    AttestationAudit,
    LiveAnswer,
    EvaluationSubmission,
    RolePlayGrading,
    RolePlayScore,
    Erasure,
)


ERASURE_OPTION = "lexom_controlled_erasure"
# Tables whose rows only the controlled erasure may change (attestations: their issued content).
ERASURE_ONLY_TABLES = frozenset(m.__tablename__ for m in APPEND_ONLY) | {"attestations"}


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
        # Deleted or overwritten content is zeroed in the file, not left in free space: an
        # erasure must not leave the erased name readable in the database file (issue 16).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()


def _refuse(action: str):
    def listener(_mapper, _connection, target) -> None:
        raise AppendOnlyError(f"{type(target).__name__} records are append-only: cannot {action}")

    return listener


for _model in APPEND_ONLY:
    event.listen(_model, "before_update", _refuse("update"))
    event.listen(_model, "before_delete", _refuse("delete"))


@event.listens_for(Session, "do_orm_execute")
def _only_controlled_erasure(state: ORMExecuteState) -> None:
    """Refuse UPDATE and DELETE statements on append-only tables, except an erasure's."""
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name in ERASURE_ONLY_TABLES and not state.execution_options.get(ERASURE_OPTION):
        raise AppendOnlyError(f"{name} rows are append-only: only an erasure may change them")
