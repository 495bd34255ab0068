"""French first, English second: locale chosen by ?lang=, then the session, then the browser.

Source strings are French; ``translations/en/LC_MESSAGES/messages.po`` holds the English
(``make messages`` re-extracts, updates and compiles it). In templates, ``_()`` returns plain
text that is escaped like any other value, while ``{% trans %}`` blocks are template text.
"""

from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, has_request_context, request, session, url_for
from flask_babel import Babel, get_locale, get_translations

LOCALES = ("fr", "en")
SOURCE_LOCALE = "fr"
TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"
babel = Babel()


def select_locale() -> str:
    """Return the locale for this request (French outside a request: CLI, background jobs)."""
    if not has_request_context():
        return SOURCE_LOCALE
    asked = request.args.get("lang")
    if asked in LOCALES:
        session["lang"] = asked
        return asked
    if session.get("lang") in LOCALES:
        return session["lang"]
    return request.accept_languages.best_match(LOCALES, default=SOURCE_LOCALE)


def current_locale() -> str:
    """Return the language code of this request (``fr`` outside a request)."""
    return str(get_locale() or SOURCE_LOCALE)


def text(message: str, **variables) -> str:
    """Return ``message`` in the current language, formatted with ``variables`` if any."""
    translated = get_translations().ugettext(message)
    return translated % variables if variables else translated


def _choose(singular: str, plural: str, num: int) -> str:
    # The source is French, where 0 and 1 take the singular (NullTranslations would say 0
    # apples); a translated message follows its catalogue's rule.
    if current_locale() == SOURCE_LOCALE:
        return singular if num <= 1 else plural
    return get_translations().ungettext(singular, plural, num)


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """Return the form of the message for ``num``, formatted with ``variables`` and ``num``."""
    variables.setdefault("num", num)
    return _choose(singular, plural, num) % variables


def language_links() -> list[tuple[str, str, bool]]:
    """Return (code, URL of this page in that language, is current) for the header switch."""
    here = current_locale()
    links = []
    for code in LOCALES:
        if request.method == "GET":
            args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
            url = f"{request.path}?{urlencode([*args, ('lang', code)])}"
        else:  # a page rendered after a POST has no address of its own to reload
            url = url_for("catalogue.index", lang=code)
        links.append((code, url, code == here))
    return links


def clear_session() -> None:
    """Empty the session (signing in or out) but keep the visitor's language."""
    lang = session.get("lang")
    session.clear()
    if lang in LOCALES:
        session["lang"] = lang


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with the package's translations and the templates' helpers."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", SOURCE_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: get_translations().ugettext(s),
        ngettext=_choose,
        newstyle=True,
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(
        _=text, current_locale=current_locale, language_links=language_links
    )
