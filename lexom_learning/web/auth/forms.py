"""Sign-in form."""

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
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
