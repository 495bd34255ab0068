"""The public verification page: valid, superseded or revoked, and a document's hash check."""

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext

from ...services import verification
from ...services.errors import Invalid, NotFound

bp = Blueprint("verify", __name__)
MAX_UPLOAD = 5 * 1024 * 1024


def _answer(number: str, sha256: str | None, error: str | None = None):
    try:
        result = verification.verify(number, sha256)
    except NotFound:
        return render_template("compliance/verify.html", number=number, result=None), 404
    except Invalid as problem:
        result, error = verification.verify(number), problem.message
    response = render_template(
        "compliance/verify.html", number=number, result=result, error=error, sha256=sha256
    )
    return response, 200, {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@bp.get("/verify/<number>")
def verify(number: str):
    """Say whether a number is valid, superseded or revoked; check ``?sha256=`` if given."""
    return _answer(number, request.args.get("sha256") or None)


@bp.post("/verify/<number>")
def verify_upload(number: str):
    """Check an uploaded PDF against the number's stored hash."""
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        return _answer(number, None, gettext("Choisissez le fichier PDF à contrôler."))
    data = upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        abort(413)
    return _answer(number, verification.sha256_of(data))
