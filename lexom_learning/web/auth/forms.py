"""Sign-in form."""

from flask_babel import lazy_gettext
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..forms import Form


class LoginForm(Form):
    """Email and password of a staff account."""

    email = EmailField(
        lazy_gettext("Adresse e-mail"),
        validators=[
            DataRequired(lazy_gettext("Indiquez votre adresse e-mail.")),
            Email(lazy_gettext("Adresse e-mail invalide.")),
            Length(max=254),
        ],
    )
    password = PasswordField(
        lazy_gettext("Mot de passe"),
        validators=[DataRequired(lazy_gettext("Indiquez votre mot de passe.")), Length(max=200)],
    )


class PasswordChangeForm(Form):
    """A signed-in staff member changes their password."""

    current = PasswordField(
        lazy_gettext("Mot de passe actuel"),
        validators=[
            DataRequired(lazy_gettext("Indiquez votre mot de passe actuel.")),
            Length(max=200),
        ],
    )
    password = PasswordField(
        lazy_gettext("Nouveau mot de passe"),
        validators=[
            DataRequired(lazy_gettext("Indiquez un nouveau mot de passe.")),
            Length(min=10, max=200, message=lazy_gettext("Entre 10 et 200 caractères.")),
        ],
    )
    confirm = PasswordField(
        lazy_gettext("Nouveau mot de passe, à nouveau"),
        validators=[
            DataRequired(lazy_gettext("Indiquez à nouveau le nouveau mot de passe.")),
            EqualTo("password", lazy_gettext("Les deux mots de passe diffèrent.")),
        ],
    )
