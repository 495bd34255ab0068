"""Rate limits that fit a classroom: per account and per address for sign-in, per link for
personal links; the client's address read behind a known number of proxies.

Sign-in limits count failures only, on three keys, so that no one locks out someone else:

- the account from one address (``LOGIN_PER_ACCOUNT_AND_ADDRESS``): guessing one password;
- the address (``LOGIN_PER_ADDRESS``): spraying many accounts; high enough that 40 bad
  passwords leave a colleague behind the same address free to sign in;
- the account from anywhere (``LOGIN_PER_ACCOUNT``): a distributed guess; above what one
  address can reach, so one attacker cannot lock the owner out.

A personal link is limited per link (``LINK_PER_LINK``): a room of learners behind one NAT
shares an address, never a link. Counters live in ``LEXOM_REDIS_URL`` when set (shared by
every worker), else in each worker's memory.
"""

import hashlib
import json

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

from ..extensions import limiter

LOGIN_PER_ACCOUNT_AND_ADDRESS = "10 per 10 minutes"
LOGIN_PER_ADDRESS = "50 per 10 minutes;100 per hour"
LOGIN_PER_ACCOUNT = "200 per hour"
LINK_PER_LINK = "30 per minute"
LINK_PER_ADDRESS = "600 per minute"


def install_proxy_fix(app: Flask) -> None:
    """Trust ``LEXOM_TRUSTED_PROXIES`` proxies' X-Forwarded-For/-Proto/-Host (0: none)."""
    count = int(app.config.get("LEXOM_TRUSTED_PROXIES") or 0)
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def client_address() -> str:
    """Return the client's address (after ProxyFix)."""
    return request.remote_addr or "unknown"


def _account() -> str:
    """Return a digest of the e-mail a sign-in names (form or JSON), normalised."""
    email = request.form.get("email") if request.form else None
    from .api.body import too_large  # here: the API's views import this module

    if email is None and request.is_json and not too_large(request):
        try:
            body = json.loads(request.get_data(cache=True))
        except (ValueError, RecursionError):  # the view answers 400 or 422
            body = None
        email = body.get("email") if isinstance(body, dict) else None
    email = email.strip().lower()[:254] if isinstance(email, str) else ""
    return hashlib.sha256(email.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def account_key() -> str:
    """Key of the per-account limit."""
    return f"account:{_account()}"


def account_and_address_key() -> str:
    """Key of the per-account-and-address limit."""
    return f"account:{_account()}@{client_address()}"


def link_key() -> str:
    """Key of the per-link limit: the token of the path."""
    token = (request.view_args or {}).get("token", "")
    return "link:" + hashlib.sha256(str(token).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _failed_sign_in(response) -> bool:
    """A sign-in failed: the page shown again (not the 302 of success) or a 401."""
    return response.status_code not in (200, 302) or (
        response.status_code == 200 and request.mimetype != "application/json"
    )


def sign_in_limits(view):
    """Limit failed sign-ins per account and address, per address, and per account."""
    for value, key in (
        (LOGIN_PER_ACCOUNT_AND_ADDRESS, account_and_address_key),
        (LOGIN_PER_ADDRESS, client_address),
        (LOGIN_PER_ACCOUNT, account_key),
    ):
        view = limiter.limit(
            value,
            key_func=key,
            methods=["POST"],
            deduct_when=_failed_sign_in,
            scope=f"sign-in:{key.__name__}",
        )(view)
    return view


def link_limits(view):
    """Limit a personal link's openings per link, and (generously) per address."""
    view = limiter.limit(LINK_PER_LINK, key_func=link_key, scope="link")(view)
    return limiter.limit(LINK_PER_ADDRESS, key_func=client_address, scope="link-address")(view)


def storage_uri(env) -> str:
    """Return the limiter's storage: Redis from ``LEXOM_REDIS_URL``, else worker memory."""
    return env.get("LEXOM_REDIS_URL") or env.get("LEXOM_RATELIMIT_STORAGE_URI") or "memory://"


def shared(app: Flask) -> bool:
    """Say whether the limits are shared between workers (not in each one's memory)."""
    return not str(app.config.get("RATELIMIT_STORAGE_URI", "memory://")).startswith("memory")
