"""Sessions: list, creation, the dashboard, participants, links and the QR sheet."""

import segno
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from ...services import attendance, employers, links, schedule, sessions
from ...services.errors import ServiceError
from ...services.sessions import CsvImportError
from ...storage import Participant
from ..content import courses
from ..i18n import ngettext
from ..public import public_url
from ..security import can_manage_session, can_read_session, staff_required
from .dashboard import session_dashboard
from .forms import ImportForm, ParticipantForm, ScheduleForm, SessionForm

bp = Blueprint("trainer", __name__, url_prefix="/trainer")


def readable_session(session_id: int):
    """Return a session the caller may read, else 404 (never reveal others' sessions)."""
    try:
        session = sessions.get_session(session_id)
    except ServiceError:
        abort(404)
    if not can_read_session(current_user, session):
        abort(404)
    return session


def managed_session(session_id: int):
    """Return a session the caller may change: 404 if unreadable, 403 if read-only."""
    session = readable_session(session_id)
    if not can_manage_session(current_user, session):
        abort(403)
    return session


def flash_form_errors(form) -> None:
    """Flash each error of a form that was not valid (as text: a lazy message would not keep)."""
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


def access_url(participant: Participant) -> str | None:
    """Return the participant's current personal link as an absolute URL."""
    link = links.current_link(participant)
    if link is None:
        return None
    return public_url("auth.participant_link", token=links.token_for(link))


@bp.get("/sessions", endpoint="sessions")
@staff_required()
def sessions_list():
    """List the sessions the caller may see."""
    return render_template(
        "trainer/sessions.html",
        sessions=sessions.sessions_visible_to(current_user),
        form=SessionForm() if current_user.role == "trainer" else None,
    )


@bp.post("/sessions")
@staff_required("trainer")
def create():
    """Create a session of the course."""
    form = SessionForm()
    if form.validate_on_submit():
        try:
            kind = employers.session_kind(
                form.kind.data, form.client_name.data, form.client_siret.data, form.funder.data
            )
            session = sessions.create_session(
                current_user,
                courses().default(),
                form.title.data,
                form.starts_on.data,
                form.ends_on.data,
                form.location.data,
            )
            employers.set_session_kind(session, kind)
        except ServiceError as error:
            getattr(form, error.field or "title").errors.append(error.message)
        else:
            flash(gettext("Session créée. Ajoutez maintenant les participants."))
            return redirect(url_for("trainer.session", session_id=session.id))
    return render_template(
        "trainer/sessions.html", sessions=sessions.sessions_visible_to(current_user), form=form
    ), 422


@bp.get("/sessions/<int:session_id>")
@staff_required()
def session(session_id: int):
    """Show the session dashboard: participants, progress, scores, attainment."""
    training = readable_session(session_id)
    course = courses().get(training.course_id)
    return render_template(
        "trainer/session.html",
        training=training,
        course=course,
        dashboard=session_dashboard(training, course),
        can_manage=can_manage_session(current_user, training),
        participant_form=ParticipantForm(),
        import_form=ImportForm(),
        schedule_form=ScheduleForm(),
        slots=attendance.schedule_of(training, course) if course else [],
        access_url=access_url,
    )


@bp.post("/sessions/<int:session_id>/schedule")
@staff_required()
def update_schedule(session_id: int):
    """Move half-days: each row gives a date, a start and an end (Europe/Paris)."""
    training = managed_session(session_id)
    course = courses().get(training.course_id)
    form = ScheduleForm()
    if course is None:
        abort(404)
    if form.validate_on_submit():
        edits = [
            {
                "slot": h.id,
                "date": request.form.get(f"date-{h.id}", ""),
                "start": request.form.get(f"start-{h.id}", ""),
                "end": request.form.get(f"end-{h.id}", ""),
            }
            for h in course.half_days
        ]
        try:
            schedule.update_schedule(training, course, edits)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(gettext("Horaires des demi-journées enregistrés."))
    else:
        flash_form_errors(form)
    return redirect(url_for("trainer.session", session_id=training.id) + "#schedule")


@bp.post("/sessions/<int:session_id>/participants")
@staff_required()
def add_participant(session_id: int):
    """Enrol one participant."""
    training = managed_session(session_id)
    form = ParticipantForm()
    if form.validate_on_submit():
        try:
            participant = sessions.add_participant(
                training,
                form.name.data,
                form.email.data,
                form.manager_email.data,
                (form.employer_name.data, form.employer_siret.data),
            )
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(gettext("%(name)s est inscrit(e).", name=participant.name))
    else:
        flash_form_errors(form)
    return redirect(url_for("trainer.session", session_id=training.id) + "#participants")


@bp.post("/sessions/<int:session_id>/participants/import")
@staff_required()
def import_participants(session_id: int):
    """Enrol every participant of a CSV file, or none when a line is wrong."""
    training = managed_session(session_id)
    form = ImportForm()
    if form.validate_on_submit():
        try:
            added = employers.import_participants(training, form.file.data.read())
        except CsvImportError as error:
            flash(gettext("Import refusé : %(reason)s", reason=error.message), "error")
            for problem in error.problems:
                flash(str(problem), "error")
        except ServiceError as error:
            flash(error.message, "error")
        else:
            count = len(added)
            flash(
                ngettext(
                    "%(num)s participant(s) importé(s).",
                    "%(num)s participant(s) importé(s).",
                    count,
                )
            )
    else:
        flash_form_errors(form)
    return redirect(url_for("trainer.session", session_id=training.id) + "#participants")


def _participant_of(training, participant_id: int) -> Participant:
    participant = next((p for p in training.participants if p.id == participant_id), None)
    if participant is None:
        abort(404)
    return participant


@bp.post("/sessions/<int:session_id>/participants/<int:participant_id>/link")
@staff_required()
def reissue_link(session_id: int, participant_id: int):
    """Revoke a participant's link and issue a new one."""
    training = managed_session(session_id)
    participant = _participant_of(training, participant_id)
    sessions.reissue_link(participant)
    flash(
        gettext(
            "Nouveau lien créé pour %(name)s ; l'ancien ne fonctionne plus.", name=participant.name
        )
    )
    return redirect(url_for("trainer.session", session_id=training.id) + "#participants")


@bp.post("/sessions/<int:session_id>/participants/<int:participant_id>/revoke")
@staff_required()
def revoke_link(session_id: int, participant_id: int):
    """Make a participant's link stop working."""
    training = managed_session(session_id)
    participant = _participant_of(training, participant_id)
    links.revoke_links(participant)
    flash(gettext("Le lien de %(name)s est révoqué.", name=participant.name))
    return redirect(url_for("trainer.session", session_id=training.id) + "#participants")


@bp.get("/sessions/<int:session_id>/qr-sheet")
@staff_required()
def qr_sheet(session_id: int):
    """A printable sheet of personal QR codes and links."""
    training = managed_session(session_id)
    cards = []
    for participant in training.participants:
        url = access_url(participant)
        if url:
            svg = segno.make(url, error="m").svg_inline(
                scale=4, title=gettext("QR code de %(name)s", name=participant.name)
            )
            cards.append({"participant": participant, "url": url, "svg": svg})
    return render_template("trainer/qr_sheet.html", training=training, cards=cards)
