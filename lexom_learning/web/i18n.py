"""French first, English second: locale chosen by ?lang=, then the session, then the browser."""

from flask import Flask, request, session
from flask_babel import Babel

LOCALES = ("fr", "en")
babel = Babel()


def select_locale() -> str:
    """Return the locale for this request."""
    asked = request.args.get("lang")
    if asked in LOCALES:
        session["lang"] = asked
        return asked
    if session.get("lang") in LOCALES:
        return session["lang"]
    return request.accept_languages.best_match(LOCALES, default="fr")


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with the package's translations."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "fr")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
