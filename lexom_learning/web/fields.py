"""Field factories for the fields several forms declare alike: one rule for each kind of value.

The label and the "missing" message stay at the call site (they differ from form to form, and
the message catalogue reads them there); the validators that make the rule live here once.
"""

from flask_babel import lazy_gettext
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..services.accounts import MIN_PASSWORD

EMAIL_MAX = 254  # RFC 5321's limit for a whole address
TEXT_MAX = 200


def required_text(label, missing, max_length: int = TEXT_MAX) -> StringField:
    """Return a single-line text field that must be filled, ``missing`` saying so."""
    return StringField(label, validators=[DataRequired(missing), Length(max=max_length)])


def optional_text(label, max_length: int = TEXT_MAX) -> StringField:
    """Return a single-line text field that may stay empty."""
    return StringField(label, validators=[Optional(), Length(max=max_length)])


def email_field(label, missing=None) -> EmailField:
    """Return an e-mail address field: required with the ``missing`` message, else optional."""
    presence = DataRequired(missing) if missing is not None else Optional()
    return EmailField(
        label,
        validators=[
            presence,
            Email(lazy_gettext("Adresse e-mail invalide.")),
            Length(max=EMAIL_MAX),
        ],
    )


def new_password(label, missing) -> PasswordField:
    """Return a field for a password being set: required, between 10 and 200 characters."""
    return PasswordField(
        label,
        validators=[
            DataRequired(missing),
            Length(
                min=MIN_PASSWORD,
                max=TEXT_MAX,
                message=lazy_gettext("Entre 10 et 200 caractères."),
            ),
        ],
    )
