"""The déroulé pédagogique of a session: a page and a PDF for its trainer, compliance, admin."""

from flask import Blueprint, abort, current_app, render_template

from ..documents.deroule import deroule_pdf, session_fields
from ..modules.deroule import item_label, unit_notes
from ..translatable import N_
from .downloads import private_attachment
from .security import staff_required
from .session_access import session_view

bp = Blueprint("deroule", __name__, url_prefix="/trainer")
# The page's labels of modules.schema.GROUPING_LABELS, translated where shown.
GROUPINGS = {
    "individuel": N_("Individuel"),
    "binomes": N_("Binômes"),
    "sous-groupes": N_("Sous-groupes"),
    "pleniere": N_("Plénière"),
}


@bp.get("/sessions/<int:session_id>/deroule")
@staff_required()
@session_view(with_course=True)
def page(training, course):
    """Show the déroulé, half-day by half-day, with the animation notes."""
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
@session_view(with_course=True)
def pdf(training, course):
    """Download the déroulé as a PDF."""
    if course.deroule is None:
        abort(404)
    data = deroule_pdf(
        course, session_fields(training), current_app.config["LEXOM_ORGANISATION"].name
    )
    return private_attachment(
        data, "application/pdf", f"deroule-{course.ref}-session-{training.id}.pdf"
    )
