"""The trainer notes lateness, early departure and justified absence on the grid; staff
download the signed attendance sheet as a PDF."""

from flask import Blueprint, redirect, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user
from wtforms import BooleanField, HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, Optional

from ...services import attestations, presence
from ...services.attendance_sheet import attendance_sheet_pdf
from ..downloads import private_attachment
from ..forms import Form
from ..outcomes import outcome_flashed, submitted
from ..security import staff_required
from ..session_access import session_view

bp = Blueprint("presence", __name__)


class AdjustmentForm(Form):
    """Late arrival, early departure or justified absence on one participant's half-day."""

    slot = HiddenField(validators=[DataRequired()])
    participant_id = IntegerField(validators=[DataRequired()])
    arrived_at = StringField(lazy_gettext("Arrivée à (HH:MM)"), validators=[Length(max=5)])
    left_at = StringField(lazy_gettext("Départ à (HH:MM)"), validators=[Length(max=5)])
    justified_absence = BooleanField(lazy_gettext("Absence justifiée"))
    reason = StringField(lazy_gettext("Motif"), validators=[Optional(), Length(max=500)])


@bp.post("/trainer/sessions/<int:session_id>/attendance/adjust")
@staff_required()
@session_view(manage=True, with_course=True)
def adjust(training, course):
    """Record lateness, early departure or a justified absence from the grid."""
    form = AdjustmentForm()
    if submitted(form):
        with outcome_flashed(gettext("Présence mise à jour.")):
            presence.record(
                training,
                course,
                current_user,
                form.participant_id.data,
                form.slot.data,
                form.arrived_at.data,
                form.left_at.data,
                form.justified_absence.data,
                form.reason.data,
            )
    return redirect(url_for("attendance.grid", session_id=training.id))


@bp.get("/trainer/sessions/<int:session_id>/attendance/sheet.pdf")
@staff_required()
@session_view(with_course=True)
def sheet_pdf(training, course):
    """Send the signed attendance sheet (the session's trainer, compliance, admin)."""
    pdf = attendance_sheet_pdf(training, course)
    attestations.record_audit(training.id, "exported_attendance_sheet", current_user.get_id())
    return private_attachment(pdf, "application/pdf", f"emargement-session-{training.id}.pdf")
