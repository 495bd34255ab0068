"""What the services need from the process they run in, passed in explicitly.

A :class:`ServiceContext` holds the SQLAlchemy session, the course repository, the settings, the
clock and the translator. :func:`build` is the one way to make one: the web app builds it from
itself (``web.content.service_context``), a CLI command or a job worker without any Flask app
(:func:`plain`). Both read the same configuration (``web.config.load_config``), so both issue
the same documents. No service imports Flask: a service called without a context asks
:func:`current`, which calls what the running process installed (:func:`install`).
"""

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from babel.support import NullTranslations, Translations
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..modules import Course

# The address used when LEXOM_BASE_URL is not set: only `lexom serve --dev`, the tests and
# local commands run so (`lexom serve` refuses to start without it).
DEV_BASE_URL = "http://127.0.0.1:5000"
SOURCE_LOCALE = "fr"  # source strings are French
TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"

Translator = Callable[[str], str]


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
    """The settings the services depend on (``config`` keeps the whole mapping for the readers
    of their own section: retention periods, SMTP)."""

    base_url: str
    signatory: str | None = None
    organisation: Any = None  # organisation.Organisation: who issues the documents
    secret_key: str = ""
    instance_path: str = "instance"
    config: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], instance_path: str = "") -> "Settings":
        """Return the settings of an app configuration (``web.config.load_config``)."""
        base = normalise_base_url(config.get("LEXOM_BASE_URL")) or DEV_BASE_URL
        return cls(
            base,
            config.get("LEXOM_ATTESTATION_SIGNATORY") or None,
            config.get("LEXOM_ORGANISATION"),
            config.get("SECRET_KEY") or "",
            instance_path or config.get("LEXOM_INSTANCE_PATH") or "instance",
            config,
        )

    @property
    def exports_dir(self) -> Path:
        """Return the folder of the prepared exports (ZIP files) in the instance folder."""
        return Path(self.instance_path) / "exports"

    def signatory_for(self, course: Course) -> str:
        """Return who signs the course's documents: the organisation's signatory."""
        if self.signatory:
            return self.signatory
        if self.organisation is not None:
            who = self.organisation.signatory
            return f"{who.name}, {who.capacity}"
        return f"La direction de {course.provider.name}"


def identity(text: str) -> str:
    """Return the French source string unchanged (the translator of tests and French runs)."""
    return text


@dataclass(frozen=True)
class ServiceContext:
    """A database session, the courses, the settings, the clock and the translator."""

    session: Session
    courses: Courses
    settings: Settings
    clock: Callable[[], datetime] = utcnow
    translator: Translator = identity


def build(
    config: Mapping[str, Any],
    session: Session,
    courses: Courses,
    translator: Translator | None = None,
    clock: Callable[[], datetime] = utcnow,
    instance_path: str = "",
) -> ServiceContext:
    """Return the context of a process: the one function the web app, the CLI and jobs use.

    ``translator`` defaults to the catalogue of the configured locale (``LEXOM_LOCALE``).
    """
    if translator is None:
        translator = translator_for(config.get("LEXOM_LOCALE") or SOURCE_LOCALE)
    settings = Settings.from_config(config, instance_path)
    return ServiceContext(session, courses, settings, clock, translator)


def translator_for(locale: str) -> Translator:
    """Return the gettext of a locale's compiled catalogue (French source strings as they are)."""
    if locale == SOURCE_LOCALE:
        return NullTranslations().ugettext
    return Translations.load(str(TRANSLATIONS_DIR), [locale]).ugettext


Reentry = Callable[[], Callable[[], AbstractContextManager]]

# What the running process installed: how to get its context, its translator, and how work
# handed to another thread (or run after the request) opens the process's context again.
_process: dict[str, Any] = {"provider": None, "translator": identity, "reentry": None}


def install(
    provider: Callable[[], ServiceContext], translator: Translator, reentry: Reentry | None = None
) -> None:
    """Tell the services how this process finds its context and translates (create_app does)."""
    _process.update(provider=provider, translator=translator, reentry=reentry)


def reentry() -> Callable[[], AbstractContextManager]:
    """Return what opens this process's context again in a background thread or a streamed
    response (the web app: a new app context of the same app; elsewhere: nothing to open)."""
    found = _process["reentry"]
    return nullcontext if found is None else found()


def current() -> ServiceContext:
    """Return the running process's context (read now: tests may change the config).

    :raises RuntimeError: no process installed one; pass a context explicitly.
    """
    provider = _process["provider"]
    if provider is None:
        raise RuntimeError("No service context: pass one (services.context.build).")
    return provider()


def translate(text: str) -> str:
    """Return a French source string in the running process's language (French by default)."""
    return _process["translator"](text)


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
    from .repository import CourseRepository

    if courses is None:
        courses = CourseRepository([load_course(config["LEXOM_CONTENT_DIR"])])
    engine = create_engine(
        config["SQLALCHEMY_DATABASE_URI"], **config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
    )
    return build(config, Session(engine), courses, clock=clock)
