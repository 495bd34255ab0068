"""Links made from a cold invitation: ``<invitation id>.<HMAC of its nonce>`` under a purpose.

The participant's cold evaluation and the manager's questionnaire sign the same invitation under
different purposes, so one link never opens the other's form.
"""

import hashlib
import hmac

from ..storage import ColdInvitation
from .context import ServiceContext, current

COLD_PURPOSE = "cold-evaluation"


def _signature(nonce: str, purpose: str, secret_key: str) -> str:
    key = secret_key.encode()
    return hmac.new(key, f"{purpose}:{nonce}".encode(), hashlib.sha256).hexdigest()[:40]


def token_for(
    invitation: ColdInvitation, purpose: str = COLD_PURPOSE, ctx: ServiceContext | None = None
) -> str:
    """Return the token of a link made from an invitation (recomputed, never stored): the
    participant's cold evaluation, or another ``purpose`` (the manager's questionnaire)."""
    secret = (ctx or current()).settings.secret_key
    return f"{invitation.id}.{_signature(invitation.nonce, purpose, secret)}"


def invitation_for_token(
    token: str, purpose: str = COLD_PURPOSE, ctx: ServiceContext | None = None
) -> ColdInvitation | None:
    """Return the invitation a well-formed, authentic token of ``purpose`` names, or None."""
    raw_id, _, signature = token.partition(".")
    if not raw_id.isascii() or not raw_id.isdigit() or len(raw_id) > 9 or len(signature) != 40:
        return None
    ctx = ctx or current()
    invitation = ctx.session.get(ColdInvitation, int(raw_id))
    if invitation is None:
        return None
    expected = _signature(invitation.nonce, purpose, ctx.settings.secret_key)
    if not hmac.compare_digest(expected, signature):
        return None
    return invitation


def absolute(path: str, token: str, ctx: ServiceContext | None = None) -> str:
    """Return a link's absolute address, on the public address (LEXOM_BASE_URL)."""
    return f"{(ctx or current()).settings.base_url}{path}{token}"
