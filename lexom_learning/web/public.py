"""Absolute addresses for what leaves the app (QR codes, PDFs, e-mails, xAPI, API links).

They always start with the configured public address (``LEXOM_BASE_URL``), never with the Host
header of the request being served: a forged header must not end up in a printed QR code.
"""

from flask import has_request_context, request, url_for

from ..services.context import current


def base_url() -> str:
    """Return the public address of the app (LEXOM_BASE_URL, or the local one in development)."""
    return current().settings.base_url


def public_url(endpoint: str, **values) -> str:
    """Return the absolute public address of an endpoint."""
    path = url_for(endpoint, **values)
    if has_request_context() and request.script_root and path.startswith(request.script_root):
        path = path[len(request.script_root) :]  # the public address names the mount point
    return f"{base_url()}{path}"
