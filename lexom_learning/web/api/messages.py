"""What a pydantic validation error says to the caller: the field, and what is wrong, in French.

The templates are French sources (``N_``) translated per request by ``ServiceError.message``;
a word put into one (``un objet``) is a :class:`Word`, translated with it, when the error is
answered: the phone shortcut builds refusals before any request (and language) exists.
"""

from typing import Any

from pydantic import ValidationError

from ...services.errors import Invalid, gettext
from ...translatable import N_

TYPE_WORDS = {
    "dict": N_("un objet"),
    "model": N_("un objet"),
    "list": N_("une liste"),
    "string": N_("un texte"),
    "bool": N_("true ou false"),
    "int": N_("un entier"),
    "float": N_("un nombre"),
}
UNEXPECTED = N_("« %(path)s » : valeur inattendue.")
DATE_EXPECTED = N_("« %(path)s » : date attendue (AAAA-MM-JJ).")
DATE_ERRORS = ("date_format", "date_parsing", "date_type", "date_from_datetime_parsing")
# pydantic error type -> French template; %(path)s is the field's dotted path.
TEMPLATES = {
    "missing": N_("Champ obligatoire manquant : « %(name)s »."),
    "extra_forbidden": N_("Champ inconnu : « %(name)s »."),
    "string_too_short": N_("« %(path)s » est obligatoire."),
    "string_too_long": N_("« %(path)s » : %(limit)s caractères au plus."),
    "too_long": N_("« %(path)s » : %(limit)s éléments au plus."),
    "greater_than_equal": N_("« %(path)s » doit valoir au moins %(limit)s."),
    "less_than_equal": N_("« %(path)s » doit valoir au plus %(limit)s."),
    "date_range": N_("« %(path)s » : date hors de la période permise (%(first)s – %(last)s)."),
    "bad_character": N_("« %(path)s » contient un caractère non permis (%(char)s)."),
    **dict.fromkeys(("literal_error", "enum", "string_pattern_mismatch"), UNEXPECTED),
    **dict.fromkeys(DATE_ERRORS, DATE_EXPECTED),
}
TOO_MANY_KEYS = N_("« %(path)s » : %(limit)s clés au plus.")
WRONG_TYPE = N_("« %(path)s » doit être %(expected)s.")
WRONG_BODY = N_("Le corps doit être %(expected)s.")
FALLBACK = N_("« %(path)s » : valeur invalide.")


class Word:
    """A French word filled into a message, put into the reader's language when the message is
    (``str()`` at that moment), not when the error is built."""

    __slots__ = ("source",)

    def __init__(self, source: str):
        self.source = source

    def __str__(self) -> str:
        return gettext(self.source)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Word) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


def invalid_from[E: Invalid](error: ValidationError, kind: type[E]) -> E:
    """Return the 422 error naming the first field pydantic refused and what is wrong with it."""
    first = error.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"] if not _is_branch(part)]
    path = ".".join(loc)
    kind_name = first["type"]
    context: dict[str, Any] = dict(first.get("ctx") or {})
    params = {"path": path, "name": loc[-1] if loc else ""}
    if "max_length" in context or "le" in context:
        params["limit"] = context.get("max_length", context.get("le"))
    if "ge" in context:
        params["limit"] = context["ge"]
    params.update({k: str(v) for k, v in context.items() if k in ("char", "first", "last")})
    word = _type_word(kind_name)
    if word is not None:
        word = Word(word)
        if not path:
            return kind(WRONG_BODY, None, expected=word)
        return kind(WRONG_TYPE, path, path=path, expected=word)
    template = TEMPLATES.get(kind_name, FALLBACK)
    if kind_name == "too_long" and context.get("field_type") == "Dictionary":
        template = TOO_MANY_KEYS
    return kind(template, path or None, **params)


def _is_branch(part: Any) -> bool:
    """Say whether a loc part names a union branch or a validator, not a field."""
    return isinstance(part, str) and ("[" in part or part in {"function-after", "str", "int"})


def _type_word(kind_name: str) -> Any:
    if kind_name.endswith("_type") and kind_name != "date_type":
        return TYPE_WORDS.get(kind_name.removesuffix("_type"))
    if kind_name in ("int_from_float", "int_parsing"):
        return TYPE_WORDS["int"]
    if kind_name == "model_attributes_type":
        return TYPE_WORDS["dict"]
    return None
