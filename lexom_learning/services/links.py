"""Participants' personal access links: ``<link id>.<HMAC of its nonce under the app secret>``."""

import hashlib
import hmac
import re
import secrets

from sqlalchemy import select

from ..extensions import db
from ..storage import AccessLink, Participant
from ..storage.types import utcnow
from .context import current
from .unit_of_work import unit_of_work


def signature(nonce: str, secret_key: str) -> str:
    """Return the signature of a link's nonce under ``secret_key`` (the token's second part)."""
    key = secret_key.encode()
    return hmac.new(key, f"access-link:{nonce}".encode(), hashlib.sha256).hexdigest()[:40]


def _signature(nonce: str) -> str:
    return signature(nonce, current().settings.secret_key)


def token_for(link: AccessLink) -> str:
    """Return the token of a link (recomputed, never stored)."""
    return f"{link.id}.{_signature(link.nonce)}"


def issue_link(participant: Participant) -> AccessLink:
    """Revoke the participant's current links and create a new one."""
    now = utcnow()
    for link in participant.links:
        if link.revoked_at is None:
            link.revoked_at = now
    link = AccessLink(participant=participant, nonce=secrets.token_hex(24))
    db.session.add(link)
    db.session.flush()
    return link


def current_link(participant: Participant) -> AccessLink | None:
    """Return the participant's link that still works, if any."""
    return next((link for link in reversed(participant.links) if link.revoked_at is None), None)


def revoke_links(participant: Participant) -> None:
    """Make every link of the participant stop working (one unit of work)."""
    now = utcnow()
    with unit_of_work(db.session):
        for link in participant.links:
            link.revoked_at = link.revoked_at or now


def participant_for_token(token: str) -> Participant | None:
    """Return the participant a valid, unrevoked token belongs to, or None."""
    link_id, _, signature = token.partition(".")
    if not re.fullmatch(r"[0-9]{1,9}", link_id) or len(signature) != 40:
        return None
    link = db.session.scalar(select(AccessLink).where(AccessLink.id == int(link_id)))
    if link is None or link.revoked_at is not None:
        return None
    if not hmac.compare_digest(_signature(link.nonce), signature):
        return None
    return link.participant
