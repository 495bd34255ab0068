"""Compliance space: sessions and their counts; per session attendance, evaluations and
attestations; downloads; revocation and supersession with a reason. Everything is audited."""

from flask import (
    Blueprint,
    Response,
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
from ..journal import journal_lines
from ..security import staff_required

bp = Blueprint("compliance", __name__, url_prefix="/compliance")
READERS = ("compliance", "admin")
# Above this many attestations the ZIP is prepared in the background, with a progress page.
SYNC_ZIP_LIMIT = 200


def _session(session_id: int):
    try:
        return sessions.get_session(session_id)
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
def session(session_id: int):
    """Show a session's attendance, evaluations, attestations and audit trail."""
    training = _session(session_id)
    course = course_or_404(training.course_id)
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
def session_zip(session_id: int):
    """Stream the ZIP of the session's valid attestation and certificate PDFs."""
    training = _session(session_id)
    _audit(training.id, "exported_zip")
    response = Response(exports.streamed_session_zip(training.id), mimetype="application/zip")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="attestations-session-{training.id}.zip"'
    )
    return response


@bp.post("/sessions/<int:session_id>/exports")
@staff_required(*READERS)
def start_export(session_id: int):
    """Prepare the session's ZIP in the background and follow its progress."""
    training = _session(session_id)
    job = exports.start_zip_job(training, current_user.get_id())
    _audit(training.id, "exported_zip", {"job": job.id})
    return redirect(url_for("compliance.export_job", token=job.token))


@bp.get("/exports/<token>")
@staff_required(*READERS)
def export_job(token: str):
    """Show a background export's progress (the page refreshes itself until it is done)."""
    try:
        job = exports.job_by_token(token)
    except ServiceError:
        abort(404)
    return render_template("compliance/job.html", job=job, training=_session(job.session_id))


@bp.get("/exports/<token>/download")
@staff_required(*READERS)
def export_download(token: str):
    """Download a finished background export."""
    try:
        job = exports.job_by_token(token)
    except ServiceError:
        abort(404)
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
def register(session_id: int, fmt: str):
    """Download the register of attestations (one row per attestation) as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    training = _session(session_id)
    data = exports.register(training.id, fmt)
    _audit(training.id, "exported_register", {"format": fmt})
    mimetype = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="registre-attestations-session-{training.id}.{fmt}"'
    )
    return response


@bp.get("/sessions/<int:session_id>/evidence.zip")
@staff_required(*READERS)
def evidence(session_id: int):
    """Download the session's evidence folder, with its Qualiopi manifest."""
    training = _session(session_id)
    course = course_or_404(training.course_id)
    folder = exports.evidence_folder(training, course)
    _audit(training.id, "exported_evidence", {"files": len(folder.files)})
    response = Response(folder.stream(), mimetype="application/zip")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="dossier-preuves-session-{training.id}.zip"'
    )
    return response


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
