"""Forms of the admin pages."""

from flask_babel import lazy_gettext
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from ..forms import Form

ROLE_CHOICES = [
    ("trainer", lazy_gettext("Formateur")),
    ("compliance", lazy_gettext("Conformité")),
    ("admin", lazy_gettext("Administrateur")),
]


class UserForm(Form):
    """A new staff account."""

    name = StringField(
        lazy_gettext("Nom"),
        validators=[DataRequired(lazy_gettext("Indiquez le nom.")), Length(max=200)],
    )
    email = EmailField(
        lazy_gettext("Adresse e-mail"),
        validators=[
            DataRequired(lazy_gettext("Indiquez l'adresse e-mail.")),
            Email(lazy_gettext("Adresse e-mail invalide.")),
            Length(max=254),
        ],
    )
    role = SelectField(
        lazy_gettext("Rôle"), choices=[SelectChoice(v, label) for v, label in ROLE_CHOICES]
    )
    password = PasswordField(
        lazy_gettext("Mot de passe provisoire"),
        validators=[
            DataRequired(lazy_gettext("Indiquez un mot de passe.")),
            Length(min=10, max=200, message=lazy_gettext("Entre 10 et 200 caractères.")),
        ],
    )


class ResetPasswordForm(Form):
    """A provisional password an administrator gives an account (changed at next sign-in)."""

    password = PasswordField(
        lazy_gettext("Mot de passe provisoire"),
        validators=[
            DataRequired(lazy_gettext("Indiquez un mot de passe.")),
            Length(min=10, max=200, message=lazy_gettext("Entre 10 et 200 caractères.")),
        ],
    )
