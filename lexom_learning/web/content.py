"""The course repository the views use: content files loaded once per app."""

from flask import Flask, abort, current_app

from ..modules import Course, load_course


class CourseRepository:
    """Give the courses an app serves, by id (content is validated when the app starts)."""

    def __init__(self, courses: list[Course]):
        self._courses = {c.id: c for c in courses}

    def get(self, course_id: str) -> Course | None:
        """Return the course with that id, or None."""
        return self._courses.get(course_id)

    def default(self) -> Course:
        """Return the first course (the app serves MRK-STRA-05)."""
        return next(iter(self._courses.values()))

    def all(self) -> list[Course]:
        """Return every course."""
        return list(self._courses.values())


def init_app(app: Flask) -> None:
    """Load and validate the content, then attach the repository to the app."""
    repository = app.config.get("LEXOM_COURSES")
    if repository is None:
        repository = CourseRepository([load_course(app.config["LEXOM_CONTENT_DIR"])])
    app.extensions["lexom_courses"] = repository


def courses() -> CourseRepository:
    """Return the current app's course repository."""
    return current_app.extensions["lexom_courses"]


def course_or_404(course_id: str) -> Course:
    """Return the course with that id or answer 404."""
    course = courses().get(course_id)
    if course is None:
        abort(404)
    return course
