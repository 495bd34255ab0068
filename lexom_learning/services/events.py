"""The completion log: record an event, export a session's events as xAPI statements."""

from typing import Any

from sqlalchemy import select

from ..completion.xapi import LogLine, statement
from ..extensions import db
from ..modules import Course
from ..storage import CompletionEvent, TrainingSession, User
from .context import current


def record(
    session_id: int,
    participant_id: int | None,
    actor: str,
    verb: str,
    object_id: str,
    content_version: str,
    result: dict[str, Any] | None = None,
    session=None,
) -> CompletionEvent:
    """Add one line to the append-only completion log, inside the calling use case's unit of
    work (``session`` defaults to the app's)."""
    event = CompletionEvent(
        session_id=session_id,
        participant_id=participant_id,
        actor=actor,
        verb=verb,
        object_id=object_id,
        result=result,
        content_version=content_version,
    )
    (db.session if session is None else session).add(event)
    return event


def session_events(session_id: int) -> list[CompletionEvent]:
    """Return a session's completion events, oldest first."""
    return list(
        db.session.scalars(
            select(CompletionEvent)
            .where(CompletionEvent.session_id == session_id)
            .order_by(CompletionEvent.created_at, CompletionEvent.id)
        )
    )


def _names(training: TrainingSession, events: list[CompletionEvent]) -> dict[str, str]:
    # Learners appear by their account id only (xAPI.statement never names them).
    names: dict[str, str] = {}
    user_ids = {int(e.actor.split(":")[1]) for e in events if e.actor.startswith("user:")}
    if user_ids:
        for user in db.session.scalars(select(User).where(User.id.in_(user_ids))):
            names[user.get_id()] = user.name
    names["system"] = current().settings.organisation.name
    return names


def xapi_statements(training: TrainingSession, course: Course, base_url: str) -> list[dict]:
    """Return every completion event of a session as an xAPI statement."""
    events = session_events(training.id)
    names = _names(training, events)
    return [
        statement(
            LogLine(
                e.id,
                e.session_id,
                e.participant_id,
                e.actor,
                names.get(e.actor, e.actor),
                e.verb,
                e.object_id,
                e.result,
                e.content_version,
                e.created_at,
            ),
            base_url,
            course.id,
            course.title,
        )
        for e in events
    ]
