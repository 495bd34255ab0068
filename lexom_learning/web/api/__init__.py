"""The JSON API under /api/v1 (DESIGN.md section 8), described by /api/v1/openapi.json."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import errors  # noqa: E402, F401  (registers the error handlers on bp)
