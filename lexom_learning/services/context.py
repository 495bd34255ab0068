"""What issuing attestations needs from the process it runs in, passed in explicitly.

A :class:`ServiceContext` holds the SQLAlchemy session, the course repository, the settings and
the clock. The web app builds one from itself (:func:`for_app`, :func:`current`); a CLI command
or a job worker builds one without any Flask app (:func:`plain`). Both read the same
configuration (``web.config.load_config``), so both issue the same documents.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from ..clock import utcnow
from ..modules import Course

# The address used when LEXOM_BASE_URL is not set: only `lexom serve --dev`, the tests and
# local commands run so (`lexom serve` refuses to start without it).
DEV_BASE_URL = "http://127.0.0.1:5000"


class ConfigError(ValueError):
    """A setting has a value the app cannot run with."""


class Courses(Protocol):
    """A course repository: the course of an id, or None."""

    def get(self, course_id: str) -> Course | None:
        """Return the course with that id, or None."""


def normalise_base_url(value: str | None) -> str:
    """Return a public address without its trailing slash ("" when unset).

    :raises ConfigError: not an http(s) address with a host, or with a query or fragment.
    """
    text = (value or "").strip().rstrip("/")
    if not text:
        return ""
    scheme, _, rest = text.partition("://")
    host = rest.split("/", 1)[0]
    if scheme not in ("http", "https") or not host or any(c in text for c in "?#@ "):
        raise ConfigError(f"LEXOM_BASE_URL must be an http(s) address, not {value!r}")
    return text


@dataclass(frozen=True)
class Settings:
    """The settings the documents depend on."""

    base_url: str
    signatory: str | None = None
    organisation: Any = None  # organisation.Organisation: who issues the documents

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "Settings":
        """Return the settings of an app configuration (``web.config.load_config``)."""
        base = normalise_base_url(config.get("LEXOM_BASE_URL")) or DEV_BASE_URL
        return cls(
            base,
            config.get("LEXOM_ATTESTATION_SIGNATORY") or None,
            config.get("LEXOM_ORGANISATION"),
        )

    def signatory_for(self, course: Course) -> str:
        """Return who signs the course's documents: the organisation's signatory."""
        if self.signatory:
            return self.signatory
        if self.organisation is not None:
            who = self.organisation.signatory
            return f"{who.name}, {who.capacity}"
        return f"La direction de {course.provider.name}"


@dataclass(frozen=True)
class ServiceContext:
    """A database session, the courses, the settings and the clock, for one unit of work."""

    session: Session
    courses: Courses
    settings: Settings
    clock: Callable[[], datetime] = utcnow


def for_app(app) -> ServiceContext:
    """Return the context of a Flask app (its scoped session, its courses, its config)."""
    from ..extensions import db

    return ServiceContext(
        db.session, app.extensions["lexom_courses"], Settings.from_config(app.config)
    )


def current() -> ServiceContext:
    """Return the current Flask app's context (the config is read now: tests may change it)."""
    from flask import current_app

    return for_app(current_app)


def plain(
    config: Mapping[str, Any],
    courses: Courses | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> ServiceContext:
    """Return a context that needs no Flask app: a new session on the configured database.

    ``config`` is what ``web.config.load_config`` returns; the courses default to the content
    folder it names. The caller closes ``context.session`` (and may dispose its engine).
    """
    from sqlalchemy import create_engine

    from .. import storage  # noqa: F401  (the models' mappers)
    from ..modules import load_course

    if courses is None:
        from ..web.content import CourseRepository

        courses = CourseRepository([load_course(config["LEXOM_CONTENT_DIR"])])
    engine = create_engine(
        config["SQLALCHEMY_DATABASE_URI"], **config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
    )
    return ServiceContext(Session(engine), courses, Settings.from_config(config), clock)
