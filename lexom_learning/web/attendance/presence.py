"""The trainer notes lateness, early departure and justified absence on the grid; staff
download the signed attendance sheet as a PDF."""

from flask import Blueprint, Response, flash, redirect, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user
from wtforms import BooleanField, HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, Optional

from ...services import attestations, presence
from ...services.attendance_sheet import attendance_sheet_pdf
from ...services.errors import ServiceError
from ..content import course_or_404
from ..forms import Form
from ..security import staff_required
from ..trainer.views import flash_form_errors, managed_session, readable_session

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
def adjust(session_id: int):
    """Record lateness, early departure or a justified absence from the grid."""
    training = managed_session(session_id)
    course = course_or_404(training.course_id)
    form = AdjustmentForm()
    if form.validate_on_submit():
        try:
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
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(gettext("Présence mise à jour."))
    else:
        flash_form_errors(form)
    return redirect(url_for("attendance.grid", session_id=training.id))


@bp.get("/trainer/sessions/<int:session_id>/attendance/sheet.pdf")
@staff_required()
def sheet_pdf(session_id: int):
    """Send the signed attendance sheet (the session's trainer, compliance, admin)."""
    training = readable_session(session_id)
    pdf = attendance_sheet_pdf(training, course_or_404(training.course_id))
    attestations.record_audit(training.id, "exported_attendance_sheet", current_user.get_id())
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="emargement-session-{training.id}.pdf"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
