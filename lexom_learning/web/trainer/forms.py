"""Forms of the trainer pages."""

from flask_babel import gettext, lazy_gettext
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, SelectField
from wtforms.validators import DataRequired, ValidationError

from ..fields import email_field, optional_text, required_text
from ..forms import Form

SIRET_MAX = 20  # 14 digits, with the spaces people type


class SessionForm(Form):
    """A new training session."""

    title = required_text(lazy_gettext("Titre"), lazy_gettext("Indiquez un titre."))
    starts_on = DateField(
        lazy_gettext("Premier jour"),
        validators=[DataRequired(lazy_gettext("Date invalide (jj/mm/aaaa)."))],
    )
    ends_on = DateField(
        lazy_gettext("Dernier jour"),
        validators=[DataRequired(lazy_gettext("Date invalide (jj/mm/aaaa)."))],
    )
    location = required_text(lazy_gettext("Lieu"), lazy_gettext("Indiquez le lieu."))
    kind = SelectField(
        lazy_gettext("Type de session"),
        choices=[
            ("inter", lazy_gettext("Inter-entreprises")),
            ("intra", lazy_gettext("Intra-entreprise")),
        ],
        default="inter",
    )
    client_name = optional_text(lazy_gettext("Entreprise cliente (intra)"))
    client_siret = optional_text(lazy_gettext("SIRET de l'entreprise cliente"), SIRET_MAX)
    funder = optional_text(lazy_gettext("Financeur (OPCO, entreprise, France Travail…)"))

    def validate_ends_on(self, field):
        """Refuse an end before the start."""
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(gettext("Le dernier jour précède le premier."))


class ScheduleForm(Form):
    """The session's half-days: ``date-<slot>``, ``start-<slot>``, ``end-<slot>`` per row (the
    rows follow the course, so the fields are read by the view; the form carries the CSRF)."""


class ParticipantForm(Form):
    """One participant."""

    name = required_text(lazy_gettext("Nom et prénom"), lazy_gettext("Indiquez le nom."))
    email = email_field(lazy_gettext("Adresse e-mail"), lazy_gettext("Indiquez l'adresse e-mail."))
    employer_name = optional_text(lazy_gettext("Entreprise (employeur)"))
    employer_siret = optional_text(lazy_gettext("SIRET de l'employeur (facultatif)"), SIRET_MAX)
    manager_email = email_field(lazy_gettext("E-mail du responsable (N+1), facultatif"))


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
