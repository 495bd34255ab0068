"""A phone's polls and answers served before Flask, by the services the API views call.

In a live quiz, every phone polls ``GET /api/v1/live-quizzes/<id>`` (every 0.8 s) with the
ETag of what it shows, and sends ``PUT /api/v1/live-quizzes/<id>/answers/<question id>`` with
its bearer token. This WSGI layer serves those two requests with the same service functions
as the API views (``live_lookup.phone_lookup_on``, ``live_phone.participant_state``,
``live_answers.submit_answer``) on a bare connection, without the framework's per-request work
(bench/live_quiz.py measures the difference), and builds the same responses (tests/live/
test_shortcut.py compares them).

It only ever gives the answers of success (304, 200). Anything else goes to Flask untouched,
the body put back: no token or one that does not check, a staff caller, another session's run,
a malformed body, an answer the service refuses (404, 409, 422). So every rule and every error
message stays in one place, the views; a refused answer costs its checks twice.

Each worker remembers the phones whose token it has checked for a run (by their polls): their
answers then take one statement (``live_answers.store_first_time``), which checks again what
can change (the question still open, the link not revoked).
"""

import io
import re
import threading
from contextlib import nullcontext

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_etags, parse_options_header
from werkzeug.wrappers import Response

from ...extensions import db
from ...services.errors import ServiceError
from ...services.idempotency import checked_key
from ...services.live_answers import store_first_time, submit_answer
from ...services.live_lookup import PhoneView, phone_lookup_on
from ...services.live_phone import participant_etag, participant_state
from ..api.body import MAX_BODY, read_body
from ..api.models_live import LiveAnswerPut
from ..headers import shortcut_headers
from .http import receipt_data, tagged

POLL = re.compile(r"/api/v1/live-quizzes/([0-9]{1,9})")
ANSWER = re.compile(r"/api/v1/live-quizzes/([0-9]{1,9})/answers/([^/]{1,200})")
CHECKED_MAX = 20_000  # phones remembered per worker: a few rooms' worth


class PhoneShortcut:
    """WSGI middleware: serve a participant's poll or answer when it succeeds, else pass it on."""

    def __init__(self, app: Flask):
        self.app = app
        self.wsgi_app = app.wsgi_app
        self.engine = None  # bound on first use, inside the worker process
        self.checked: dict[tuple[str, int], PhoneView] = {}  # (token, run id): what it read
        self.writing = nullcontext()  # see _engine

    def __call__(self, environ, start_response):
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", "")
        token = _bearer(environ)
        response = None
        if token is not None and method == "GET" and (poll := POLL.fullmatch(path)):
            response = self.poll(environ, token, int(poll.group(1)))
        elif token is not None and method == "PUT" and (answer := ANSWER.fullmatch(path)):
            response = self.answer(environ, token, int(answer.group(1)), answer.group(2))
        if response is None:
            return self.wsgi_app(environ, start_response)
        secure = environ.get("wsgi.url_scheme") == "https" or (
            environ.get("HTTP_X_FORWARDED_PROTO") == "https"
        )
        response.headers.update(shortcut_headers(self.app, secure))
        return response(environ, start_response)

    def poll(self, environ, token: str, run_id: int) -> Response | None:
        """Return the phone's 304 or its new state (as ``api.live.get_live_quiz``), or None."""
        with self._engine().connect() as connection:
            view = self._lookup(connection, token, run_id)
            if view is None:
                return None
            me = view.caller.participant_id
            etag = participant_etag(view.run, me, view.marker)
            held = environ.get("HTTP_IF_NONE_MATCH")
            if held and parse_etags(held).contains_weak(etag):
                return tagged(Response(status=304), etag)
            course = self._course(view)
            if course is None:
                return None
            body = participant_state(view.run, me, course, connection)
        return tagged(self.app.json.response(body), etag)

    def answer(self, environ, token: str, run_id: int, question_id: str) -> Response | None:
        """Return the receipt of an answer stored (as ``api.live.put_live_answer``), or None."""
        raw = _read(environ)
        if raw is None:
            return None
        checked = self.answer_checked(environ, token, run_id, question_id, raw)
        if checked is not None:
            return checked
        with self._engine().connect() as connection:
            view = self._lookup(connection, token, run_id)
            course = self._course(view) if view is not None else None
            if course is None:
                return None
            mimetype = parse_options_header(environ.get("CONTENT_TYPE", ""))[0]
            try:
                body = read_body(raw, mimetype, LiveAnswerPut)
                me = view.caller.participant_id
                with self.writing:
                    receipt = submit_answer(
                        view.run,
                        me,
                        course,
                        question_id,
                        body["response"],
                        connection,
                        body.get("request_id"),
                    )
            except (ServiceError, HTTPException, SQLAlchemyError):  # the view says what went wrong
                return None
        return self._receipt(receipt)

    def answer_checked(self, environ, token, run_id, question_id, raw) -> Response | None:
        """Store the answer of a phone checked earlier in one statement, or return None."""
        view = self.checked.get((token, run_id))
        course = self._course(view) if view is not None else None
        if course is None:
            return None
        mimetype = parse_options_header(environ.get("CONTENT_TYPE", ""))[0]
        link_id = int(token.partition(".")[0])
        with self._engine().connect() as connection:
            try:
                body = read_body(raw, mimetype, LiveAnswerPut)
                me = view.caller.participant_id
                with self.writing:
                    receipt = store_first_time(
                        view.run,
                        me,
                        link_id,
                        course,
                        question_id,
                        body["response"],
                        connection,
                        checked_key(body.get("request_id"), "request_id"),
                    )
            except (ServiceError, HTTPException, SQLAlchemyError):
                return None
        return None if receipt is None else self._receipt(receipt)

    def _receipt(self, receipt) -> Response:
        response = self.app.json.response(receipt_data(receipt))
        # As on every response Flask gives here (Flask-Login looks at the session after each).
        response.vary.add("Cookie")
        return response

    def _lookup(self, connection, token: str, run_id: int) -> PhoneView | None:
        view = phone_lookup_on(connection, token, run_id, self.app.config["SECRET_KEY"])
        if view is None or view.run is None:
            return None
        if len(self.checked) >= CHECKED_MAX:
            self.checked.clear()
        self.checked[(token, run_id)] = view
        return view

    def _course(self, view: PhoneView):
        return self.app.extensions["lexom_courses"].get(view.caller.course_id)

    def _engine(self):
        if self.engine is None:
            with self.app.app_context():
                self.engine = db.engine
            # SQLite takes one writer at a time, and a writer that finds the file locked sleeps
            # a millisecond or more before trying again: the worker's own threads queue here
            # instead, and each is woken as soon as the one before has committed.
            if self.engine.dialect.name == "sqlite":
                self.writing = threading.Lock()
        return self.engine


def _bearer(environ) -> str | None:
    scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and "." in token else None


def _read(environ) -> bytes | None:
    """Read the request body and put it back for Flask; None when it is too large or unsized."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None
    if not 0 <= length <= MAX_BODY:
        return None
    raw = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(raw)
    return raw


def install(app: Flask) -> None:
    """Put the shortcut in front of the app's WSGI callable."""
    app.wsgi_app = PhoneShortcut(app)
