"""Participant pages: modules, units, module quizzes and progress, on the caller's records only."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from ...extensions import db
from ...modules import Course, Module, Quiz
from ...quizzes import get_type, public_view
from ...quizzes.numbers import format_number
from ...services import figures, learning
from ...services.errors import Conflict, Invalid, NotFound
from ...services.idempotency import checked_key, new_key
from ..content import course_or_404
from ..i18n import ngettext
from ..security import participant_required
from ..shuffle import participant_seed
from .answers import describe
from .responses import (
    ATTEMPT_FIELD,
    IDEMPOTENCY_FIELD,
    as_int,
    choices_of,
    field_name,
    first_input_id,
    input_id,
    parse_quiz_form,
)

bp = Blueprint("learner", __name__, url_prefix="/me")


@bp.record_once
def _question_globals(state) -> None:
    """Give every template (learner, live, evaluations) a question's type by its name, and the
    way the types write a number."""
    state.app.jinja_env.globals.update(question_type=get_type, question_number=format_number)


@bp.context_processor
def quiz_helpers():
    """Expose the quiz form's naming rules and the answer display to templates."""
    return {"field_name": field_name, "input_id": input_id, "describe": describe}


def my_course() -> Course:
    """Return the course of the caller's session (404 if it is not served)."""
    return course_or_404(current_user.session.course_id)


def module_or_404(course: Course, module_id: str) -> Module:
    """Return a module of the course, else 404."""
    module = course.module(module_id)
    if module is None:
        abort(404)
    return module


def quiz_or_404(course: Course, quiz_id: str) -> Quiz:
    """Return a module quiz of the course (not a live set), else 404."""
    try:
        return learning.module_quiz(course, quiz_id)
    except NotFound:
        abort(404)


def module_number(course: Course, module: Module) -> int:
    """Return the module's position in the programme, from 1."""
    return course.modules.index(module) + 1


@bp.get("/")
@participant_required
def home():
    """Show the participant's session, modules and progress."""
    course = my_course()
    progress = learning.progress(current_user, course)
    done = learning.units_done(current_user)
    return render_template(
        "learner/home.html",
        course=course,
        progress=progress,
        rows=list(zip(course.modules, progress.modules, strict=True)),
        next_unit=next((u for m in course.modules for u in m.units if u.id not in done), None),
    )


@bp.get("/modules/<module_id>")
@participant_required
def module(module_id: str):
    """List a module's units with ticks for those done, and its quiz."""
    course = my_course()
    module = module_or_404(course, module_id)
    quiz = module.quizzes[0] if module.quizzes else None
    return render_template(
        "learner/module.html",
        course=course,
        module=module,
        number=module_number(course, module),
        done=learning.units_done(current_user),
        quiz=quiz,
        attempts=learning.attempts(current_user, quiz.id) if quiz else [],
    )


@bp.get("/units/<unit_id>")
@participant_required
def unit(unit_id: str):
    """Show a unit with its previous and next units and the "done" button."""
    course = my_course()
    unit = course.unit(unit_id)
    if unit is None:
        abort(404)
    module = module_or_404(course, unit.module)
    index = module.units.index(unit)
    return render_template(
        "learner/unit.html",
        course=course,
        module=module,
        number=module_number(course, module),
        unit=unit,
        position=index + 1,
        previous=module.units[index - 1] if index > 0 else None,
        next=module.units[index + 1] if index + 1 < len(module.units) else None,
        quiz=module.quizzes[0] if module.quizzes else None,
        is_done=unit.id in learning.units_done(current_user),
    )


@bp.post("/units/<unit_id>/done")
@participant_required
def mark_done(unit_id: str):
    """Record the unit as done (once), then go on to the next unit or back to the module."""
    course = my_course()
    try:
        recorded = learning.mark_unit_done(current_user, course, unit_id)
    except NotFound:
        abort(404)
    except Conflict as error:  # the session is closed
        flash(error.message, "error")
        return redirect(url_for(".unit", unit_id=unit_id), 303)
    unit = course.unit(unit_id)
    module = module_or_404(course, unit.module)
    if recorded:
        flash(gettext("« %(title)s » : séquence terminée.", title=unit.title), "success")
    else:
        flash(gettext("« %(title)s » était déjà marquée comme terminée.", title=unit.title))
    index = module.units.index(unit)
    if index + 1 < len(module.units):
        return redirect(url_for(".unit", unit_id=module.units[index + 1].id), 303)
    return redirect(url_for(".module", module_id=module.id), 303)


def render_quiz_page(template: str, course: Course, quiz: Quiz, **context):
    """Render a page of a quiz with its course, module and module number around it."""
    module = module_or_404(course, quiz.module)
    number = module_number(course, module)
    return render_template(
        template, course=course, module=module, number=number, quiz=quiz, **context
    )


def render_quiz(course, quiz, *, submitted=None, errors=None, general=None, status=200):
    """Render the quiz form; only what ``public_view`` gives reaches the page."""
    previous = learning.attempts(current_user, quiz.id)
    questions = []
    for number, question in enumerate(quiz.questions, 1):
        shown = public_view(question, participant_seed(current_user.id, question.id))
        shown.update(
            number=number,
            optional=not getattr(question, "required", True),
            widget=get_type(question.type).widget,
            choices=choices_of(shown),
            first_input=first_input_id(shown),
        )
        questions.append(shown)
    return render_quiz_page(
        "learner/quiz.html",
        course,
        quiz,
        questions=questions,
        previous=previous,
        attempt_number=len(previous) + 1,
        remaining=learning.remaining_attempts(current_user, quiz),
        submitted=submitted if submitted is not None else MultiDict(),
        errors=errors or {},
        general=general,
        new_key=new_key,
    ), status


def render_closed(course, quiz, message: str):
    """Refuse a new attempt: the attempts are used up or the session is closed (409)."""
    return render_quiz_page(
        "learner/quiz_closed.html",
        course,
        quiz,
        message=message,
        attempts=learning.attempts(current_user, quiz.id),
    ), 409


@bp.route("/quizzes/<quiz_id>", methods=["GET", "POST"])
@participant_required
def quiz(quiz_id: str):
    """Show a module quiz as one form; grade and store a complete submission."""
    course = my_course()
    quiz = quiz_or_404(course, quiz_id)
    used = len(learning.attempts(current_user, quiz.id))
    if request.method == "POST":
        # The form carries its idempotency key and names the attempt it was shown for: a double
        # tap or a resent form must not spend a second attempt.
        try:
            earlier = learning.attempt_with_key(
                current_user, checked_key(request.form.get(IDEMPOTENCY_FIELD))
            )
        except Invalid:
            earlier = None  # submit() shows the form again
        if earlier is not None and earlier.quiz_id == quiz.id:
            flash(gettext("Cette tentative a déjà été enregistrée : voici son résultat."))
            return redirect(url_for(".attempt", quiz_id=quiz.id, number=earlier.number), 303)
        sent_for = as_int(request.form.get(ATTEMPT_FIELD))
        if sent_for is not None and 1 <= sent_for <= used:
            flash(gettext("Cette tentative a déjà été enregistrée : voici son résultat."))
            return redirect(url_for(".attempt", quiz_id=quiz.id, number=sent_for), 303)
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        used_up = ngettext(
            "Vous avez utilisé votre tentative.",
            "Vous avez utilisé vos %(num)s tentatives.",
            quiz.max_attempts,
        )
        return render_closed(course, quiz, used_up)
    if learning.session_closed(current_user):
        return render_closed(course, quiz, gettext(learning.QUIZ_CLOSED))
    if request.method == "GET":
        return render_quiz(course, quiz)
    return submit(course, quiz, used)


def submit(course: Course, quiz: Quiz, used: int):
    """Parse the form, call the service, and answer with the result or the form and its errors."""
    parsed = parse_quiz_form(quiz.questions, request.form)
    if parsed.unexpected or as_int(request.form.get(ATTEMPT_FIELD)) != used + 1:
        general = gettext(
            "Le formulaire reçu ne correspond pas à ce quiz. Vérifiez vos réponses ci-dessous "
            "puis validez à nouveau."
        )
        return render_quiz(
            course,
            quiz,
            submitted=request.form,
            errors=parsed.errors,
            general=general,
            status=422,
        )
    try:
        key = request.form.get(IDEMPOTENCY_FIELD)
        attempt = learning.submit_quiz(current_user, course, quiz.id, parsed.responses, key)
    except learning.QuizInvalid as error:
        errors = {**error.errors, **parsed.errors}
        return render_quiz(course, quiz, submitted=request.form, errors=errors, status=422)
    except Invalid as error:  # a malformed idempotency key: a fresh form
        general = str(error.message)
        return render_quiz(course, quiz, submitted=MultiDict(), general=general, status=422)
    except Conflict as error:
        if len(learning.attempts(current_user, quiz.id)) > used:  # a twin request won the race
            flash(gettext("Cette tentative a déjà été enregistrée : voici son résultat."))
            return redirect(url_for(".attempt", quiz_id=quiz.id, number=used + 1), 303)
        return render_closed(course, quiz, error.message)
    return redirect(url_for(".attempt", quiz_id=quiz.id, number=attempt.number), 303)


@bp.get("/quizzes/<quiz_id>/attempts/<int:number>")
@participant_required
def attempt(quiz_id: str, number: int):
    """Show one of the caller's attempts: score, answers, right or wrong, feedback, explanation."""
    course = my_course()
    try:
        review = learning.review_attempt(current_user, course, quiz_id, number)
    except NotFound:
        abort(404)
    return render_quiz_page(
        "learner/attempt.html",
        course,
        review.quiz,
        review=review,
        remaining=learning.remaining_attempts(current_user, review.quiz),
    )


@bp.get("/progress")
@participant_required
def progress():
    """Show the caller's progress per module and attainment per objective."""
    course = my_course()
    progress = learning.progress(current_user, course)
    # The same figures as the trainer's dashboard and the attestation, from every source.
    results = figures.figures_for(db.session, course, [current_user.id])[current_user.id]
    return render_template(
        "learner/progress.html",
        course=course,
        progress=progress,
        rows=list(zip(course.modules, progress.modules, strict=True)),
        results=results,
        thresholds=course.attestation.thresholds,
    )
