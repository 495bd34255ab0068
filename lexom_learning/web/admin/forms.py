"""Forms of the admin pages."""

from flask_babel import lazy_gettext
from wtforms import SelectChoice, SelectField

from ..fields import email_field, new_password, required_text
from ..forms import Form

ROLE_CHOICES = [
    ("trainer", lazy_gettext("Formateur")),
    ("compliance", lazy_gettext("Conformité")),
    ("admin", lazy_gettext("Administrateur")),
]


def provisional_password():
    """Return the field of a provisional password (changed at the next sign-in)."""
    return new_password(
        lazy_gettext("Mot de passe provisoire"), lazy_gettext("Indiquez un mot de passe.")
    )


class UserForm(Form):
    """A new staff account."""

    name = required_text(lazy_gettext("Nom"), lazy_gettext("Indiquez le nom."))
    email = email_field(lazy_gettext("Adresse e-mail"), lazy_gettext("Indiquez l'adresse e-mail."))
    role = SelectField(
        lazy_gettext("Rôle"), choices=[SelectChoice(v, label) for v, label in ROLE_CHOICES]
    )
    password = provisional_password()


class ResetPasswordForm(Form):
    """A provisional password an administrator gives an account (changed at next sign-in)."""

    password = provisional_password()
