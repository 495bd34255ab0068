"""Compare rendered French text with authored strings: typographic spaces and apostrophes folded.

Pages and PDFs are typeset (``lexom_learning.typography.french``): a no-break or narrow
no-break space where the author typed a space, ’ where they typed '. ``plain`` folds those
back so a test can look for the authored string; tests of the typography itself compare exact
characters instead.
"""

FOLD = str.maketrans({"\u202f": " ", "\u00a0": " ", "’": "'"})


def plain(text: str) -> str:
    """Return ``text`` with U+202F and U+00A0 as spaces and ’ as '."""
    return text.translate(FOLD)
