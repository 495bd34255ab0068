"""Read a quiz form into the responses the quiz engine expects, and name what is malformed.

Field names: ``q.<question id>`` for one-input questions (and the checkboxes of a multiple
choice), ``q.<question id>.<item or pair id>`` for the rank of an ordering item (under its
public id, never the author's) or the match of a matching pair. Ids never hold a dot or an
underscore, so names and HTML ids cannot clash.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from ...quizzes import get_type, type_of
from ...quizzes.base import QuestionSpec

ATTEMPT_FIELD = "tentative"
IDEMPOTENCY_FIELD = "idempotency_key"  # generated with the form: a resent form is recognised
RESERVED = frozenset({"csrf_token", ATTEMPT_FIELD, IDEMPOTENCY_FIELD})
_INTEGER = re.compile(r"-?[0-9]{1,9}")  # ASCII only: str.isdigit() accepts "²", int() does not


def as_int(value: str | None) -> int | None:
    """Return a form value as an integer, or None when it is not a plain integer."""
    return int(value) if value is not None and _INTEGER.fullmatch(value) else None


class FormError(ValueError):
    """A question's part of the form is incomplete or was tampered with; says so to the learner."""


def field_name(question_id: str, part: str | None = None) -> str:
    """Return the form field name of a question, or of one of its items."""
    return f"q.{question_id}" if part is None else f"q.{question_id}.{part}"


def input_id(question_id: str, part: str | None = None) -> str:
    """Return the HTML id of a question's input, or of one of its items or options."""
    return f"q_{question_id}" if part is None else f"q_{question_id}_{part}"


@dataclass
class ParsedQuiz:
    """The responses read from a form, per question, and what could not be read."""

    responses: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    unexpected: list[str] = field(default_factory=list)


def _one(form: MultiDict, name: str) -> str | None:
    values = form.getlist(name)
    if len(values) > 1:
        raise FormError(gettext("Une seule réponse est attendue."))
    return values[0] if values and values[0] != "" else None


def _text(question: Any, form: MultiDict) -> str | None:
    return _one(form, field_name(question.id))


def _true_false(question: Any, form: MultiDict) -> Any:
    value = _one(form, field_name(question.id))
    return {"true": True, "false": False}.get(value or "", value)


def _likert(question: Any, form: MultiDict) -> int | None:
    value = _one(form, field_name(question.id))
    if value is None:
        return None
    point = as_int(value)
    if point is None:
        raise FormError(gettext("Choisissez un point de l'échelle."))
    return point


def _ticked(question: Any, form: MultiDict) -> list[str]:
    return form.getlist(field_name(question.id))


def _ordering(question: Any, form: MultiDict) -> list[str] | None:
    count = len(question.items)
    ranks: dict[str, int] = {}
    for item_id in type_of(question).parts(question):
        value = _one(form, field_name(question.id, item_id))
        if value is None:
            continue
        rank = as_int(value)
        if rank is None or not 1 <= rank <= count:
            raise FormError(
                gettext("Rang inconnu : choisissez un rang entre 1 et %(count)s.", count=count)
            )
        ranks[item_id] = rank
    if not ranks:
        return None
    if len(ranks) < count:
        raise FormError(gettext("Donnez un rang à chacun des %(count)s éléments.", count=count))
    used = sorted(ranks.values())
    twice = sorted({r for r in used if used.count(r) > 1})
    if twice:
        listed = ", ".join(str(r) for r in twice)
        raise FormError(
            gettext(
                "Chaque rang ne sert qu'une fois : rang %(ranks)s donné plusieurs fois.",
                ranks=listed,
            )
        )
    return sorted(ranks, key=ranks.__getitem__)


def _matching(question: Any, form: MultiDict) -> dict[str, str] | None:
    chosen = {}
    for pair_id in type_of(question).parts(question):
        value = _one(form, field_name(question.id, pair_id))
        if value is not None:
            chosen[pair_id] = value
    if not chosen:
        return None
    if len(chosen) < len(question.pairs):
        raise FormError(
            gettext("Associez chacun des %(count)s éléments.", count=len(question.pairs))
        )
    return chosen


# One reader per widget (``QuestionType.widget``): a type reuses the widget it is drawn with.
READERS: dict[str, Callable[[Any, MultiDict], Any]] = {
    "single_choice": _text,
    "true_false": _true_false,
    "multiple_choice": _ticked,
    "numeric": _text,
    "short_text": _text,
    "free_text": _text,
    "likert": _likert,
    "ordering": _ordering,
    "matching": _matching,
}


def expected_names(question: Any) -> set[str]:
    """Return every field name the form of this question may send."""
    parts = type_of(question).parts(question)
    if parts is None:
        return {field_name(question.id)}
    return {field_name(question.id, part) for part in parts}


def parse_quiz_form(questions: Iterable[QuestionSpec], form: MultiDict) -> ParsedQuiz:
    """Read the answer to every question; a question that cannot be read gets None and a message.

    Values are not judged here (unknown option, text in a number...): the quiz engine does it.
    """
    parsed = ParsedQuiz()
    expected = set(RESERVED)
    for question in questions:
        expected |= expected_names(question)
        try:
            parsed.responses[question.id] = READERS[type_of(question).widget](question, form)
        except FormError as error:
            parsed.responses[question.id] = None
            parsed.errors[question.id] = str(error)
    parsed.unexpected = sorted(set(form.keys()) - expected)
    return parsed


def choices_of(view: dict[str, Any]) -> list[dict[str, str]]:
    """Return the value and label of each radio or checkbox of a question's public view."""
    return get_type(view["type"]).choices(view, gettext)


def first_input_id(view: dict[str, Any]) -> str:
    """Return the HTML id of the first input of a question (where an error link leads)."""
    return input_id(view["id"], get_type(view["type"]).first_part(view))
