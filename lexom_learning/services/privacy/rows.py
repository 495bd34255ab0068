"""Finding a person's rows in any table of the registry, and the value rewrites of an erasure."""

import re
from typing import Any

from sqlalchemy import ColumnElement, Table, false, or_, select

from ...extensions import db
from .registry import BY_TABLE, Policy


def table(name: str) -> Table:
    """Return a table of the models by name."""
    return db.metadata.tables[name]


def owned(policy: Policy, participant_id: int) -> ColumnElement[bool]:
    """Return the condition selecting a participant's rows of a policy's table."""
    rows = table(policy.table)
    clauses = [rows.c[column] == participant_id for column in policy.owners]
    if policy.via is not None:
        column, parent_name = policy.via
        parent = table(parent_name)
        parents = select(parent.c.id).where(owned(BY_TABLE[parent_name], participant_id))
        clauses.append(rows.c[column].in_(parents))
    return or_(*clauses) if clauses else false()


def scrub(value: Any) -> Any:
    """Keep only the numbers and booleans of a JSON object (statistics), drop any text."""
    if not isinstance(value, dict):
        return None
    return {k: v for k, v in value.items() if isinstance(v, bool | int | float)}


class Redactor:
    """Replace a person's name, name parts and e-mail in free text by their pseudonym."""

    def __init__(self, name: str, email: str, pseudonym: str):
        words = {name, email, *(part for part in re.split(r"[\s,;]+", name) if len(part) >= 3)}
        words.discard("")
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        self.pseudonym = pseudonym

    def text(self, value: str | None) -> str | None:
        """Return the text with the person replaced (None stays None)."""
        if not value:
            return value
        return self.pattern.sub(self.pseudonym, value)

    def json(self, value: Any) -> Any:
        """Return a JSON value with the person replaced in every string."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.json(v) for k, v in value.items()}
        return value

    def mentions(self, value: str | None) -> bool:
        """Say whether the text names the person."""
        return bool(value) and bool(self.pattern.search(value))
