"""The participant's phone: the current question, one-tap answers, the correction after closing.

The page polls ``/me/live/panel`` every 0.8 s with its ETag and sends answers as JSON with the
CSRF token in a header, read by the API's body rule (``request_rules.read_json_body``: the same
limit, parser and errors); token holders get the same through the API. Each poll is one query
(``live_lookup.phone_by_link``), so a room of phones costs little.
"""

from flask import abort, jsonify, render_template, session
from flask_babel import gettext
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from ...extensions import limiter
from ...services import live, live_phone
from ...services.errors import NotFound, ServiceError
from ...services.live_lookup import PhoneView, phone_by_link
from ..api.errors import http_error, json_error, service_error
from ..api.models_live import LiveAnswerPut
from ..content import course_or_404
from ..request_rules import read_json_body
from ..security import participant_required
from .http import conditional, page_etag, receipt_data
from .views import bp


def signed_in_phone(run_id: int | None = None) -> PhoneView | None:
    """Return the signed-in participant's reading of a run (by default their latest), or None.

    It reads the session cookie as ``web.security.load_user`` does, in one query with the run.
    """
    kind, _, raw = str(session.get("_user_id", "")).partition(":")
    link_id = session.get("link_id")
    if kind != "participant" or not raw.isascii() or not raw.isdigit():
        return None
    if not isinstance(link_id, int) or isinstance(link_id, bool):
        return None
    return phone_by_link(link_id, int(raw), run_id)


def refused():
    """Answer as ``participant_required`` does: 403 for staff, the signed-out page otherwise."""
    if current_user.is_authenticated:
        abort(403)
    return render_template("learner/signed_out.html"), 401


def _etag_and_build(view: PhoneView):
    me = view.caller.participant_id
    if view.run is None:
        return page_etag(f"p{me}-none"), lambda: None
    course = course_or_404(view.caller.course_id)
    etag = page_etag(live_phone.participant_etag(view.run, me, view.marker))
    return etag, lambda: live_phone.participant_state(view.run, me, course)


@bp.get("/me/live")
@participant_required
def phone():
    """The phone page: reloading it recovers the state, the answer and the score."""
    view = signed_in_phone()
    if view is None:
        return refused()
    etag, build = _etag_and_build(view)
    return render_template("live/phone.html", state=build(), etag=etag)


@bp.get("/me/live/panel")
@limiter.exempt  # a room of phones shares one address: an address limit would lock it out
def phone_panel():
    """The phone page's content, polled every 0.8 s (304 while nothing changed)."""
    view = signed_in_phone()
    if view is None:
        return refused()
    etag, build = _etag_and_build(view)
    return conditional(etag, lambda: render_template("live/_phone_panel.html", state=build()))


@bp.put("/me/live/<int:run_id>/answers/<question_id>")
@limiter.exempt
def answer(run_id: int, question_id: str):
    """Keep the caller's answer to the open question (JSON ``{"response": ..., "request_id":
    ...}``: the phone's id of this answer recognises a late resend of an earlier one)."""
    view = signed_in_phone(run_id)
    if view is None:
        if current_user.is_authenticated:
            return json_error(403, gettext("Réservé aux participants."))
        return json_error(401, gettext("Rouvrez votre lien personnel."))
    course = course_or_404(view.caller.course_id)  # gone from the app: the 404 page, as before
    try:
        if view.run is None:
            raise NotFound(gettext("Quiz en salle introuvable."))
        body = read_json_body(LiveAnswerPut)  # the API's body rule: one limit, one parser
        me = view.caller.participant_id
        receipt = live.submit_answer(
            view.run, me, course, question_id, body["response"], request_id=body.get("request_id")
        )
    except ServiceError as error:
        return service_error(error)
    except HTTPException as error:  # the body's 400, 413, 415: JSON as in the API
        return http_error(error)
    return jsonify(receipt_data(receipt))
