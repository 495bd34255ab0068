"""The blocks' own words, through the runtime's i18n service, French unless told otherwise.

Source strings are French. A block asks the runtime's ``i18n`` service first (an LMS that has
loaded this package's ``text`` catalogue answers there); what the service leaves as it is comes
from our catalogue, ``lexom_learning/translations/<locale>/LC_MESSAGES/text.mo``, in the language
the service reports (``get_language()``), French when it reports none or one we lack.

Catalogues, from the project folder (``T=lexom_learning/translations``)::

    pybabel extract -F lexom_learning/xblocks/babel.cfg -k N_ -o text.pot lexom_learning
    pybabel update -D text -i text.pot -d $T && pybabel compile -D text -d $T

tests/xblocks/test_i18n.py checks that every string is in both catalogues (translated in English)
and that each ``.mo`` matches its ``.po``.
"""

import gettext
from functools import lru_cache
from pathlib import Path
from typing import Any

DOMAIN = "text"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translated where shown)."""
    return message


def language_of(service: Any) -> str:
    """Return the language the i18n service works in (``fr`` or ``en``), French by default."""
    get_language = getattr(service, "get_language", None)
    code = get_language() if callable(get_language) else None
    base = str(code or "").replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(language: str) -> gettext.NullTranslations:
    """Return our ``text`` catalogue for a language (empty when the file is missing)."""
    return gettext.translation(DOMAIN, TRANSLATIONS, languages=[language], fallback=True)


class Translator:
    """gettext for one rendering: the runtime's service first, then our catalogue."""

    def __init__(self, service: Any):
        self.service = service
        self.language = language_of(service)
        self._catalogue = catalogue(self.language)

    def gettext(self, message: str) -> str:
        """Return the message in the learner's language."""
        translated = _service_call(self.service, "gettext", "ugettext", message)
        return translated if translated != message else self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """Return the singular or plural message for ``count``, in the learner's language."""
        translated = _service_call(self.service, "ngettext", "ungettext", singular, plural, count)
        if translated not in (singular, plural):
            return translated
        return self._catalogue.ngettext(singular, plural, count)


def _service_call(service: Any, name: str, legacy: str, *args: Any) -> str:
    function = getattr(service, name, None) or getattr(service, legacy, None)
    if function is None:  # a service without gettext: treat the message as untranslated
        return args[0] if len(args) == 1 or args[-1] == 1 else args[1]
    return function(*args)
