"""API tokens for staff, and the course any signed-in caller may read."""

from flask import jsonify, request
from flask_babel import gettext

from ...services import accounts
from ...services.errors import NotFound
from ..content import courses
from ..limits import sign_in_limits
from . import bp
from .access import signed_in, staff
from .errors import json_error
from .models_core import Course, Token, TokenRequest
from .serializers import course_data
from .spec import NOT_MODIFIED, operation, validated_body


@bp.post("/auth/token")
@sign_in_limits
@operation("auth", Token, 200, (400, 401, 403, 413, 415, 429), body=TokenRequest, public=True)
def token():
    """Exchange a staff member's email and password for a bearer token."""
    body = validated_body()
    user = accounts.authenticate(body.email, body.password)
    if user is None:
        return json_error(
            401, gettext("Adresse e-mail ou mot de passe incorrect."), "invalid_credentials"
        )
    if user.must_change_password:
        return json_error(
            403,
            gettext("Mot de passe provisoire : changez-le d'abord sur /account/password."),
            "password_change_required",
        )
    token = accounts.issue_api_token(user)
    row = accounts.token_row(token)
    return jsonify({"token": token, "role": user.role, "expires_at": row.expires_at.isoformat()})


@bp.delete("/auth/token")
@operation("auth", "The token is revoked: it no longer authenticates", 204, (401, 403))
def revoke_token():
    """Revoke the staff bearer token the request carries."""
    staff()
    _, _, token = request.headers.get("Authorization", "").partition(" ")
    accounts.revoke_token(token.strip())
    return "", 204


@bp.get("/courses/<course_id>")
@operation("courses", Course, 200, (401, 404), also=(NOT_MODIFIED,))
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
