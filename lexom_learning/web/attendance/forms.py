"""Forms of the attendance pages (CSRF-protected)."""

from flask_babel import lazy_gettext
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..fields import required_text
from ..forms import Form


class SignForm(Form):
    """The participant signs the open half-day: a drawing (if scripts run) or their name."""

    slot = HiddenField(validators=[DataRequired()])
    drawn = HiddenField(validators=[Optional(), Length(max=150_000)])
    typed_name = StringField(
        lazy_gettext("Ou saisissez votre nom complet"), validators=[Length(max=200)]
    )


class CountersignForm(Form):
    """The trainer countersigns one participant's half-day (or every signature of a slot)."""

    slot = HiddenField(validators=[DataRequired()])
    participant_id = IntegerField(validators=[Optional()])


class PaperForm(Form):
    """The trainer records a signature made on the printed sheet, with the reason."""

    slot = HiddenField(validators=[DataRequired()])
    participant_id = IntegerField(validators=[DataRequired()])
    reason = required_text(
        lazy_gettext("Motif (téléphone oublié, batterie vide…)"),
        lazy_gettext("Le motif est obligatoire."),
        max_length=500,
    )


class ReasonForm(Form):
    """A change of an attestation's status, with its mandatory reason."""

    reason = TextAreaField(
        lazy_gettext("Motif"),
        validators=[DataRequired(lazy_gettext("Le motif est obligatoire.")), Length(max=500)],
    )


class CloseForm(Form):
    """Close the session: normally, or interrupted with its reason (decisions come as
    ``decision-<participant>-<slot>`` and ``reason-<participant>-<slot>`` fields)."""

    interrupted = BooleanField(lazy_gettext("La session s'est arrêtée avant la fin prévue"))
    reason = TextAreaField(
        lazy_gettext("Motif de l'interruption (imprimé sur les documents)"),
        validators=[Length(max=500)],
    )
    last_half_day = SelectField(
        lazy_gettext("Dernière demi-journée tenue"), choices=[], validate_choice=False
    )
