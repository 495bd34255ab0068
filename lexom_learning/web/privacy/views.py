"""The privacy notice, and « Mes données » in the learner's space (export, what is kept)."""

from flask import Blueprint, Response, render_template
from flask_babel import gettext
from flask_login import current_user

from ...services.privacy import erasure, export, notice
from ...services.privacy.registry import BY_TABLE
from ..security import participant_required

bp = Blueprint("privacy", __name__)


@bp.get("/confidentialite")
def notice_page():
    """Show who holds which personal data, why, for how long, the rights and the DPO."""
    return render_template(
        "privacy/notice.html",
        controller=notice.controller(),
        holdings=notice.holdings(),
        schedule=notice.periods(),
    )


@bp.get("/me/donnees")
@participant_required
def mine():
    """Show the learner what is held about them, until when, and the download."""
    me = current_user._get_current_object()
    personal_until, documents_until = notice.dates_for(me.session.ends_on)
    tables, files = export.records(me)
    return render_template(
        "privacy/mine.html",
        counts={t: len(rows) for t, rows in tables.items()},
        purposes={t: p.purpose for t, p in BY_TABLE.items()},
        documents=[name for name, _ in files],
        personal_until=personal_until,
        documents_until=documents_until,
        kept=erasure.kept_documents(me, notice.periods()),
        controller=notice.controller(),
        kinds={
            "attestation": gettext("Attestation de fin de formation"),
            "certificat": gettext("Certificat de réalisation"),
            "attendance_sheet": gettext("Feuille d'émargement signée"),
        },
    )


@bp.get("/me/donnees.zip")
@participant_required
def download():
    """Send the learner the ZIP of their data and documents."""
    me = current_user._get_current_object()
    data = export.export_recorded(me.id, me.get_id())
    response = Response(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = 'attachment; filename="mes-donnees.zip"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
