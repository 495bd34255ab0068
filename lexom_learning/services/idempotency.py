"""Idempotency keys: a submission sent twice (a double tap, a retry after a lost response) is
recognised by the key it carries and answered with what the first one recorded.

Module-quiz attempts and role-play grids keep their key (unique per participant, per observer);
live answers keep the phone's request id (unique per question and participant).
"""

import re
import uuid

from sqlalchemy import select

from ..extensions import db
from .errors import Invalid

HEADER = "Idempotency-Key"
KEY = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def new_key() -> str:
    """Return a fresh key (for a form about to be shown)."""
    return uuid.uuid4().hex


def checked_key(raw: str | None, field: str = "idempotency_key") -> str | None:
    """Return the key as sent, None when there is none.

    :raises Invalid: not 1 to 64 letters, digits or ``- _ . :``.
    """
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str) or not KEY.fullmatch(raw):
        raise Invalid(
            "Clé d'idempotence invalide : 1 à 64 caractères parmi lettres, chiffres et - _ . :",
            field,
        )
    return raw


def recorded_with_key(model, owner_column, owner_id: int, key: str | None):
    """Return the ``model`` row that its owner (``owner_column == owner_id``) recorded with
    that key, or None; without a key, None."""
    if key is None:
        return None
    return db.session.scalar(
        select(model).where(owner_column == owner_id, model.idempotency_key == key)
    )
