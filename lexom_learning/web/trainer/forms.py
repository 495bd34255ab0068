"""Forms of the trainer pages."""

from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, EmailField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError


class SessionForm(FlaskForm):
    """A new training session."""

    title = StringField(
        lazy_gettext("Titre"),
        validators=[DataRequired(lazy_gettext("Indiquez un titre.")), Length(max=200)],
    )
    starts_on = DateField(
        lazy_gettext("Premier jour"),
        validators=[DataRequired(lazy_gettext("Date invalide (jj/mm/aaaa)."))],
    )
    ends_on = DateField(
        lazy_gettext("Dernier jour"),
        validators=[DataRequired(lazy_gettext("Date invalide (jj/mm/aaaa)."))],
    )
    location = StringField(
        lazy_gettext("Lieu"),
        validators=[DataRequired(lazy_gettext("Indiquez le lieu.")), Length(max=200)],
    )

    def validate_ends_on(self, field):
        """Refuse an end before the start."""
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(gettext("Le dernier jour précède le premier."))


class ParticipantForm(FlaskForm):
    """One participant."""

    name = StringField(
        lazy_gettext("Nom et prénom"),
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
    manager_email = EmailField(
        lazy_gettext("E-mail du responsable (N+1), facultatif"),
        validators=[
            Optional(),
            Email(lazy_gettext("Adresse e-mail invalide.")),
            Length(max=254),
        ],
    )


class ImportForm(FlaskForm):
    """A CSV file of participants."""

    file = FileField(
        lazy_gettext("Fichier CSV (colonnes « nom » et « email »)"),
        validators=[
            FileRequired(lazy_gettext("Choisissez un fichier.")),
            FileAllowed(["csv", "txt"], lazy_gettext("Un fichier .csv est attendu.")),
        ],
    )
