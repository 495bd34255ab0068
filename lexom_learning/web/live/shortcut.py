"""A phone's unchanged poll answered before Flask: one query, then the same 304 as the view.

Phones poll ``GET /api/v1/live-quizzes/<id>`` every second with the ETag of what they show,
and most polls find nothing new. The API view answers those with a 304; this WSGI layer gives
the very same answer (ETag, Cache-Control, Vary) without the framework's per-request work
(bench/live_quiz.py measures the difference). Everything else (no ETag, a staff caller, a
token that does not check, a state that moved, any other route) goes to Flask untouched, so
the rules stay in one place: the view.
"""

import re

from flask import Flask
from werkzeug.http import parse_etags

from ...extensions import db
from ...services.live_lookup import phone_lookup_on
from ...services.live_phone import participant_etag
from .http import POLL_HEADERS

POLL = re.compile(r"/api/v1/live-quizzes/([0-9]{1,9})")


class PhonePollShortcut:
    """WSGI middleware: answer 304 to a participant's poll whose ETag still holds."""

    def __init__(self, app: Flask):
        self.app = app
        self.wsgi_app = app.wsgi_app
        self.engine = None  # bound on first use, inside the worker process

    def __call__(self, environ, start_response):
        etag = self.unchanged(environ)
        if etag is None:
            return self.wsgi_app(environ, start_response)
        start_response("304 NOT MODIFIED", [("ETag", f'"{etag}"'), *POLL_HEADERS])
        return []

    def unchanged(self, environ) -> str | None:
        """Return the ETag when the request is a phone's poll that it still holds, else None."""
        held = environ.get("HTTP_IF_NONE_MATCH")
        match = POLL.fullmatch(environ.get("PATH_INFO", ""))
        if not held or match is None or environ.get("REQUEST_METHOD") != "GET":
            return None
        scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        with self._engine().connect() as connection:
            view = phone_lookup_on(
                connection, token.strip(), int(match.group(1)), self.app.config["SECRET_KEY"]
            )
        if view is None or view.run is None:
            return None
        etag = participant_etag(view.run, view.caller.participant_id, view.marker)
        return etag if parse_etags(held).contains_weak(etag) else None

    def _engine(self):
        if self.engine is None:
            with self.app.app_context():
                self.engine = db.engine
        return self.engine


def install(app: Flask) -> None:
    """Put the shortcut in front of the app's WSGI callable."""
    app.wsgi_app = PhonePollShortcut(app)
