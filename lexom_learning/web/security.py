"""Who is calling: staff (session or bearer token) or a participant (personal link)."""

from functools import wraps

from flask import abort, g, render_template, request, session
from flask_login import current_user, login_user

from ..extensions import db, login_manager
from ..services import accounts, links
from ..storage import AccessLink, Participant, User
from .i18n import clear_session
from .request_rules import parse_bearer_token

EPOCH_KEY = "auth_epoch"


def sign_in_staff(user: User) -> None:
    """Sign a staff member in, in a fresh session that ends when their ``auth_epoch`` moves."""
    clear_session()
    login_user(user)
    session[EPOCH_KEY] = user.auth_epoch


@login_manager.user_loader
def load_user(user_id: str):
    """Load a staff member or a participant from the id kept in the session cookie."""
    kind, _, raw = user_id.partition(":")
    if not raw.isdigit():
        return None
    if kind == "user":
        user = db.session.get(User, int(raw))
        if user is None or not user.active or session.get(EPOCH_KEY) != user.auth_epoch:
            return None  # signed out, password changed or account disabled since (anywhere)
        return user
    if kind == "participant":
        link = db.session.get(AccessLink, session.get("link_id", 0))
        if link is None or link.revoked_at is not None or link.participant_id != int(raw):
            return None
        return link.participant
    return None


def bearer_caller() -> User | Participant | None:
    """Return the caller named by an ``Authorization: Bearer`` header, or None."""
    if "bearer_caller" not in g:
        token = parse_bearer_token(request.headers.get("Authorization"))
        caller = None
        if token is not None:
            caller = accounts.user_for_token(token) or links.participant_for_token(token)
        g.bearer_caller = caller
    return g.bearer_caller


def current_caller() -> User | Participant | None:
    """Return the bearer caller if any, else the signed-in user of the session."""
    caller = bearer_caller()
    if caller is not None:
        return caller
    return current_user if current_user.is_authenticated else None


def is_staff(caller, *roles: str) -> bool:
    """Say whether the caller is an active staff member with one of ``roles`` (any if none)."""
    return isinstance(caller, User) and caller.active and (not roles or caller.role in roles)


def staff_required(*roles: str):
    """Protect a page: staff with one of ``roles``; others are sent to login or refused."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not is_staff(current_user, *roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def participant_required(view):
    """Protect a learner page: only a participant signed in through their link."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if isinstance(current_user._get_current_object(), Participant):
            return view(*args, **kwargs)
        if current_user.is_authenticated:
            abort(403)
        return render_template("learner/signed_out.html"), 401

    return wrapper


def can_read_session(caller, training_session) -> bool:
    """Trainer of the session, admin or compliance may read a session."""
    if is_staff(caller, "admin", "compliance"):
        return True
    return is_staff(caller, "trainer") and training_session.trainer_id == caller.id


def can_manage_session(caller, training_session) -> bool:
    """Only the session's trainer (or an admin) may change it."""
    if is_staff(caller, "admin"):
        return True
    return is_staff(caller, "trainer") and training_session.trainer_id == caller.id
