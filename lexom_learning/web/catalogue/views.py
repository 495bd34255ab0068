"""Public pages of the course: programme, modules and units rendered from content."""

from flask import Blueprint, abort, redirect, render_template, url_for

from ..content import course_or_404, courses

bp = Blueprint("catalogue", __name__)


@bp.get("/")
def index():
    """Send visitors to the course page."""
    return redirect(url_for("catalogue.course", course_id=courses().default().id))


@bp.get("/courses/<course_id>")
def course(course_id: str):
    """Show the course: title, ref, duration, objectives, programme."""
    return render_template("catalogue/course.html", course=course_or_404(course_id))


@bp.get("/courses/<course_id>/modules/<module_id>")
def module(course_id: str, module_id: str):
    """Show a module with its units."""
    course = course_or_404(course_id)
    found = course.module(module_id)
    if found is None:
        abort(404)
    return render_template("catalogue/module.html", course=course, module=found)
