"""Forms of the admin pages."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

ROLE_CHOICES = [("trainer", "Formateur"), ("compliance", "Conformité"), ("admin", "Administrateur")]


class UserForm(FlaskForm):
    """A new staff account."""

    name = StringField("Nom", validators=[DataRequired("Indiquez le nom."), Length(max=200)])
    email = EmailField(
        "Adresse e-mail",
        validators=[
            DataRequired("Indiquez l'adresse e-mail."),
            Email("Adresse e-mail invalide."),
            Length(max=254),
        ],
    )
    role = SelectField("Rôle", choices=[SelectChoice(v, label) for v, label in ROLE_CHOICES])
    password = PasswordField(
        "Mot de passe provisoire",
        validators=[
            DataRequired("Indiquez un mot de passe."),
            Length(min=10, max=200, message="Entre 10 et 200 caractères."),
        ],
    )
