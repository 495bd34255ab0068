"""The seed of a participant's option order, the same on the web pages and in the JSON API."""

import hashlib

from flask import current_app

from ..quizzes.shuffle import seed_for


def install_salt() -> str:
    """Return this install's salt: ``LEXOM_SHUFFLE_SALT``, else derived from the secret key."""
    configured = current_app.config.get("LEXOM_SHUFFLE_SALT")
    if configured:
        return str(configured)
    secret = str(current_app.config.get("SECRET_KEY") or "")
    return hashlib.sha256(f"lexom-shuffle\0{secret}".encode()).hexdigest()


def participant_seed(participant_id: int, question_id: str) -> str:
    """Return the seed of a participant's order of a question's options."""
    return seed_for(install_salt(), f"participant:{participant_id}", question_id)
