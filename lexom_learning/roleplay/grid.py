"""The observation grid: 1 to 4 per criterion, checked, and turned into attainment evidence."""

from collections.abc import Mapping
from typing import Any

from ..attainment import Evidence
from ..modules import RolePlayCase
from ..translatable import Gettext, Message

MIN_LEVEL, MAX_LEVEL = 1, 4
MAX_COMMENT = 2000
LEVELS = {"low": MIN_LEVEL, "high": MAX_LEVEL}


class GridError(ValueError):
    """A grid that cannot be recorded; ``errors`` maps criterion ids (or comment) to messages."""

    def __init__(self, errors: dict[str, Message]):
        super().__init__("; ".join(f"{k} : {v}" for k, v in errors.items()))
        self.errors = errors

    def translate(self, gettext: Gettext) -> dict[str, str]:
        """Return the messages per field in the language of ``gettext``."""
        return {key: message.translate(gettext) for key, message in self.errors.items()}


def check_scores(case: RolePlayCase, scores: Any, comment: Any = "") -> tuple[dict[str, int], str]:
    """Return the scores (every criterion, 1 to 4) and the stripped comment.

    :raises GridError: not a mapping, unknown or missing criterion, a level that is not an
        integer from 1 to 4, a comment that is not text or too long.
    """
    if not isinstance(scores, Mapping):
        raise GridError({"scores": Message("Les notes doivent être un objet {critère: niveau}.")})
    errors: dict[str, Message] = {}
    known = {c.id for c in case.grid}
    for criterion in sorted(set(scores) - known, key=str):
        errors[str(criterion)] = Message("Critère inconnu dans cette grille.")
    checked: dict[str, int] = {}
    for criterion in case.grid:
        value = scores.get(criterion.id)
        if value is None:
            errors[criterion.id] = Message("Choisissez un niveau pour ce critère.")
        elif isinstance(value, bool) or not isinstance(value, int):
            errors[criterion.id] = Message(
                "Le niveau doit être un entier de %(low)s à %(high)s.", LEVELS
            )
        elif not MIN_LEVEL <= value <= MAX_LEVEL:
            errors[criterion.id] = Message(
                "Le niveau doit être compris entre %(low)s et %(high)s.", LEVELS
            )
        else:
            checked[criterion.id] = value
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        errors["comment"] = Message("Le commentaire doit être un texte.")
    elif len(comment.strip()) > MAX_COMMENT:
        errors["comment"] = Message(
            "Commentaire trop long (%(limit)s caractères au plus).", {"limit": MAX_COMMENT}
        )
    if errors:
        raise GridError(errors)
    return checked, comment.strip()


def grid_evidence(objectives: Mapping[str, tuple[str, ...]], scores: Mapping[str, int]):
    """Return one Evidence per scored criterion: the level out of 4 (level 3 = 75 %)."""
    return [
        Evidence(tuple(objectives[c]), float(level), float(MAX_LEVEL), "roleplay")
        for c, level in scores.items()
        if c in objectives
    ]
