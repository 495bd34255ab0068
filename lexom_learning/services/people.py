"""Who an actor string (``user:3``, ``participant:12``, ``system``) names, for journals."""

from collections.abc import Iterable

from sqlalchemy import select

from ..extensions import db
from ..storage import Participant, User


def actor_names(actors: Iterable[str]) -> dict[str, str]:
    """Return the display name of each actor that names a person (two queries at most)."""
    ids: dict[str, set[int]] = {"user": set(), "participant": set()}
    for actor in set(actors):
        kind, _, number = actor.partition(":")
        if kind in ids and number.isdigit():
            ids[kind].add(int(number))
    names: dict[str, str] = {}
    for model, kind in ((User, "user"), (Participant, "participant")):
        if ids[kind]:
            rows = db.session.execute(select(model.id, model.name).where(model.id.in_(ids[kind])))
            names.update({f"{kind}:{row.id}": row.name for row in rows})
    return names
