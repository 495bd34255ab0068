"""API tokens for staff, and the course any signed-in caller may read."""

from flask import jsonify, request

from ...extensions import limiter
from ...services import accounts
from ...services.errors import NotFound
from ..content import courses
from . import bp
from .access import signed_in
from .errors import json_error
from .serializers import course_data
from .validation import json_body


@bp.post("/auth/token")
@limiter.limit("10 per minute")
def token():
    """Exchange a staff member's email and password for a bearer token."""
    body = json_body("TokenRequest")
    user = accounts.authenticate(body["email"], body["password"])
    if user is None:
        return json_error(401, "Adresse e-mail ou mot de passe incorrect.", "invalid_credentials")
    return jsonify({"token": accounts.issue_api_token(user), "role": user.role})


@bp.get("/courses/<course_id>")
def course(course_id: str):
    """Return a course: objectives, modules, units and quizzes, never a correct answer."""
    signed_in()
    found = courses().get(course_id)
    if found is None:
        raise NotFound("Formation introuvable.")
    response = jsonify(course_data(found))
    # The content of a version never changes: clients revalidate instead of downloading again.
    response.set_etag(found.version)
    response.headers["Cache-Control"] = "private, no-cache"
    return response.make_conditional(request)
