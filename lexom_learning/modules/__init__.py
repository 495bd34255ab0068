"""The course content model and its loader. Pure: no web, storage or XBlock imports."""

from .course import Course, Evaluation, LiveQuiz, Module, Quiz, RolePlayCase, Section, Unit
from .export import export_course
from .loader import content_version, load_course
from .problems import ContentError, Problem

__all__ = [
    "ContentError",
    "Course",
    "Evaluation",
    "LiveQuiz",
    "Module",
    "Problem",
    "Quiz",
    "RolePlayCase",
    "Section",
    "Unit",
    "content_version",
    "export_course",
    "load_course",
]
