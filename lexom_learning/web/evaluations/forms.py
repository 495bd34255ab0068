"""Render an evaluation as one phone form, section by section, with the learner's quiz fields."""

from flask import render_template
from werkzeug.datastructures import MultiDict

from ...modules import Evaluation
from ...quizzes import public_view
from ..learner.responses import choices_of, first_input_id, parse_quiz_form
from ..shuffle import participant_seed


def questions_of(
    evaluation: Evaluation, participant_id: int | None = None
) -> list[tuple[object, list[dict]]]:
    """Return each section with the public view of its questions (never an answer), choice
    options in the participant's order."""
    sections, number = [], 0
    for section in evaluation.sections:
        shown = []
        for question in section.questions:
            number += 1
            seed = None if participant_id is None else participant_seed(participant_id, question.id)
            view = public_view(question, seed)
            view.update(
                number=number,
                optional=not getattr(question, "required", False),
                choices=choices_of(view),
                first_input=first_input_id(view),
            )
            shown.append(view)
        sections.append((section, shown))
    return sections


def parse(evaluation: Evaluation, form: MultiDict):
    """Read the submitted form into ``{question id: response}`` (see learner.responses)."""
    return parse_quiz_form(evaluation.questions, form)


def render_form(
    evaluation: Evaluation,
    action: str,
    *,
    submitted=None,
    errors=None,
    general=None,
    status=200,
    participant_id=None,
    **extra,
):
    """Render the evaluation form; after an error the learner's answers are kept."""
    sections = questions_of(evaluation, participant_id)
    return render_template(
        "evaluations/form.html",
        evaluation=evaluation,
        sections=sections,
        total=sum(len(q) for _, q in sections),
        action=action,
        submitted=submitted if submitted is not None else MultiDict(),
        errors=errors or {},
        general=general,
        **extra,
    ), status
