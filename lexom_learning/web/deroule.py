"""The déroulé pédagogique of a session: a page and a PDF for its trainer, compliance, admin."""

import io

from flask import Blueprint, abort, current_app, render_template, send_file
from flask_login import current_user

from ..documents.deroule import deroule_pdf, session_fields
from ..modules.deroule import item_label, unit_notes
from ..services import sessions
from ..services.errors import ServiceError
from ..translatable import N_
from .content import course_or_404
from .security import can_read_session, staff_required

bp = Blueprint("deroule", __name__, url_prefix="/trainer")
# The page's labels of modules.schema.GROUPING_LABELS, translated where shown.
GROUPINGS = {
    "individuel": N_("Individuel"),
    "binomes": N_("Binômes"),
    "sous-groupes": N_("Sous-groupes"),
    "pleniere": N_("Plénière"),
}


def _readable(session_id: int):
    try:
        training = sessions.get_session(session_id)
    except ServiceError:
        abort(404)
    if not can_read_session(current_user, training):
        abort(404)
    return training, course_or_404(training.course_id)


@bp.get("/sessions/<int:session_id>/deroule")
@staff_required()
def page(session_id: int):
    """Show the déroulé, half-day by half-day, with the animation notes."""
    training, course = _readable(session_id)
    return render_template(
        "trainer/deroule.html",
        training=training,
        course=course,
        half_days={h.id: h for h in course.half_days},
        item_label=lambda item: item_label(course, item),
        unit_notes=lambda sequence: unit_notes(course, sequence),
        groupings=GROUPINGS,
    ), (200 if course.deroule else 404)


@bp.get("/sessions/<int:session_id>/deroule.pdf")
@staff_required()
def pdf(session_id: int):
    """Download the déroulé as a PDF."""
    training, course = _readable(session_id)
    if course.deroule is None:
        abort(404)
    response = send_file(
        io.BytesIO(
            deroule_pdf(
                course,
                session_fields(training),
                current_app.config["LEXOM_ORGANISATION"].name,
            )
        ),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"deroule-{course.ref}-session-{training.id}.pdf",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
