"""Émargement pages: the participant signs on their phone; the trainer countersigns, records
paper signatures, prints the sheet and closes the session (which issues the attestations)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from ...services import attendance, attestations, close_checks
from ...services.errors import ServiceError
from ...storage import Participant
from ..content import course_or_404
from ..i18n import ngettext
from ..outcomes import flash_form_errors, outcome_flashed, submitted
from ..security import can_manage_session, participant_required, staff_required
from ..session_access import session_view
from .documents import send_document
from .forms import CloseForm, CountersignForm, PaperForm, SignForm

bp = Blueprint("attendance", __name__)


def _user_agent() -> str:
    return request.headers.get("User-Agent", "")[:300]


@bp.get("/me/attendance")
@participant_required
def me():
    """Show the participant's half-days, the open one to sign, and their attestations."""
    participant: Participant = current_user
    training = participant.session
    course = course_or_404(training.course_id)
    states = attendance.states_for(training, course)[participant.id]
    open_slot = attendance.open_slot(training, course) if training.status == "planned" else None
    signed = {s.slot for s in attendance.signatures_of(participant) if s.kind == "participant"}
    form = SignForm(slot=open_slot.id if open_slot else "")
    return render_template(
        "attendance/me.html",
        training=training,
        states=states,
        slots=attendance.schedule_of(training, course),
        open_slot=open_slot if open_slot and open_slot.id not in signed else None,
        already_signed=bool(open_slot and open_slot.id in signed),
        form=form,
        attestations=attestations.for_participant(participant),
    )


@bp.post("/me/attendance")
@participant_required
def sign():
    """Sign the open half-day with a drawn signature or the typed name."""
    participant: Participant = current_user
    course = course_or_404(participant.session.course_id)
    form = SignForm()
    if submitted(form):
        with outcome_flashed(gettext("Votre signature est enregistrée. Merci !")):
            attendance.sign(
                participant,
                course,
                form.slot.data,
                form.drawn.data or form.typed_name.data or "",
                _user_agent(),
            )
    return redirect(url_for("attendance.me"))


def _grid(training, course):
    states = attendance.states_for(training, course)
    return [(p, states[p.id]) for p in training.participants]


@bp.get("/trainer/sessions/<int:session_id>/attendance")
@staff_required()
@session_view(with_course=True)
def grid(training, course):
    """Show the grid of half-days × participants, with countersigning and paper signatures."""
    return render_template(
        "attendance/grid.html",
        training=training,
        course=course,
        slots=attendance.schedule_of(training, course),
        rows=_grid(training, course),
        open_slot=attendance.open_slot(training, course),
        can_manage=can_manage_session(current_user, training),
        countersign_form=CountersignForm(),
        paper_form=PaperForm(),
        attestations=attestations.for_session(training.id),
    )


@bp.get("/trainer/sessions/<int:session_id>/attendance/sheet")
@staff_required()
@session_view(with_course=True)
def sheet(training, course):
    """A printable attendance sheet for the paper fallback."""
    return render_template(
        "attendance/sheet.html", training=training, course=course, rows=_grid(training, course)
    )


@bp.post("/trainer/sessions/<int:session_id>/attendance/countersign")
@staff_required()
@session_view(manage=True, with_course=True)
def countersign(training, course):
    """Countersign one participant's half-day, or every pending signature of the half-day."""
    form = CountersignForm()
    if not submitted(form):
        return redirect(url_for("attendance.grid", session_id=training.id))
    if form.participant_id.data:
        targets = [form.participant_id.data]
    else:
        targets = [
            p.id
            for p, states in _grid(training, course)
            if any(
                s.slot_id == form.slot.data and s.status == "awaiting_countersign" for s in states
            )
        ]
    done = 0
    for participant_id in targets:
        try:
            attendance.countersign(
                training, course, current_user, participant_id, form.slot.data, _user_agent()
            )
            done += 1
        except ServiceError as error:
            flash(error.message, "error")
    if done:
        flash(
            ngettext(
                "%(num)s signature(s) contresignée(s).",
                "%(num)s signature(s) contresignée(s).",
                done,
            )
        )
    return redirect(url_for("attendance.grid", session_id=training.id))


@bp.post("/trainer/sessions/<int:session_id>/attendance/paper")
@staff_required()
@session_view(manage=True, with_course=True)
def paper(training, course):
    """Record a signature made on the printed sheet, with its reason."""
    form = PaperForm()
    if submitted(form):
        with outcome_flashed(gettext("Signature papier enregistrée.")):
            attendance.record_paper(
                training,
                course,
                current_user,
                form.participant_id.data,
                form.slot.data,
                form.reason.data,
                _user_agent(),
            )
    return redirect(url_for("attendance.grid", session_id=training.id))


def _close_page(training, course, form: CloseForm, status: int = 200, error=None):
    slots = attendance.schedule_of(training, course)
    form.last_half_day.choices = [("", gettext("Celles commencées à cette heure"))] + [
        (s.id, s.label) for s in slots
    ]
    pending = close_checks.pending_countersignatures(training, course)
    page = render_template(
        "attendance/close.html",
        training=training,
        course=course,
        slots=slots,
        last=max(slots, key=lambda s: s.ends_at),
        pending=pending,
        form=form,
        error=error,
    )
    return page, status


@bp.get("/trainer/sessions/<int:session_id>/close")
@staff_required()
@session_view(manage=True, with_course=True)
def close_page(training, course):
    """Show what closing needs: the end of the last half-day, the signatures to decide."""
    if training.status == "closed":
        return redirect(url_for("attendance.grid", session_id=training.id))
    return _close_page(training, course, CloseForm())


def _decisions(training) -> tuple[close_checks.Decision, ...]:
    decisions = []
    for participant in training.participants:
        prefix = f"decision-{participant.id}-"
        for key, action in request.form.items():
            if key.startswith(prefix) and action:
                slot = key.removeprefix(prefix)
                reason = request.form.get(f"reason-{participant.id}-{slot}", "")
                decisions.append(close_checks.Decision(participant.id, slot, action, reason))
    return tuple(decisions)


@bp.post("/trainer/sessions/<int:session_id>/close")
@staff_required()
@session_view(manage=True, with_course=True)
def close(training, course):
    """Close the session (refused before its last half-day ends, unless interrupted, and while
    signatures await a decision); the attestations its rule calls for are issued at once."""
    form = CloseForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return _close_page(training, course, form, 400)
    wish = close_checks.CloseRequest(
        bool(form.interrupted.data),
        form.reason.data,
        form.last_half_day.data or None,
        _decisions(training),
    )
    try:
        report = attestations.close_and_issue(training, course, wish, current_user.get_id())
    except ServiceError as error:
        return _close_page(training, course, form, error.status, error.message)
    flash(
        gettext(
            "Session clôturée. %(issued)s attestation(s) émise(s) ; "
            "%(not_eligible)s participant(s) sans demi-journée validée.",
            issued=len(report.issued),
            not_eligible=report.not_eligible,
        )
    )
    return redirect(url_for("attendance.grid", session_id=training.id))


@bp.get("/documents/attestations/<number>.pdf", endpoint="attestation_pdf")
@bp.get(
    "/documents/attestations/<number>/certificat.pdf",
    endpoint="certificate_pdf",
    defaults={"certificate": True},
)
def document(number: str, certificate: bool = False):
    """Send an attestation or certificate PDF to its holder or to staff who may read it."""
    return send_document(number, certificate)
