"""Fixtures of the block tests: an in-memory runtime, answers built from the course, Django.

Django is set up here, for pytest-django and the workbench test (tests/xblocks/test_workbench.py);
the other block tests run in the in-memory runtime of tests/xblocks/runtime.py.
"""

import os

import django
import pytest

from lexom_learning.quizzes import matching, ordering
from lexom_learning.xblocks import content

from .runtime import Store

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.xblocks.django_settings"
django.setup()


@pytest.fixture
def store() -> Store:
    """A fresh in-memory store: ids, field data and published events."""
    return Store()


@pytest.fixture(scope="session")
def shipped_course():
    """The course as the blocks load it (the package's copy, else the checkout's)."""
    return content.course()


def right_answer(question):
    """Return a response that earns every point of a question (any answer for ungraded ones)."""
    kind = question.type
    if kind == "single_choice":
        return next(o.id for o in question.options if o.correct)
    if kind == "multiple_choice":
        return [o.id for o in question.options if o.correct]
    if kind == "true_false":
        return "true" if question.answer else "false"
    if kind == "numeric":
        return str(question.answer).replace(".", ",")
    if kind == "ordering":
        return ordering.answer_key(question)
    if kind == "matching":
        return matching.answer_key(question)
    if kind == "short_text":
        return question.accepted[0]
    if kind == "likert":
        return question.scale.max
    return "Un commentaire."


def wrong_answer(question):
    """Return a well-formed response that earns nothing (None for ungraded questions)."""
    kind = question.type
    if kind == "single_choice":
        return next(o.id for o in question.options if not o.correct)
    if kind == "multiple_choice":
        return [o.id for o in question.options if not o.correct] or []
    if kind == "true_false":
        return "false" if question.answer else "true"
    if kind == "numeric":
        return str(question.answer * 10 + 1000)
    if kind == "ordering":
        return ordering.answer_key(question)[::-1]
    if kind == "matching":
        key = matching.answer_key(question)
        matches = list(key.values())
        return dict(zip(key, matches[1:] + matches[:1], strict=True))
    if kind == "short_text":
        return "zzz"
    return None
