"""What the live views share: conditional answers (polled every 0.8 s, mostly a cheap 304) and
the receipt of an answer."""

from collections.abc import Callable
from typing import Any

from flask import Response, make_response, request

from ...services.live import Receipt
from ..i18n import current_locale
from ..request_rules import etag_matches

# How often the live pages poll. A question must show on every phone within a second of
# opening: a poll period under a second, plus the request, keeps the slowest phone in time
# (bench/live_quiz.py polls at this period too). Shorter costs more polls per second.
POLL_PERIOD_MS = 800
# Each caller sees their own view, and must revalidate on every poll.
CACHE_CONTROL, VARY = "private, no-cache", ("Authorization", "Cookie")


def conditional(etag: str, build: Callable[[], Response | str | dict]) -> Response:
    """Answer 304 when the client holds ``etag`` already, else build the response and tag it.

    ``etag`` is the opaque value without quotes; views include whatever the body depends on.
    """
    if etag_matches(request.headers.get("If-None-Match"), etag):
        return tagged(Response(status=304), etag)
    return tagged(make_response(build()), etag)


def tagged(response: Response, etag: str) -> Response:
    """Give a polled response its ETag and the caching headers every poll carries."""
    response.set_etag(etag)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.update(VARY)
    return response


def page_etag(etag: str) -> str:
    """Return the ETag of an HTML page or panel: the state's, and the visitor's language."""
    return f"{etag}-{current_locale()}"


def receipt_data(receipt: Receipt) -> dict[str, Any]:
    """Return what a participant learns from a submission: it is kept, never if it is right."""
    return {
        "live_quiz_id": receipt.run_id,
        "question_id": receipt.question_id,
        "stored": True,
        "changes": receipt.changes,
        "repeated": receipt.repeated,
    }
