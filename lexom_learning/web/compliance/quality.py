"""A session's complaints and improvement actions: staff who may read the session log them."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from ...services import quality
from ...services.errors import ServiceError
from ..forms import Form
from ..outcomes import field_error, flash_form_errors, outcome_flashed
from ..security import staff_required
from ..session_access import session_view

bp = Blueprint("quality", __name__)

COMPLAINT_STATUSES = [
    ("open", lazy_gettext("ouverte")),
    ("answered", lazy_gettext("répondue")),
    ("closed", lazy_gettext("close")),
]
ACTION_STATUSES = [
    ("planned", lazy_gettext("prévue")),
    ("in_progress", lazy_gettext("en cours")),
    ("done", lazy_gettext("réalisée")),
]


class ComplaintForm(Form):
    """A complaint: who, what, when received, the answer and its status."""

    received_on = DateField(lazy_gettext("Reçue le"), validators=[Optional()])
    author = StringField(lazy_gettext("Auteur (participant, entreprise, financeur…)"))
    subject = TextAreaField(lazy_gettext("Objet de la réclamation"))
    answer = TextAreaField(lazy_gettext("Réponse apportée"))
    status = SelectField(lazy_gettext("Statut"), choices=COMPLAINT_STATUSES, default="open")


class ActionForm(Form):
    """An improvement action: its origin, what is done, by when, its status."""

    origin = StringField(lazy_gettext("Origine (réclamation, évaluation, observation…)"))
    description = TextAreaField(lazy_gettext("Action"))
    due_on = DateField(lazy_gettext("Échéance"), validators=[Optional()])
    status = SelectField(lazy_gettext("Statut"), choices=ACTION_STATUSES, default="planned")


def _page(training, complaint_form=None, action_form=None, status=200):
    return render_template(
        "compliance/quality.html",
        training=training,
        complaints=quality.complaints_of(training.id),
        actions=quality.actions_of(training.id),
        complaint_form=complaint_form or ComplaintForm(),
        action_form=action_form or ActionForm(),
        complaint_labels=dict(COMPLAINT_STATUSES),
        action_labels=dict(ACTION_STATUSES),
    ), status


@bp.get("/trainer/sessions/<int:session_id>/quality")
@staff_required()
@session_view()
def page(training):
    """Show the session's complaints and improvement actions, with the forms to log them."""
    return _page(training)


@bp.post("/trainer/sessions/<int:session_id>/complaints")
@staff_required()
@session_view()
def add_complaint(training):
    """Log a complaint."""
    form = ComplaintForm()
    if form.validate_on_submit():
        try:
            quality.log_complaint(
                training,
                current_user.get_id(),
                form.received_on.data,
                form.author.data,
                form.subject.data,
                form.answer.data,
                form.status.data,
            )
        except ServiceError as error:
            field_error(form, error, "subject")
        else:
            flash(gettext("Réclamation enregistrée."))
            return redirect(url_for("quality.page", session_id=training.id))
    return _page(training, complaint_form=form, status=422)


@bp.post("/trainer/sessions/<int:session_id>/complaints/<int:complaint_id>")
@staff_required()
@session_view()
def update_complaint(training, complaint_id: int):
    """Record the answer to a complaint and its status."""
    form = ComplaintForm()
    with outcome_flashed(gettext("Réclamation mise à jour.")):
        complaint = quality.complaint_of(training, complaint_id)
        quality.answer_complaint(complaint, form.answer.data, form.status.data)
    return redirect(url_for("quality.page", session_id=training.id))


@bp.post("/trainer/sessions/<int:session_id>/actions")
@staff_required()
@session_view()
def add_action(training):
    """Log an improvement action."""
    form = ActionForm()
    if form.validate_on_submit():
        try:
            quality.log_action(
                training,
                current_user.get_id(),
                form.origin.data,
                form.description.data,
                form.status.data,
                form.due_on.data,
            )
        except ServiceError as error:
            field_error(form, error, "description")
        else:
            flash(gettext("Action d'amélioration enregistrée."))
            return redirect(url_for("quality.page", session_id=training.id))
    else:
        flash_form_errors(form)
    return _page(training, action_form=form, status=422)
