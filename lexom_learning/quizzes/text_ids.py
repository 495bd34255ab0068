"""Ids derived from a text, for items whose author ids would give the answer away.

Authors number the items of a question in the order of the answer (``a``, ``b``… in the right
order of an ordering question; the right side of a matching pair under the pair's id). Learners
see such items under an id computed from the text alone: a one-letter prefix, a hyphen and the
first 8 hex digits of the SHA-256 of the text with its spaces collapsed, in Unicode NFC. The id
needs no secret nor randomness, anyone can compute it from what they see, and it stays put when
items are reordered, added or removed; editing a text changes its id. Items are shown sorted by
``sort_key``, so their order says nothing either.
"""

import hashlib
import re
import unicodedata
from functools import lru_cache


def normal(text: str) -> str:
    """Return a text with its spaces collapsed and trimmed, in Unicode NFC (what the id hashes)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@lru_cache(maxsize=8192)
def text_id(prefix: str, text: str) -> str:
    """Return ``<prefix>-`` and the first 8 hex digits of the SHA-256 of the normalised text."""
    return f"{prefix}-" + hashlib.sha256(normal(text).encode()).hexdigest()[:8]


def id_pattern(prefix: str) -> re.Pattern[str]:
    """Return the pattern of the ids ``text_id`` makes with ``prefix`` (to refuse author ids
    that could pass for one)."""
    return re.compile(rf"{re.escape(prefix)}-[0-9a-f]{{8}}")


def sort_key(text: str) -> tuple[str, str, str]:
    """Return the key that sorts texts alphabetically, accents and case aside (« Évolution »
    among the E), then case and accents, then code points, so that the order is total."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.casefold(), text.casefold(), text


def check_author_ids(ids: list[str], what: str, prefix: str) -> None:
    """Refuse twin author ids (``what`` names them: "pair", "item") and author ids of the form
    ``text_id`` makes with ``prefix``, which could pass for a shown id."""
    if len(set(ids)) != len(ids):
        raise ValueError(f"{what} ids must be unique within a question")
    reserved = [i for i in ids if id_pattern(prefix).fullmatch(i)]
    if reserved:
        raise ValueError(
            f"{what} ids of the form {prefix}-<8 hex digits> are reserved: {reserved[0]}"
        )
