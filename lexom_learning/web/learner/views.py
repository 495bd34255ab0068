"""Participant pages."""

from flask import Blueprint, render_template
from flask_login import current_user

from ...services import learning
from ..content import courses
from ..security import participant_required

bp = Blueprint("learner", __name__, url_prefix="/me")


@bp.get("/")
@participant_required
def home():
    """Show the participant's modules and progress."""
    course = courses().get(current_user.session.course_id)
    return render_template(
        "learner/home.html", course=course, progress=learning.progress(current_user, course)
    )
