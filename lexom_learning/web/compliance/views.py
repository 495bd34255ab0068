"""Compliance space: sessions and their counts; per session attendance, evaluations and
attestations; downloads; revocation and supersession with a reason. Everything is audited."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import func, select

from ...extensions import db
from ...services import attendance, attestations, exports, sessions
from ...services.errors import ServiceError
from ...storage import AttendanceSignature, Attestation, Participant
from ..attendance.forms import ReasonForm
from ..content import course_or_404
from ..downloads import private_attachment
from ..journal import journal_lines
from ..security import staff_required
from ..session_access import readable_session, session_view

bp = Blueprint("compliance", __name__, url_prefix="/compliance")
READERS = ("compliance", "admin")
# Above this many attestations the ZIP is prepared in the background, with a progress page.
SYNC_ZIP_LIMIT = 200


def _job(token: str):
    """Return the background export of that token, else 404."""
    try:
        return exports.job_by_token(token)
    except ServiceError:
        abort(404)


def _audit(session_id: int, action: str, details: dict | None = None) -> None:
    attestations.record_audit(session_id, action, current_user.get_id(), details=details)


def _counts(model, column) -> dict[int, int]:
    rows = db.session.execute(select(column, func.count()).select_from(model).group_by(column))
    return dict(rows.all())


@bp.get("/")
@staff_required(*READERS)
def index():
    """List every session with its status and counts."""
    valid = db.session.execute(
        select(Attestation.session_id, func.count())
        .where(Attestation.status == "valid")
        .group_by(Attestation.session_id)
    ).all()
    return render_template(
        "compliance/sessions.html",
        sessions=sessions.sessions_visible_to(current_user),
        participants=_counts(Participant, Participant.session_id),
        signatures=_counts(AttendanceSignature, AttendanceSignature.session_id),
        attestations=dict(valid),
        zip_limit=SYNC_ZIP_LIMIT,
    )


@bp.get("/sessions/<int:session_id>")
@staff_required(*READERS)
@session_view(with_course=True)
def session(training, course):
    """Show a session's attendance, evaluations, attestations and audit trail."""
    states = attendance.states_for(training, course)
    return render_template(
        "compliance/session.html",
        training=training,
        course=course,
        rows=[(p, states[p.id]) for p in training.participants],
        evaluations=exports.evaluation_rates(training, course),
        attestations=attestations.for_session(training.id),
        audit=journal_lines(attestations.audit_trail(training.id)[:50]),
        form=ReasonForm(),
        can_change=current_user.role == "compliance",
        zip_limit=SYNC_ZIP_LIMIT,
    )


@bp.get("/sessions/<int:session_id>/attestations.zip")
@staff_required(*READERS)
@session_view()
def session_zip(training):
    """Stream the ZIP of the session's valid attestation and certificate PDFs."""
    _audit(training.id, "exported_zip")
    return private_attachment(
        exports.streamed_session_zip(training.id),
        "application/zip",
        f"attestations-session-{training.id}.zip",
    )


@bp.post("/sessions/<int:session_id>/exports")
@staff_required(*READERS)
@session_view()
def start_export(training):
    """Prepare the session's ZIP in the background and follow its progress."""
    job = exports.start_zip_job(training, current_user.get_id())
    _audit(training.id, "exported_zip", {"job": job.id})
    return redirect(url_for("compliance.export_job", token=job.token))


@bp.get("/exports/<token>")
@staff_required(*READERS)
def export_job(token: str):
    """Show a background export's progress (the page refreshes itself until it is done)."""
    job = _job(token)
    return render_template(
        "compliance/job.html", job=job, training=readable_session(job.session_id)
    )


@bp.get("/exports/<token>/download")
@staff_required(*READERS)
def export_download(token: str):
    """Download a finished background export."""
    job = _job(token)
    if job.status != "done" or not job.path:
        abort(409)
    return send_file(
        job.path,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"attestations-session-{job.session_id}.zip",
    )


@bp.get("/sessions/<int:session_id>/register.<fmt>")
@staff_required(*READERS)
@session_view()
def register(training, fmt: str):
    """Download the register of attestations (one row per attestation) as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    data = exports.register(training.id, fmt)
    _audit(training.id, "exported_register", {"format": fmt})
    mimetype = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return private_attachment(data, mimetype, f"registre-attestations-session-{training.id}.{fmt}")


@bp.get("/sessions/<int:session_id>/evidence.zip")
@staff_required(*READERS)
@session_view(with_course=True)
def evidence(training, course):
    """Download the session's evidence folder, with its Qualiopi manifest."""
    folder = exports.evidence_folder(training, course)
    _audit(training.id, "exported_evidence", {"files": len(folder.files)})
    return private_attachment(
        folder.stream(), "application/zip", f"dossier-preuves-session-{training.id}.zip"
    )


def _change(number: str, action: str):
    try:
        attestation = attestations.by_number(number)
    except ServiceError:
        abort(404)
    form = ReasonForm()
    if not form.validate_on_submit():
        for message in form.reason.errors or [gettext("Formulaire expiré : réessayez.")]:
            flash(str(message), "error")
        return redirect(url_for("compliance.session", session_id=attestation.session_id))
    try:
        if action == "revoke":
            attestations.revoke(attestation, current_user.get_id(), form.reason.data)
            flash(gettext("Attestation %(number)s révoquée.", number=number))
        else:
            course = course_or_404(attestation.session.course_id)
            new = attestations.supersede(
                attestation, course, current_user.get_id(), form.reason.data
            )
            flash(
                gettext(
                    "Attestation %(number)s remplacée par %(new)s.", number=number, new=new.number
                )
            )
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(url_for("compliance.session", session_id=attestation.session_id))


@bp.post("/attestations/<number>/revoke")
@staff_required("compliance")
def revoke(number: str):
    """Revoke an attestation, with a mandatory reason."""
    return _change(number, "revoke")


@bp.post("/attestations/<number>/supersede")
@staff_required("compliance")
def supersede(number: str):
    """Replace an attestation by a new version built from today's records, with a reason."""
    return _change(number, "supersede")
