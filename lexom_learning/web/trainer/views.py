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
from ..outcomes import field_error, outcome_flashed, submitted
from ..public import public_url
from ..security import can_manage_session, staff_required
from ..session_access import managed_session, readable_session, session_view
from .dashboard import session_dashboard
from .forms import ImportForm, ParticipantForm, ScheduleForm, SessionForm

bp = Blueprint("trainer", __name__, url_prefix="/trainer")


# managed_session and readable_session stay importable from here for the pages that still do.
__all__ = ["bp", "managed_session", "readable_session"]


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
            field_error(form, error, "title")
        else:
            flash(gettext("Session créée. Ajoutez maintenant les participants."))
            return redirect(url_for("trainer.session", session_id=session.id))
    return render_template(
        "trainer/sessions.html", sessions=sessions.sessions_visible_to(current_user), form=form
    ), 422


@bp.get("/sessions/<int:session_id>")
@staff_required()
@session_view()
def session(training):
    """Show the session dashboard: participants, progress, scores, attainment."""
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
@session_view(manage=True, with_course=True)
def update_schedule(training, course):
    """Move half-days: each row gives a date, a start and an end (Europe/Paris)."""
    form = ScheduleForm()
    if submitted(form):
        edits = [
            {
                "slot": h.id,
                "date": request.form.get(f"date-{h.id}", ""),
                "start": request.form.get(f"start-{h.id}", ""),
                "end": request.form.get(f"end-{h.id}", ""),
            }
            for h in course.half_days
        ]
        with outcome_flashed(gettext("Horaires des demi-journées enregistrés.")):
            schedule.update_schedule(training, course, edits)
    return redirect(url_for("trainer.session", session_id=training.id) + "#schedule")


@bp.post("/sessions/<int:session_id>/participants")
@staff_required()
@session_view(manage=True)
def add_participant(training):
    """Enrol one participant."""
    form = ParticipantForm()
    if submitted(form):
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
    return redirect(url_for("trainer.session", session_id=training.id) + "#participants")


@bp.post("/sessions/<int:session_id>/participants/import")
@staff_required()
@session_view(manage=True)
def import_participants(training):
    """Enrol every participant of a CSV file, or none when a line is wrong."""
    form = ImportForm()
    if submitted(form):
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
    return redirect(url_for("trainer.session", session_id=training.id) + "#participants")


def _participant_of(training, participant_id: int) -> Participant:
    participant = next((p for p in training.participants if p.id == participant_id), None)
    if participant is None:
        abort(404)
    return participant


@bp.post("/sessions/<int:session_id>/participants/<int:participant_id>/link")
@staff_required()
@session_view(manage=True)
def reissue_link(training, participant_id: int):
    """Revoke a participant's link and issue a new one."""
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
@session_view(manage=True)
def revoke_link(training, participant_id: int):
    """Make a participant's link stop working."""
    participant = _participant_of(training, participant_id)
    links.revoke_links(participant)
    flash(gettext("Le lien de %(name)s est révoqué.", name=participant.name))
    return redirect(url_for("trainer.session", session_id=training.id) + "#participants")


@bp.get("/sessions/<int:session_id>/qr-sheet")
@staff_required()
@session_view(manage=True)
def qr_sheet(training):
    """A printable sheet of personal QR codes and links."""
    cards = []
    for participant in training.participants:
        url = access_url(participant)
        if url:
            svg = segno.make(url, error="m").svg_inline(
                scale=4, title=gettext("QR code de %(name)s", name=participant.name)
            )
            cards.append({"participant": participant, "url": url, "svg": svg})
    return render_template("trainer/qr_sheet.html", training=training, cards=cards)
