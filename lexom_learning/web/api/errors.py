"""Every API error is ``{"error": {"code", "message"}}`` with a 4xx status."""

from flask import jsonify
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from ...services.errors import ServiceError, gettext
from ...translatable import N_
from . import bp

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "server_error",
}
MESSAGES = {
    400: N_("Requête incorrecte."),
    401: N_("Authentification requise (Authorization: Bearer ...)."),
    403: N_("Accès refusé."),
    404: N_("Ressource introuvable."),
    405: N_("Méthode non permise."),
    409: N_("Conflit avec l'état actuel."),
    410: N_("Ressource expirée."),
    413: N_("Requête trop volumineuse."),
    415: N_("Envoyez du JSON (Content-Type: application/json)."),
    422: N_("Données invalides."),
    429: N_("Trop de requêtes."),
    500: N_("Erreur interne."),
}


def json_error(status: int, message: str | None = None, code: str | None = None, **extra):
    """Return the JSON error response for ``status``."""
    body = {
        "code": code or CODES.get(status, "error"),
        "message": message or (gettext(MESSAGES[status]) if status in MESSAGES else ""),
    }
    body.update(extra)
    response = jsonify({"error": body})
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="lexom"'
    return response, status


@bp.errorhandler(ServiceError)
def service_error(error: ServiceError):
    """Map a domain error to its status, with the field when there is one."""
    extra = {"field": error.field} if error.field else {}
    details = getattr(error, "errors", None) or getattr(error, "problems", None)
    if details:
        extra["details"] = details if isinstance(details, dict) else [str(p) for p in details]
    pending = getattr(error, "pending", None)
    if pending:
        extra["pending"] = pending
    return json_error(error.status, error.message, error.code, **extra)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Answer HTTP errors raised inside the API as JSON."""
    custom = error.description and error.description != type(error).description
    message = error.description if custom else None
    response, status = json_error(error.code or 500, message)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response, status
