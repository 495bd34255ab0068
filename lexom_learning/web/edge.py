"""Text checked once at the edge: every request's query, path and form values.

JSON bodies are checked by api/body.py and their pydantic models (api/fields.py), CSV files by
services/sessions.py, both with the same rules (``lexom_learning.input_rules``). This hook
covers what every page and API route reads without a schema: query parameters, path
segments, and form fields (WTForms forms and the ``request.form`` of quiz, evaluation and
role-play pages alike). A form value may hold several lines; a query or path value may not.
A refused value gives 422 naming the field: the JSON error under /api/, a page elsewhere.
"""

from flask import Flask, render_template, request
from werkzeug.datastructures import MultiDict

from ..input_rules import bad_character, describe
from ..services.errors import translated


def init_app(app: Flask) -> None:
    """Check every request's text before any view reads it."""
    app.before_request(refuse_bad_text)


def first_bad_field() -> tuple[str, str] | None:
    """Return ``(field, character)`` for the first refused value of the request, or None."""
    sources: list[tuple[MultiDict | dict, bool]] = [
        (request.view_args or {}, False),
        (request.args, False),
    ]
    # The API reads JSON only (api/body.py checks it); its views refuse a form with a 415.
    form = request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data")
    if form and request.method != "GET" and not request.path.startswith("/api/"):
        sources.append((request.form, True))
        sources.append(({k: f.filename or "" for k, f in request.files.items()}, False))
    for values, multiline in sources:
        items = values.items(multi=True) if isinstance(values, MultiDict) else values.items()
        for key, value in items:
            for text, lines in ((key, False), (value, multiline)):
                if isinstance(text, str) and (char := bad_character(text, lines)) is not None:
                    return _printable(key), describe(char)
    return None


def refuse_bad_text():
    """Answer 422 when a query, path or form value holds a refused character."""
    found = first_bad_field()
    if found is None:
        return None
    field, char = found
    message = translated(
        "Le champ « %(field)s » contient un caractère non permis (%(char)s).",
        field=field,
        char=char,
    )
    if request.path.startswith("/api/"):
        from .api.errors import json_error

        return json_error(422, message, "invalid", field=field)
    return render_template("error.html", code=422, detail=message), 422


def _printable(name: str) -> str:
    return "".join(c if bad_character(c) is None else "?" for c in name)
