"""How a request is read, one way for every entrance: its bearer token, its JSON body, its ETag.

The API views, the phone page (``web/live/phone.py``) and the phone shortcut, which answers
before Flask from the bare WSGI environ (``web/live/shortcut.py``), all call these: a token
has one shape, a body one size limit and one parser (the API's, with its 400/413/415/422
errors), an ``If-None-Match`` one comparison (werkzeug's weak one: lists and ``*`` included).
"""

import io
import re
from typing import TYPE_CHECKING, Any

from flask import abort, request
from werkzeug.http import parse_etags, parse_options_header

if TYPE_CHECKING:
    from pydantic import BaseModel

# Staff tokens are URL-safe base64; participant tokens are "<link id>.<signature>". Anything
# else is refused before a lookup (a non-ASCII digit or a huge link id would crash it).
TOKEN_SHAPE = re.compile(r"(?:[A-Za-z0-9_-]{1,200}|[0-9]{1,9}\.[A-Za-z0-9_-]{1,200})")

__all__ = [
    "TOKEN_SHAPE",
    "body_of",
    "etag_matches",
    "is_participant_token",
    "json_from",
    "parse_bearer_token",
    "read_json_body",
]


def parse_bearer_token(authorization: str | None) -> str | None:
    """Return the token of an ``Authorization: Bearer`` header if it has a token's shape."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not TOKEN_SHAPE.fullmatch(token):
        return None
    return token


def is_participant_token(token: str) -> bool:
    """Say whether a well-formed token is a participant's (theirs hold a dot, staff's never)."""
    return "." in token


def read_json_body(model: type["BaseModel"]) -> dict[str, Any]:
    """Return the current request's JSON object, checked against an API pydantic model.

    :raises HTTPException: 413 beyond ``MAX_BODY``, 415 not JSON, 400 unreadable JSON.
    :raises BodyInvalid: (422) not an object, missing or unknown field, wrong type or length.
    """
    from .api import body  # here: the API package imports this module's token rule

    if body.too_large(request):
        abort(413)
    return body.read_body(request.get_data(cache=True), request.mimetype, model)


def json_from(raw: bytes, content_type: str | None, model: type["BaseModel"]) -> dict[str, Any]:
    """Return a body read from the environ (``body_of``), checked as ``read_json_body`` checks.

    :raises HTTPException: as ``read_json_body``.
    :raises BodyInvalid: as ``read_json_body``.
    """
    from .api import body

    return body.read_body(raw, parse_options_header(content_type or "")[0], model)


def body_of(environ: dict) -> bytes | None:
    """Read a WSGI request's body and put it back for Flask; None when too large or unsized."""
    from .api.body import MAX_BODY

    try:
        length = int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None
    if not 0 <= length <= MAX_BODY:
        return None
    raw = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(raw)
    return raw


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Say whether an ``If-None-Match`` value holds ``etag`` (weak comparison, lists, ``*``).

    ``etag`` is the opaque value without quotes.
    """
    return bool(if_none_match) and parse_etags(if_none_match).contains_weak(etag)
