"""Configuration from a mapping, else from the environment (LEXOM_*)."""

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..organisation import DEMO_FILE, Organisation, load_organisation
from .limits import storage_uri

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
_CHECKOUT_CONTENT = PACKAGE_ROOT.parent / "content" / "mrk-stra-05"
# A wheel ships the course inside the package (setup.cfg maps content/ there).
_PACKAGED_CONTENT = PACKAGE_ROOT / "xblocks" / "course_content" / "mrk-stra-05"
DEFAULT_CONTENT = _CHECKOUT_CONTENT if _CHECKOUT_CONTENT.is_dir() else _PACKAGED_CONTENT
MIGRATIONS_DIR = PACKAGE_ROOT / "migrations"


def load_config(instance_path: str, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return the app configuration: defaults, then the environment, then ``overrides``.

    The organisation's identity comes from ``LEXOM_ORGANISATION_FILE`` (the demo file when
    unset), unless ``overrides`` hands a ready ``LEXOM_ORGANISATION``.

    :raises OrganisationError: the organisation's settings file is missing or invalid.
    """
    env = os.environ
    overrides = dict(overrides or {})
    secret = overrides.get("SECRET_KEY") or env.get("LEXOM_SECRET_KEY")
    database = env.get("LEXOM_DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'lexom.sqlite3'}"
    config: dict[str, Any] = {
        "SECRET_KEY": secret or _instance_secret(instance_path),
        "LEXOM_CONTENT_DIR": env.get("LEXOM_CONTENT_DIR", str(DEFAULT_CONTENT)),
        "SQLALCHEMY_DATABASE_URI": database,
        "LEXOM_BASE_URL": env.get("LEXOM_BASE_URL", ""),
        "LEXOM_ORGANISATION_FILE": env.get("LEXOM_ORGANISATION_FILE", ""),
        "RATELIMIT_STORAGE_URI": storage_uri(env),
        "RATELIMIT_KEY_PREFIX": env.get("LEXOM_RATELIMIT_PREFIX", ""),
        "LEXOM_TRUSTED_PROXIES": int(env.get("LEXOM_TRUSTED_PROXIES") or 0),
        "LEXOM_API_TOKEN_DAYS": int(env.get("LEXOM_API_TOKEN_DAYS") or 30),
        # French typography on the pages (web/typography.py): on everywhere, tests included.
        "LEXOM_TYPOGRAPHY": env.get("LEXOM_TYPOGRAPHY", "1").lower() not in ("0", "false", "off"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }
    config.update(overrides)
    if not isinstance(config.get("LEXOM_ORGANISATION"), Organisation):
        config["LEXOM_ORGANISATION"] = load_organisation(
            config["LEXOM_ORGANISATION_FILE"] or DEMO_FILE
        )
    config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS", engine_options(config["SQLALCHEMY_DATABASE_URI"])
    )
    return config


def engine_options(url: str) -> dict[str, Any]:
    """Return the engine options for a database URL.

    A server connection can drop between two requests (restart, idle timeout): PostgreSQL's are
    checked on checkout. A SQLite file cannot drop, and the check would cost a query on every
    request (a tenth of a worker's time under a room of polling phones, bench/live_quiz.py).
    """
    return {} if url.startswith("sqlite") else {"pool_pre_ping": True}


def _instance_secret(instance_path: str) -> str:
    """Return a secret kept in the instance folder, created on first use (never in the repo)."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
