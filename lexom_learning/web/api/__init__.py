"""The JSON API under /api/v1, described by /api/v1/openapi.json.

See docs/architecture.md, « Contracts ».
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Imported for their side effect: they register the error handlers and routes on bp.
from . import (  # noqa: E402, F401
    attestations,  # issue 7
    documents,  # issue 17
    errors,
    evaluations,  # issue 6
    live,
    openapi,
    privacy,  # issue 16
    roleplays,  # issue 6
    views_auth,
    views_learner,
    views_sessions,
)
