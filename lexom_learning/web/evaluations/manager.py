"""The manager's (N+1) questionnaire, reached through the manager's personal link."""

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext

from ...extensions import limiter
from ...services import evaluations, managers
from ...services.errors import Conflict, Invalid
from ..content import course_or_404
from . import forms
from .views import quiz_helpers

bp = Blueprint("manager_questionnaire", __name__)
bp.context_processor(quiz_helpers)


def _done(course, person):
    return render_template("evaluations/manager_done.html", course=course, person=person)


@bp.route(f"{managers.MANAGER_LINK_PATH}<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute")
def form(token: str):
    """Show the manager's questionnaire about one participant; store one submission."""
    invitation = managers.invitation_for_token(token)
    if invitation is None:
        abort(404)
    person = invitation.participant
    course = course_or_404(person.session.course_id)
    if "manager" not in course.evaluations:
        abort(404)
    evaluation = course.evaluations["manager"]
    if managers.responded(person.id):
        return _done(course, person)
    here = url_for(".form", token=token)
    shown = {"public": True, "manager_about": person.name, "participant_id": person.id}
    if request.method == "GET":
        return forms.render_form(evaluation, here, **shown)
    parsed = forms.parse(evaluation, request.form)
    if parsed.unexpected:
        general = gettext("Le formulaire reçu ne correspond pas à cette évaluation.")
        return forms.render_form(
            evaluation, here, submitted=request.form, general=general, status=422, **shown
        )
    try:
        evaluations.submit(person, course, "manager", parsed.responses, "manager")
    except evaluations.EvaluationInvalid as error:
        errors = {**error.errors, **parsed.errors}
        return forms.render_form(
            evaluation, here, submitted=request.form, errors=errors, status=422, **shown
        )
    except Invalid as error:
        return forms.render_form(
            evaluation, here, submitted=request.form, general=error.message, status=422, **shown
        )
    except Conflict as error:  # answered meanwhile, or outside the cold evaluation's dates
        if not managers.responded(person.id):
            return forms.render_form(
                evaluation, here, submitted=request.form, general=error.message, status=409, **shown
            )
    return _done(course, person)
