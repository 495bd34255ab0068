"""Staff accounts: creation, password checks, API tokens."""

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from ..extensions import db
from ..storage import ApiToken, User
from ..storage.accounts import ROLES
from ..storage.types import utcnow
from .errors import Conflict, Invalid

_hasher = PasswordHasher()
MIN_PASSWORD = 10
# Verified against when the email is unknown, so both paths cost one argon2 check.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def normalise_email(email: str) -> str:
    """Return the email trimmed and lower-cased."""
    return email.strip().lower()


def create_user(email: str, role: str, password: str, name: str = "") -> User:
    """Create a staff account.

    :raises Invalid: bad email, unknown role or short password.
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
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise Conflict("Un compte existe déjà pour %(email)s.", "email", email=email)
    user = User(
        email=email,
        role=role,
        name=name.strip() or email.split("@")[0],
        password_hash=_hasher.hash(password),
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
    """Activate or deactivate an account; deactivation also revokes its API tokens."""
    user.active = active
    if not active:
        for token in user.tokens:
            token.revoked_at = token.revoked_at or utcnow()
    db.session.commit()


def issue_api_token(user: User) -> str:
    """Create a bearer token for ``user`` and return it (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, token_hash=_digest(token)))
    db.session.commit()
    return token


def user_for_token(token: str) -> User | None:
    """Return the active user owning a valid bearer token, or None."""
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    return row.user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
