"""A private document sent as a download: named, and never kept by a shared cache.

Attestations, attendance sheets, déroulés, registers and evidence folders hold personal data:
every such download answers ``Content-Disposition: attachment`` with its file name and
``Cache-Control: private, no-store``, here once.
"""

import unicodedata
from urllib.parse import quote

from flask import Response


def private_attachment(body, mimetype: str, filename: str) -> Response:
    """Return ``body`` (bytes, or an iterable streamed as it goes) as a private download."""
    response = Response(body, mimetype=mimetype)
    if filename.isascii():
        names = {"filename": filename}
    else:  # as werkzeug's send_file: an ASCII fallback and the RFC 6266 UTF-8 name
        plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
        names = {"filename": plain, "filename*": f"UTF-8''{quote(filename, safe='!#$&+^`|~')}"}
    response.headers.set("Content-Disposition", "attachment", **names)
    response.headers["Cache-Control"] = "private, no-store"
    return response
