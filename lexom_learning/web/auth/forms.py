"""Sign-in form."""

from flask_babel import lazy_gettext
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from ..fields import email_field, new_password
from ..forms import Form


class LoginForm(Form):
    """Email and password of a staff account."""

    email = email_field(
        lazy_gettext("Adresse e-mail"), lazy_gettext("Indiquez votre adresse e-mail.")
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
    password = new_password(
        lazy_gettext("Nouveau mot de passe"),
        lazy_gettext("Indiquez un nouveau mot de passe."),
    )
    confirm = PasswordField(
        lazy_gettext("Nouveau mot de passe, à nouveau"),
        validators=[
            DataRequired(lazy_gettext("Indiquez à nouveau le nouveau mot de passe.")),
            EqualTo("password", lazy_gettext("Les deux mots de passe diffèrent.")),
        ],
    )
