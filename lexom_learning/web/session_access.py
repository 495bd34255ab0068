"""Staff pages of one training session: load it from the URL and check who may read or change it.

Every ``/trainer/sessions/<session_id>/…`` page starts alike: the session, 404 when the caller may
not read it (never reveal others' sessions), 403 when they may read but not change it, and often
its course. ``session_view`` does that once, before the view runs.
"""

from functools import wraps

from flask import abort
from flask_login import current_user

from ..extensions import db
from ..services import sessions
from ..services.errors import ServiceError
from .content import course_or_404
from .security import can_manage_session, can_read_session


def visible_or_404(load, key, may_see):
    """Return ``load(key)`` when ``may_see`` it; else 404, the answer an unknown key gets too
    (a caller never learns what others hold)."""
    try:
        found = load(key)
    except ServiceError:
        abort(404)
    if not may_see(found):
        abort(404)
    return found


def readable_session(session_id: int):
    """Return a session the caller may read, else 404 (never reveal others' sessions)."""
    return visible_or_404(
        sessions.get_session, session_id, lambda found: can_read_session(current_user, found)
    )


def managed_session(session_id: int):
    """Return a session the caller may change: 404 if unreadable, 403 if read-only."""
    session = readable_session(session_id)
    if not can_manage_session(current_user, session):
        abort(403)
    return session


def session_view(*, manage: bool = False, with_course: bool = False):
    """Decorate a view of ``session_id``: it receives ``training`` (readable, or managed when
    ``manage``) and, ``with_course``, the session's ``course`` (404 when the course is gone)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, session_id: int, **kwargs):
            training = (managed_session if manage else readable_session)(session_id)
            if with_course:
                kwargs["course"] = course_or_404(training.course_id)
            return view(*args, training=training, **kwargs)

        return wrapper

    return decorator


def owned_row(training, model, row_id: int):
    """Return the ``model`` row of that id that belongs to ``training``, else 404 (an id beyond
    the database's integer range is simply unknown)."""
    row = db.session.get(model, row_id) if row_id < 2**31 else None
    if row is None or row.session_id != training.id:
        abort(404)
    return row
