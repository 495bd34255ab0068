"""Show a stored response the way the learner gave it: option texts, ranks, pairs, numbers."""

from typing import Any

from flask_babel import gettext

from ...quizzes import ResponseError, stored_response
from ...quizzes.matching import right_texts
from ...quizzes.numbers import format_number, parse_number
from ...quizzes.ordering import item_texts


def _texts(entries: Any) -> dict[str, str]:
    return {entry.id: entry.text for entry in entries}


def describe(question: Any, response: Any) -> list[str]:
    """Return the learner's response as lines of text (one line, or one per item, in order).

    Falls back to the raw value when the question is gone or the response no longer fits it.
    """
    if question is None:
        return [str(response)]
    kind = question.type
    try:
        if kind == "single_choice":
            return [_texts(question.options)[response]]
        if kind == "multiple_choice":
            options = _texts(question.options)
            return [options[option_id] for option_id in response]
        if kind == "true_false":
            return [gettext("Vrai") if response in (True, "true", "vrai") else gettext("Faux")]
        if kind == "numeric":
            unit = f"\u202f{question.unit}" if question.unit else ""
            return [f"{format_number(parse_number(response, question.unit))}{unit}"]
        if kind == "ordering":
            items = item_texts(question)
            return [items[item_id] for item_id in stored_response(question, response)]
        if kind == "matching":
            lefts = {p.id: p.left for p in question.pairs}
            rights = right_texts(question)
            pairs = stored_response(question, response).items()
            return [f"{lefts[left]} → {rights[right]}" for left, right in pairs]
        if kind == "likert":
            label = question.scale.labels.get(int(response))
            return [f"{response} – {label}" if label else str(response)]
    except (KeyError, TypeError, ValueError, AttributeError, ResponseError):
        return [str(response)]
    text = str(response).strip()
    return [text] if text else [gettext("(pas de réponse)")]
