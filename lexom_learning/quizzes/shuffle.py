"""The order in which a choice question's options are shown (pure, reproducible).

Every reader of a question (web page, JSON API, live phone and projector, XBlock) asks
``shown_order`` with a seed made by ``seed_for(salt, owner, question id)``: the owner is the
participant (or the personal link, or the XBlock learner), or the live run for a question
shown to the whole room. The order is the options sorted by the SHA-256 of the seed and their
id, so it needs no random state, is the same on every reload and attempt, and anyone holding
the seed can reproduce it. Options marked ``fixed`` keep their authored position. Grading
never depends on the order: responses name option ids.
"""

import hashlib
from collections.abc import Sequence
from typing import Any


def seed_for(salt: str, owner: str, question_id: str) -> str:
    """Return the seed of one owner's view of one question (a hex digest)."""
    text = "\0".join(("lexom-options", salt, owner, question_id))
    return hashlib.sha256(text.encode()).hexdigest()


def shown_order(option_ids: Sequence[str], fixed: Sequence[bool], seed: str) -> list[str]:
    """Return the option ids in the order shown for ``seed``; fixed options stay in place."""
    movable = [i for i, pinned in zip(option_ids, fixed, strict=True) if not pinned]
    movable.sort(key=lambda option_id: hashlib.sha256(f"{seed}\0{option_id}".encode()).digest())
    moved = iter(movable)
    return [oid if pinned else next(moved) for oid, pinned in zip(option_ids, fixed, strict=True)]


def order_options(spec: Any, seed: str | None) -> list:
    """Return a choice question's options (the spec's objects) in their shown order."""
    options = list(spec.options)
    if seed is None:
        return options
    by_id = {o.id: o for o in options}
    order = shown_order([o.id for o in options], [o.fixed for o in options], seed)
    return [by_id[i] for i in order]


def shuffle_public(public: dict[str, Any], spec: Any, seed: str | None) -> dict[str, Any]:
    """Return a public view with its options in the shown order (for a type that shuffles)."""
    if seed is None or "options" not in public:
        return public
    shown = {o["id"]: o for o in public["options"]}
    return {**public, "options": [shown[o.id] for o in order_options(spec, seed)]}
