"""Compare rendered French text with authored strings: typographic spaces and apostrophes folded.

Pages and PDFs are typeset (``lexom_learning.typography.french``), in tests as for users: a
no-break or narrow no-break space where the author typed a space, ’ where they typed '.
``plain`` folds those back so a test can look for the authored string. The test client's
responses (tests/conftest.py) fold their text the same way (``response.text`` and
``get_data(as_text=True)``); ``response.exact_text`` is the page as sent, for the tests of the
typography itself.
"""

from functools import cache

from flask.testing import FlaskClient

FOLD = str.maketrans({"\u202f": " ", "\u00a0": " ", "’": "'"})
# The same characters as HTML writes them: nh3 writes U+00A0 as &nbsp;, Jinja escapes quotes,
# and a text node that typesetting changed is escaped again without them.
ENTITIES = {"&nbsp;": " ", "&#39;": "'", "&#x27;": "'", "&#34;": '"', "&quot;": '"'}


def plain(text: str) -> str:
    """Return ``text`` with no-break spaces as spaces, ’ as ', and quotes unescaped."""
    for entity, char in ENTITIES.items():
        text = text.replace(entity, char)
    return text.translate(FOLD)


class _FoldedText:
    """A test response whose text is folded by ``plain`` (``exact_text``: as sent)."""

    def get_data(self, as_text: bool = False):
        """Return the body: bytes as sent, or text folded by ``plain``."""
        data = super().get_data(as_text)
        return plain(data) if as_text else data

    @property
    def exact_text(self) -> str:
        """Return the body's text exactly as sent (typographic characters kept)."""
        return super().get_data(as_text=True)


@cache
def folded(response_class: type) -> type:
    """Return ``response_class`` with its text folded by ``plain``."""
    return type(f"Folded{response_class.__name__}", (_FoldedText, response_class), {})


class FoldingClient(FlaskClient):
    """A Flask test client whose responses fold their text by ``plain`` (``exact_text`` kept)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.response_wrapper = folded(self.response_wrapper)
