"""The course repository: the courses a process serves, by id (content validated on load)."""

from ..modules import Course


class CourseRepository:
    """Give the courses a process serves, by id (content is validated when it starts)."""

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
