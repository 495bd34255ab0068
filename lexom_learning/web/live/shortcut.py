"""A phone's polls and answers served before Flask, by the services the API views call.

In a live quiz, every phone polls ``GET /api/v1/live-quizzes/<id>`` (every 0.8 s) with the
ETag of what it shows, and sends ``PUT /api/v1/live-quizzes/<id>/answers/<question id>`` with
its bearer token. This WSGI layer serves those two requests with the same service functions
as the API views (``live_lookup.phone_lookup_on``, ``live_phone.participant_state``,
``live_answers.submit_answer``) on a bare connection, without the framework's per-request work
(bench/live_quiz.py measures the difference), and builds the same responses (tests/live/
test_shortcut.py compares them). It reads the token, the body and the ETag by the rules every
entrance uses (``web.request_rules``).

It only ever gives the answers of success (304, 200). Anything else goes to Flask, the body
put back, and the logger ``lexom_learning.live.shortcut`` says why: no participant token, a
token that does not check or another session's run, a body too large, a database error. An
answer the service refuses (400, 404, 409, 413, 415, 422) is refused once: the shortcut hands
the refusal to Flask (``REFUSAL`` in the environ), where ``hand_over_refusal`` raises it before
the view, so the API's error handlers answer it without checking the answer again.

Each worker remembers the phones whose token it has checked for a run (by their polls), at most
``CHECKED_MAX`` for ``CHECKED_SECONDS``: their answers then take one statement
(``live_answers.store_first_time``), which checks again what can change (the question still
open, the link not revoked). A later issue may replace polling by server push: removing this
module and its ``install`` call leaves the views answering everything, as they can.
"""

import logging
import re
import threading
from contextlib import nullcontext

from cachetools import TTLCache
from flask import Flask, request
from flask_babel import refresh
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from ...extensions import db
from ...services.errors import ServiceError, gettext
from ...services.idempotency import checked_key
from ...services.live_answers import Judgement, judged_in_run, store_first_time, submit_answer
from ...services.live_lookup import PhoneView, phone_lookup_on
from ...services.live_phone import participant_etag, participant_state
from ..api.models_live import LiveAnswerPut
from ..headers import shortcut_headers
from ..request_rules import (
    body_of,
    etag_matches,
    is_participant_token,
    json_from,
    parse_bearer_token,
)
from .http import receipt_data, tagged

logger = logging.getLogger("lexom_learning.live.shortcut")

POLL = re.compile(r"/api/v1/live-quizzes/([0-9]{1,9})")
ANSWER = re.compile(r"/api/v1/live-quizzes/([0-9]{1,9})/answers/([^/]{1,200})")
CHECKED_MAX = 20_000  # phones remembered per worker: a few rooms' worth
CHECKED_SECONDS = 30 * 60  # longer than a live quiz's question; a later poll checks again
REFUSAL = "lexom_learning.live.refusal"  # environ key: the refusal handed to Flask
Refusal = ServiceError | HTTPException


class PhoneShortcut:
    """WSGI middleware: serve a participant's poll or answer when it succeeds, else pass it on."""

    def __init__(self, app: Flask):
        self.app = app
        self.wsgi_app = app.wsgi_app
        self.engine = None  # bound on first use, inside the worker process
        # (token, run id): what its check read. Bounded in size and age; threads share it.
        self.checked: TTLCache[tuple[str, int], PhoneView] = TTLCache(CHECKED_MAX, CHECKED_SECONDS)
        self.checked_lock = threading.Lock()
        self.writing = nullcontext()  # see _engine

    def __call__(self, environ, start_response):
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", "")
        poll = method == "GET" and POLL.fullmatch(path)
        answer = method == "PUT" and ANSWER.fullmatch(path)
        response = None
        if poll or answer:
            token = parse_bearer_token(environ.get("HTTP_AUTHORIZATION"))
            if token is None or not is_participant_token(token):
                passed_on(environ, "no participant token")
            elif poll:
                response = self.poll(environ, token, int(poll.group(1)))
            else:
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
        try:
            with self._engine().connect() as connection:
                found = self._checked_now(environ, connection, token, run_id)
                if found is None:
                    return None
                view, course = found
                me = view.caller.participant_id
                etag = participant_etag(view.run, me, view.marker)
                if etag_matches(environ.get("HTTP_IF_NONE_MATCH"), etag):
                    return tagged(Response(status=304), etag)
                body = participant_state(view.run, me, course, connection)
        except SQLAlchemyError:
            return database_error(environ)
        return tagged(self.app.json.response(body), etag)

    def answer(self, environ, token: str, run_id: int, question_id: str) -> Response | None:
        """Return the receipt of an answer stored (as ``api.live.put_live_answer``), or None.

        A refusal is handed to Flask in the environ (``REFUSAL``), with the body put back.
        """
        raw = body_of(environ)
        if raw is None:
            return passed_on(environ, "body too large or of unknown length")
        with self._engine().connect() as connection:
            try:
                return self._answer(environ, connection, token, run_id, question_id, raw)
            except (ServiceError, HTTPException) as refusal:
                environ[REFUSAL] = refusal
                return passed_on(environ, "answer refused", refusal)
            except SQLAlchemyError:
                return database_error(environ)

    def _answer(self, environ, connection, token, run_id, question_id, raw) -> Response | None:
        """Store the answer, or return None to pass on; a refusal raises (once, checked here)."""
        unreadable: Refusal | None = None
        try:
            body = json_from(raw, environ.get("CONTENT_TYPE"), LiveAnswerPut)
        except (ServiceError, HTTPException) as error:
            body, unreadable = None, error
        judged: Judgement | None = None  # judged once, here or by submit_answer
        if body is not None:
            receipt, judged = self._store_checked(connection, token, run_id, question_id, body)
            if receipt is not None:
                return self._receipt(receipt)
        # The token is checked in this request before any refusal: the view would check it first.
        found = self._checked_now(environ, connection, token, run_id)
        if found is None:
            return None
        if unreadable is not None:
            raise unreadable
        view, course = found
        with self.writing:
            receipt = submit_answer(
                view.run,
                view.caller.participant_id,
                course,
                question_id,
                body["response"],
                connection,
                body.get("request_id"),
                judged,
            )
        return self._receipt(receipt)

    def _store_checked(self, connection, token, run_id, question_id, body):
        """Store the answer of a phone checked earlier in one statement: return its receipt, or
        None, with the response's judgement when it was made (for ``submit_answer``)."""
        with self.checked_lock:
            view = self.checked.get((token, run_id))
        course = self._course(view) if view is not None else None
        if course is None:
            logger.debug("not checked yet: run %s, link %s", run_id, _link(token))
            return None, None
        try:
            request_id = checked_key(body.get("request_id"), "request_id")
        except ServiceError:
            return None, None  # submit_answer refuses it, with its message
        judged = judged_in_run(view.run, course, question_id, body["response"])
        if judged is None:
            return None, None  # not the run's question: submit_answer says so
        with self.writing:
            receipt = store_first_time(
                view.run,
                view.caller.participant_id,
                int(_link(token)),
                course,
                question_id,
                body["response"],
                connection,
                request_id,
                judged,
            )
        if receipt is None:
            logger.debug("one statement stored nothing: run %s, link %s", run_id, _link(token))
        return receipt, judged

    def _receipt(self, receipt) -> Response:
        response = self.app.json.response(receipt_data(receipt))
        # As on every response Flask gives here (Flask-Login looks at the session after each).
        response.vary.add("Cookie")
        return response

    def _checked_now(self, environ, connection, token: str, run_id: int):
        """Check the token now and return the phone's view of the run and its course, or None
        (logged as passed on): the view then says 401, 404 as it does."""
        view = phone_lookup_on(connection, token, run_id, self.app.config["SECRET_KEY"])
        if view is None or view.run is None:
            return passed_on(environ, "token not valid, or a run of another session")
        course = self._course(view)
        if course is None:
            return passed_on(environ, "course no longer served")
        with self.checked_lock:
            self.checked[(token, run_id)] = view
        return view, course

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


def passed_on(environ, reason: str, refusal: Refusal | None = None) -> None:
    """Log that a request goes on to Flask, and why; return None (nothing served here)."""
    if refusal is None:
        logger.info("passed on: %s %s", reason, _where(environ))
    else:
        status = refusal.code if isinstance(refusal, HTTPException) else refusal.status
        logger.info("passed on: %s (%s %s) %s", reason, status, refusal, _where(environ))
    return None


def database_error(environ) -> None:
    """Log a database error with its traceback (the view tries again, on its own session)."""
    logger.warning("passed on: database error %s", _where(environ), exc_info=True)
    return None


def _where(environ) -> str:
    return f"[{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}]"


def _link(token: str) -> str:
    return token.partition(".")[0]  # the link id: never log the signature


def hand_over_refusal() -> None:
    """Raise before the view the refusal the shortcut met, so it is answered as the view would.

    The API's error handlers answer it (same status, body and headers) in the caller's
    language: a ``ServiceError`` translates its message then; an ``HTTPException`` message
    was written in French outside any request, so it is translated here.
    """
    refusal = request.environ.pop(REFUSAL, None)
    if refusal is None:
        return
    if isinstance(refusal, HTTPException) and refusal.description:
        refresh()  # forget a language chosen outside this request (an app context in tests)
        refusal.description = gettext(refusal.description)
    raise refusal


def install(app: Flask) -> None:
    """Put the shortcut in front of the app's WSGI callable, and its refusals before the views."""
    app.wsgi_app = PhoneShortcut(app)
    app.before_request(hand_over_refusal)
