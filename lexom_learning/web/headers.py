"""Security headers on every response and the session cookie's flags (flask-talisman).

Every page and API answer says: no inline script (Content-Security-Policy; the pages' scripts
are static files), never framed (``frame-ancestors 'none'``: the XBlocks are served by Open
edX, not by this app), no Referer sent anywhere (personal links carry their token in the URL),
no content sniffing; and, when the app is public over https (``LEXOM_BASE_URL``), HSTS and a
``Secure`` session cookie. The live shortcut answers before Flask: it copies the same headers
(``shortcut_headers``), so a phone's answer carries exactly what the view's would.
"""

from flask import Flask
from flask_talisman import Talisman
from werkzeug.wrappers import Response

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    # Progress bars are sized by style attributes; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HSTS_MAX_AGE = 365 * 24 * 3600


def is_https(app: Flask) -> bool:
    """Say whether the app is served over https (``LEXOM_BASE_URL``)."""
    return str(app.config.get("LEXOM_BASE_URL") or "").lower().startswith("https://")


def init_app(app: Flask) -> None:
    """Put the headers on every response and set the cookie flags."""
    https = is_https(app)
    talisman = Talisman()
    talisman.init_app(
        app,
        force_https=False,  # the reverse proxy redirects; the app may run behind plain http
        frame_options="DENY",
        content_security_policy=CSP,
        referrer_policy="no-referrer",
        strict_transport_security=True,
        strict_transport_security_max_age=HSTS_MAX_AGE,
        session_cookie_secure=https,
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        x_xss_protection=False,
    )
    app.extensions["lexom_talisman"] = talisman
    app.config.update(
        SESSION_COOKIE_SECURE=https,
        REMEMBER_COOKIE_SECURE=https,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
    )
    if https:
        app.after_request(_hsts)


def _hsts(response):
    """Under an https address, HSTS even when the proxy does not say the request was https."""
    response.headers.setdefault(
        "Strict-Transport-Security", f"max-age={HSTS_MAX_AGE}; includeSubDomains"
    )
    return response


def shortcut_headers(app: Flask, secure: bool) -> dict[str, str]:
    """Return the headers Flask adds to an API answer (computed once per scheme)."""
    cache = app.extensions.setdefault("lexom_shortcut_headers", {})
    if secure not in cache:
        scheme = "https" if secure else "http"
        with app.test_request_context("/api/v1/", base_url=f"{scheme}://shortcut.invalid"):
            response = app.extensions["lexom_talisman"]._set_response_headers(Response())
            if is_https(app):
                response = _hsts(response)
        cache[secure] = {
            k: v for k, v in response.headers.items() if k.lower() not in ("content-type",)
        }
    return cache[secure]
