"""Forms of the trainer pages."""

from flask_babel import gettext, lazy_gettext
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from ..forms import Form


class SessionForm(Form):
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
    kind = SelectField(
        lazy_gettext("Type de session"),
        choices=[
            ("inter", lazy_gettext("Inter-entreprises")),
            ("intra", lazy_gettext("Intra-entreprise")),
        ],
        default="inter",
    )
    client_name = StringField(
        lazy_gettext("Entreprise cliente (intra)"), validators=[Optional(), Length(max=200)]
    )
    client_siret = StringField(
        lazy_gettext("SIRET de l'entreprise cliente"), validators=[Optional(), Length(max=20)]
    )
    funder = StringField(
        lazy_gettext("Financeur (OPCO, entreprise, France Travail…)"),
        validators=[Optional(), Length(max=200)],
    )

    def validate_ends_on(self, field):
        """Refuse an end before the start."""
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(gettext("Le dernier jour précède le premier."))


class ScheduleForm(Form):
    """The session's half-days: ``date-<slot>``, ``start-<slot>``, ``end-<slot>`` per row (the
    rows follow the course, so the fields are read by the view; the form carries the CSRF)."""


class ParticipantForm(Form):
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
    employer_name = StringField(
        lazy_gettext("Entreprise (employeur)"), validators=[Optional(), Length(max=200)]
    )
    employer_siret = StringField(
        lazy_gettext("SIRET de l'employeur (facultatif)"), validators=[Optional(), Length(max=20)]
    )
    manager_email = EmailField(
        lazy_gettext("E-mail du responsable (N+1), facultatif"),
        validators=[
            Optional(),
            Email(lazy_gettext("Adresse e-mail invalide.")),
            Length(max=254),
        ],
    )


class ImportForm(Form):
    """A CSV file of participants."""

    file = FileField(
        lazy_gettext(
            "Fichier CSV (colonnes « nom » et « email » ; « entreprise » et « siret » facultatives)"
        ),
        validators=[
            FileRequired(lazy_gettext("Choisissez un fichier.")),
            FileAllowed(["csv", "txt"], lazy_gettext("Un fichier .csv est attendu.")),
        ],
    )
