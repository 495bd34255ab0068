"""What a live question shows: the card before closing, the solution after (pure).

A card is built from ``quizzes.public_view`` only, so it never carries the answer; the solution
is a separate function, called by the adapters once the question is closed.
"""

from typing import Any

from ..quizzes import (
    ResponseError,
    matching,
    ordering,
    public_view,
    stored_response,
    validate_response,
)
from ..quizzes.base import QuestionSpec
from ..quizzes.numbers import format_number
from ..quizzes.shuffle import seed_for

TRUE_FALSE_OPTIONS = ({"id": "true", "text": "Vrai"}, {"id": "false", "text": "Faux"})
CARD_EXTRAS = ("unit", "items", "left", "right", "scale", "max_length")


def room_seed(run_id: int, question_id: str) -> str:
    """Return the seed of a live question's option order: one order for the whole room, so the
    projector's letters match every phone."""
    return seed_for("live", f"run:{run_id}", question_id)


def card(spec: QuestionSpec, index: int, seed: str | None = None) -> dict[str, Any]:
    """Return what anyone may see of question ``index`` while it is open: never the answer.

    ``seed`` (``room_seed``) orders the options of a choice question.
    """
    public = public_view(spec, seed)
    options = public.get("options")
    if spec.type == "true_false":
        options = [dict(o) for o in TRUE_FALSE_OPTIONS]
    shown = {
        "index": index,
        "question_id": spec.id,
        "prompt": public["prompt"],
        "type": spec.type,
        "options": list(options or []),
    }
    shown.update({key: public[key] for key in CARD_EXTRAS if key in public})
    return shown


def solution(spec: QuestionSpec) -> Any:
    """Return the expected response, shaped as a response (None for ungraded questions)."""
    kind = spec.type
    if kind == "single_choice":
        return next(o.id for o in spec.options if o.correct)
    if kind == "multiple_choice":
        return [o.id for o in spec.options if o.correct]
    if kind in ("true_false", "numeric"):
        return spec.answer
    if kind == "ordering":
        return ordering.answer_key(spec)
    if kind == "matching":
        return matching.answer_key(spec)
    if kind == "short_text":
        return spec.accepted[0]
    return None


def solution_text(spec: QuestionSpec) -> str:
    """Return the expected response in words, for the phone and the projector once closed."""
    kind = spec.type
    if kind in ("single_choice", "multiple_choice"):
        return " ; ".join(o.text for o in spec.options if o.correct)
    if kind == "true_false":
        return "Vrai" if spec.answer else "Faux"
    if kind == "numeric":
        return f"{format_number(spec.answer)} {spec.unit}".strip()
    if kind == "ordering":
        return " → ".join(i.text for i in spec.items)
    if kind == "matching":
        return " ; ".join(f"{p.left} → {p.right}" for p in spec.pairs)
    if kind == "short_text":
        return spec.accepted[0]
    return ""


def describe(spec: QuestionSpec, response: Any) -> str:
    """Return a stored response in words (« Économique », « 12 % », « Vrai »...)."""
    try:
        value = validate_response(spec, stored_response(spec, response))
    except ResponseError:
        return str(response)
    kind = spec.type
    if kind in ("single_choice", "multiple_choice"):
        chosen = [value] if isinstance(value, str) else value
        texts = {o.id: o.text for o in spec.options}
        return " ; ".join(texts[c] for c in chosen) or "(aucune option)"
    if kind == "true_false":
        return "Vrai" if value else "Faux"
    if kind == "numeric":
        return f"{format_number(value)} {spec.unit}".strip()
    if kind == "ordering":
        texts = ordering.item_texts(spec)
        return " → ".join(texts[i] for i in value)
    if kind == "matching":
        lefts = {p.id: p.left for p in spec.pairs}
        rights = matching.right_texts(spec)
        return " ; ".join(f"{lefts[k]} → {rights[v]}" for k, v in value.items())
    return str(value)


def chosen_options(spec: QuestionSpec, response: Any) -> list[str]:
    """Return the option ids a response picks (choice and true/false questions), else []."""
    try:
        value = validate_response(spec, response)
    except ResponseError:
        return []
    if spec.type == "single_choice":
        return [value]
    if spec.type == "multiple_choice":
        return list(value)
    if spec.type == "true_false":
        return ["true" if value else "false"]
    return []
