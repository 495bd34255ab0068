"""Forms of the trainer pages."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, EmailField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError


class SessionForm(FlaskForm):
    """A new training session."""

    title = StringField("Titre", validators=[DataRequired("Indiquez un titre."), Length(max=200)])
    starts_on = DateField("Premier jour", validators=[DataRequired("Date invalide (jj/mm/aaaa).")])
    ends_on = DateField("Dernier jour", validators=[DataRequired("Date invalide (jj/mm/aaaa).")])
    location = StringField("Lieu", validators=[DataRequired("Indiquez le lieu."), Length(max=200)])

    def validate_ends_on(self, field):
        """Refuse an end before the start."""
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError("Le dernier jour précède le premier.")


class ParticipantForm(FlaskForm):
    """One participant."""

    name = StringField(
        "Nom et prénom", validators=[DataRequired("Indiquez le nom."), Length(max=200)]
    )
    email = EmailField(
        "Adresse e-mail",
        validators=[
            DataRequired("Indiquez l'adresse e-mail."),
            Email("Adresse e-mail invalide."),
            Length(max=254),
        ],
    )


class ImportForm(FlaskForm):
    """A CSV file of participants."""

    file = FileField(
        "Fichier CSV (colonnes « nom » et « email »)",
        validators=[
            FileRequired("Choisissez un fichier."),
            FileAllowed(["csv", "txt"], "Un fichier .csv est attendu."),
        ],
    )
