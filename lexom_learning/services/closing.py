"""Closing a session: one resumable operation, from the trainer's click to the last attestation.

A close request moves the session from ``planned`` to ``closing`` (one conditional UPDATE: one
request wins, the closing date is set once), then runs ``CLOSE_STEPS`` in order. Every step is
idempotent and commits its own work, so a process killed in the middle leaves a ``closing``
session that the next close request, or ``lexom attestations issue-due``, finishes with the
same numbers: nothing is done twice, nothing is skipped. The last step marks it ``closed``.

One runner at a time per session: a PostgreSQL advisory lock (held by a connection, so a dead
process lets go of it), or a lock of the process on SQLite (one writer at a time anyway; the
unique keys on attestations and invitations keep two processes from issuing twice). The other
callers wait for the runner and answer with the same outcome, read from the database: what a
close request returns describes the session, never "what this call did".
"""

import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, text, update

from ..extensions import db
from ..live import Move, Status
from ..modules import Course
from ..storage import Attestation, LiveRun, Participant, TrainingSession
from ..storage.types import utcnow
from . import attestations, cold, evaluations, live, roleplay
from .context import current
from .errors import Conflict
from .session_state import CLOSE_IN_PROGRESS, CLOSED, CLOSING, OPEN

SYSTEM = "system"
WAIT_SECONDS = 300.0  # how long a second caller waits for the runner before giving up (409)
POLL_SECONDS = 0.05
ADVISORY_LOCK_CLASS = 4_213  # first key of pg_advisory_lock(class, session id): closing


@dataclass(frozen=True)
class CloseStep:
    """One step of closing: a name (logs, docs) and an idempotent action that commits."""

    name: str
    run: Callable[[TrainingSession, Course, datetime], None]


def finish_live_runs(training: TrainingSession, course: Course, now: datetime) -> None:
    """Close any open question (its last answers count) and finish every live run."""
    query = select(LiveRun).where(
        LiveRun.session_id == training.id, LiveRun.status != Status.FINISHED.value
    )
    for run in db.session.scalars(query.order_by(LiveRun.id)).all():
        if run.status == Status.OPEN.value:
            live.apply_move(run, course, Move.CLOSE)
        live.apply_move(run, course, Move.FINISH)


def close_evaluation_windows(training: TrainingSession, course: Course, now: datetime) -> None:
    """Close the positioning and hot evaluations if they are open."""
    for kind in evaluations.ROOM_KINDS:
        evaluations.close_window(training, course, kind, SYSTEM, now)


def close_roleplay_runs(training: TrainingSession, course: Course, now: datetime) -> None:
    """End the role plays still under way: their grids are final."""
    for run in roleplay.runs_of_session(training.id):
        roleplay.end_run(run, course, SYSTEM, now)


def issue_attestations(training: TrainingSession, course: Course, now: datetime) -> None:
    """Issue every attestation the course's rule calls for (each commits; a rerun skips them)."""
    attestations.issue_due(training, course, SYSTEM)


def schedule_cold_evaluation(training: TrainingSession, course: Course, now: datetime) -> None:
    """Give each participant a cold-evaluation invitation, due after the course's delay."""
    cold.schedule(training, now)


def mark_closed(training: TrainingSession, course: Course, now: datetime) -> None:
    """Mark the session closed: every step before has been done."""
    db.session.execute(
        update(TrainingSession)
        .where(TrainingSession.id == training.id, TrainingSession.status == CLOSING)
        .values(status=CLOSED)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


# The close steps, in order, in this one place (docs/architecture.md lists them).
CLOSE_STEPS: tuple[CloseStep, ...] = (
    CloseStep("finish_live_runs", finish_live_runs),
    CloseStep("close_evaluation_windows", close_evaluation_windows),
    CloseStep("close_roleplay_runs", close_roleplay_runs),
    CloseStep("issue_attestations", issue_attestations),
    CloseStep("schedule_cold_evaluation", schedule_cold_evaluation),
    CloseStep("mark_closed", mark_closed),
)


@dataclass
class CloseOutcome:
    """A session's state after a close request, read from the database (same for every caller).

    ``issued``: the session's valid attestations; ``superseded``: its replaced versions;
    ``not_eligible``: participants with no valid attestation.
    """

    session_id: int
    status: str
    closed_at: datetime | None
    issued: list[Attestation] = field(default_factory=list)
    superseded: list[Attestation] = field(default_factory=list)
    not_eligible: int = 0


def outcome(training: TrainingSession) -> CloseOutcome:
    """Describe the session as stored: its status, closing date and attestations."""
    db.session.refresh(training)
    rows = attestations.for_session(training.id)
    valid = [a for a in rows if a.status == "valid"]
    people = db.session.scalar(select(func.count()).where(Participant.session_id == training.id))
    return CloseOutcome(
        session_id=training.id,
        status=training.status,
        closed_at=training.closed_at,
        issued=valid,
        superseded=[a for a in rows if a.status == "superseded"],
        not_eligible=people - len({a.participant_id for a in valid}),
    )


def begin(training: TrainingSession, now: datetime | None = None) -> bool:
    """Move an open session to ``closing`` with its closing date; False if it had left ``planned``.

    One conditional UPDATE: of requests sent at once, one moves it. On PostgreSQL it waits for
    the evidence being written (they hold a share lock on the row, ``session_state``).
    """
    status = db.session.scalar(
        select(TrainingSession.status).where(TrainingSession.id == training.id)
    )
    if status != OPEN:  # most repeated requests: no write, so no wait for SQLite's write lock
        db.session.commit()
        db.session.refresh(training)
        return False
    moved = db.session.execute(
        update(TrainingSession)
        .where(TrainingSession.id == training.id, TrainingSession.status == OPEN)
        .values(status=CLOSING, closed_at=now or utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    db.session.refresh(training)
    return moved == 1


def close(training: TrainingSession, course: Course, now: datetime | None = None) -> CloseOutcome:
    """Close the session and finish the job (issue, schedule...), or wait for whoever is on it.

    Safe to repeat and to send many times at once: every caller gets the same outcome.

    :raises Conflict: another runner has held the session for longer than ``WAIT_SECONDS``.
    """
    begin(training, now)
    return finish(training, course, now)


def finish(training: TrainingSession, course: Course, now: datetime | None = None) -> CloseOutcome:
    """Run the close steps of a ``closing`` session (resuming after a crash); wait if another
    runner is on it. A session that is open or already closed is left as it is."""
    deadline = time.monotonic() + WAIT_SECONDS
    session_id = training.id
    while True:
        db.session.commit()  # hold no connection while taking the runner's lock
        with _single_runner(session_id) as mine:
            if mine:
                db.session.refresh(training)
                if training.status == CLOSING:
                    for step in CLOSE_STEPS:
                        step.run(training, course, now or utcnow())
                        db.session.refresh(training)
                return outcome(training)
        db.session.rollback()  # give the connection back while waiting
        status = db.session.scalar(
            select(TrainingSession.status).where(TrainingSession.id == session_id)
        )
        db.session.rollback()
        if status != CLOSING:
            return outcome(training)
        if time.monotonic() > deadline:
            raise Conflict(CLOSE_IN_PROGRESS)
        time.sleep(POLL_SECONDS)


def pending(session_id: int | None = None) -> list[TrainingSession]:
    """Return the sessions left ``closing`` (a crash, a killed worker): ``finish`` them."""
    query = select(TrainingSession).where(TrainingSession.status == CLOSING)
    if session_id is not None:
        query = query.where(TrainingSession.id == session_id)
    return list(db.session.scalars(query.order_by(TrainingSession.id)))


_PROCESS_LOCKS: dict[int, threading.Lock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()


@contextmanager
def _single_runner(session_id: int):
    """Yield True to the one caller that may run the steps of a session now, else False."""
    engine = db.engine
    if engine.dialect.name == "postgresql":
        keys = {"kind": ADVISORY_LOCK_CLASS, "session": session_id}
        with engine.connect() as connection:
            taken = connection.execute(
                text("SELECT pg_try_advisory_lock(:kind, :session)"), keys
            ).scalar()
            connection.commit()
            try:
                yield bool(taken)
            finally:
                if taken:
                    connection.execute(text("SELECT pg_advisory_unlock(:kind, :session)"), keys)
                    connection.commit()
        return
    with _PROCESS_LOCKS_GUARD:
        lock = _PROCESS_LOCKS.setdefault(session_id, threading.Lock())
    taken = lock.acquire(blocking=False)
    try:
        yield taken
    finally:
        if taken:
            lock.release()


def course_of(training: TrainingSession) -> Course | None:
    """Return the course a session teaches, from the app's repository."""
    return current().courses.get(training.course_id)
