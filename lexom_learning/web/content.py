"""The web app's side of the services' context: its course repository, its service context."""

from flask import Flask, abort, current_app
from flask_babel import get_translations

from ..extensions import db
from ..modules import Course, load_course
from ..services import context
from ..services.repository import CourseRepository


def init_app(app: Flask) -> None:
    """Load and validate the content, then attach the repository to the app."""
    repository = app.config.get("LEXOM_COURSES")
    if repository is None:
        repository = CourseRepository([load_course(app.config["LEXOM_CONTENT_DIR"])])
    app.extensions["lexom_courses"] = repository


def gettext_now(text: str) -> str:
    """Return a French source string in the current request's language (French outside one)."""
    return get_translations().ugettext(text)


def for_app(app: Flask) -> context.ServiceContext:
    """Return the context of a Flask app (its scoped session, its courses, its config)."""
    courses_of_app = app.extensions["lexom_courses"]
    return context.build(
        app.config, db.session, courses_of_app, gettext_now, instance_path=app.instance_path
    )


def reentry():
    """Return what opens the current app's context again (a thread, a streamed response)."""
    return current_app._get_current_object().app_context


def service_context() -> context.ServiceContext:
    """Return the current app's service context (its config read now: tests may change it)."""
    return for_app(current_app)


def courses() -> CourseRepository:
    """Return the current app's course repository."""
    return current_app.extensions["lexom_courses"]


def course_or_404(course_id: str) -> Course:
    """Return the course with that id or answer 404."""
    course = courses().get(course_id)
    if course is None:
        abort(404)
    return course
