"""Where the blocks find the course: the files shipped in the package, looked up by id.

A wheel carries the top-level ``content/`` folder as ``lexom_learning/xblocks/course_content``
(mapped at build time in ``setup.cfg``); a checkout (editable install) reads ``content/`` itself.
``LEXOM_CONTENT_DIR`` (a course folder, as for the Flask app) overrides both.
"""

import os
from functools import lru_cache
from pathlib import Path

from ..modules import Course, Evaluation, Quiz, RolePlayCase, load_course

COURSE_ID = "mrk-stra-05"
PACKAGED = Path(__file__).resolve().parent / "course_content"
CHECKOUT = Path(__file__).resolve().parents[2] / "content"


def course_dir(course_id: str = COURSE_ID) -> Path:
    """Return the folder of the course: the override, the package's copy, else the checkout's.

    :raises FileNotFoundError: when no copy of the course can be found.
    """
    override = os.environ.get("LEXOM_CONTENT_DIR")
    candidates = [Path(override)] if override else [PACKAGED / course_id, CHECKOUT / course_id]
    for folder in candidates:
        if (folder / "course.yaml").is_file():
            return folder
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"course {course_id!r} not found (looked in {tried})")


@lru_cache(maxsize=4)
def _load(folder: str) -> Course:
    return load_course(folder)


def course(course_id: str = COURSE_ID) -> Course:
    """Return the validated course, loaded once per process.

    :raises FileNotFoundError: no copy of the course. :raises ContentError: invalid content.
    """
    return _load(str(course_dir(course_id)))


def module_quiz(quiz_id: str) -> Quiz | None:
    """Return the module quiz with that id, or None (live-quiz sets are not module quizzes)."""
    quiz = course().quiz(quiz_id)
    return quiz if isinstance(quiz, Quiz) else None


def roleplay(case_id: str) -> RolePlayCase | None:
    """Return the role-play case with that id, or None."""
    return course().roleplay(case_id)


def evaluation(kind: str) -> Evaluation | None:
    """Return the evaluation of that kind (positioning, hot, cold), or None."""
    return course().evaluations.get(kind)


def module_quizzes() -> list[Quiz]:
    """Return every module quiz, in programme order."""
    return [q for m in course().modules for q in m.quizzes]
