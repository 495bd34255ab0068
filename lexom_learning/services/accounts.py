"""Staff accounts: creation, password checks, API tokens."""

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from ..extensions import db
from ..storage import ApiToken, User
from ..storage.accounts import ROLES
from ..storage.types import utcnow
from .context import current
from .errors import Conflict, Invalid
from .passwords import check_strength

_hasher = PasswordHasher()
MIN_PASSWORD = 10
TOKEN_DAYS = 30  # default lifetime of an API token (LEXOM_API_TOKEN_DAYS)
# Verified against when the email is unknown, so both paths cost one argon2 check.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def normalise_email(email: str) -> str:
    """Return the email trimmed and lower-cased."""
    return email.strip().lower()


def create_user(
    email: str, role: str, password: str, name: str = "", must_change: bool = False
) -> User:
    """Create a staff account (``must_change``: the password is provisional).

    :raises Invalid: bad email, unknown role or weak password.
    :raises Conflict: the email is taken.
    """
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise Invalid("Adresse e-mail invalide.", "email")
    if role not in ROLES:
        raise Invalid("Rôle inconnu : %(role)s (admin, trainer ou compliance).", "role", role=role)
    if len(password) < MIN_PASSWORD:
        raise Invalid(
            "Le mot de passe doit compter au moins %(length)s caractères.",
            "password",
            length=MIN_PASSWORD,
        )
    check_strength(password, email, name)
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise Conflict("Un compte existe déjà pour %(email)s.", "email", email=email)
    user = User(
        email=email,
        role=role,
        name=name.strip() or email.split("@")[0],
        password_hash=_hasher.hash(password),
        must_change_password=must_change,
    )
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        db.session.commit()
    return user


def set_active(user: User, active: bool) -> None:
    """Activate or deactivate an account; deactivation ends its sessions and API tokens."""
    user.active = active
    if not active:
        _end_everything(user)
    db.session.commit()


def end_sessions(user: User) -> None:
    """End every signed-in session of ``user``, on every device (their API tokens stay)."""
    user.auth_epoch = (user.auth_epoch or 0) + 1
    db.session.commit()


def _end_everything(user: User) -> None:
    user.auth_epoch = (user.auth_epoch or 0) + 1
    for token in user.tokens:
        token.revoked_at = token.revoked_at or utcnow()


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password; every session and API token of the account ends.

    :raises Invalid: the current password is wrong (field ``current``) or the new one is weak
        (field ``password``).
    """
    try:
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise Invalid("Mot de passe actuel incorrect.", "current") from None
    if current == new:
        raise Invalid("Choisissez un mot de passe différent de l'actuel.", "password")
    _set_password(user, new, must_change=False)


def reset_password(user: User, provisional: str) -> None:
    """Give ``user`` a provisional password (an administrator's reset): they must change it
    at their next sign-in; every session and API token of the account ends.

    :raises Invalid: the password is weak (field ``password``).
    """
    _set_password(user, provisional, must_change=True)


def _set_password(user: User, password: str, must_change: bool) -> None:
    if len(password) < MIN_PASSWORD:
        raise Invalid(
            "Le mot de passe doit compter au moins %(length)s caractères.",
            "password",
            length=MIN_PASSWORD,
        )
    check_strength(password, user.email, user.name)
    user.password_hash = _hasher.hash(password)
    user.must_change_password = must_change
    _end_everything(user)
    db.session.commit()


def issue_api_token(user: User, days: int | None = None) -> str:
    """Create a bearer token for ``user``, valid ``days`` days (``LEXOM_API_TOKEN_DAYS``,
    30 by default), and return it (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    row = ApiToken(user=user, token_hash=_digest(token), expires_at=utcnow() + token_lifetime(days))
    db.session.add(row)
    db.session.commit()
    return token


def token_lifetime(days: int | None = None) -> timedelta:
    """Return how long a new API token lives."""
    if days is None:
        days = int(current().settings.config.get("LEXOM_API_TOKEN_DAYS", TOKEN_DAYS))
    return timedelta(days=days)


def token_row(token: str) -> ApiToken | None:
    """Return the stored token for a bearer value, or None."""
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))


def user_for_token(token: str) -> User | None:
    """Return the active user owning a valid, unexpired bearer token, or None."""
    row = token_row(token)
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    if row.expires_at is not None and row.expires_at <= utcnow():
        return None
    return row.user


def revoke_token(token: str) -> bool:
    """Revoke a bearer token; return whether it was valid until now."""
    row = token_row(token)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    db.session.commit()
    return True


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
