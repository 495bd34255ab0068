"""The evaluation block: the positioning test, the hot or the cold evaluation, answered once.

Knowledge items are graded by the core (a blank one earns nothing: « je ne sais pas »); the
questionnaire items are optional unless marked required. After submitting, the learner sees, per
objective, the knowledge score (``lexom_learning.attainment``) beside their own self-assessment.
The positioning test never shows corrections: its items come back in the hot evaluation.
"""

from typing import Any

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Scope, String

from ..attainment import LEVEL_LABELS, Evidence
from ..attainment.figures import scores
from ..evaluations import KIND_LABELS
from ..modules import Evaluation
from ..quizzes import type_of
from . import content, scenarios
from .answers import BadRequest, Blank, grade_all, record, responses_of
from .base import LexomBlock, json_error, question_views, studio_field
from .i18n import N_


class EvaluationBlock(CompletableXBlockMixin, LexomBlock):
    """An evaluation of the course: knowledge test, questionnaire, per-objective self-assessment."""

    icon_class = "problem"

    kind = String(
        display_name=N_("Évaluation"),
        help=N_("positioning, hot ou cold"),
        scope=Scope.content,
        default="positioning",
        values=list(KIND_LABELS),
    )
    responses = Dict(scope=Scope.user_state, help="The learner's answers")
    results = Dict(scope=Scope.user_state, help="Per answered question: earned, possible")
    submitted = Boolean(scope=Scope.user_state, default=False)

    @property
    def evaluation(self) -> Evaluation | None:
        """Return the evaluation this block shows, or None for an unknown kind."""
        return content.evaluation(self.kind)

    @property
    def reveals_answers(self) -> bool:
        """Say whether corrections follow the submission (never for the positioning test)."""
        return self.kind != "positioning"

    def student_view(self, context: dict | None = None) -> Fragment:
        """Show the sections; once submitted, the results and the per-objective summary."""
        return self.fragment(self._html(), "LexomEvaluationBlock")

    @XBlock.json_handler
    def submit(self, data: Any, suffix: str = "") -> Any:
        """Record ``{"responses": {question id: response}}``, once.

        Answers 400 with ``errors`` by question for malformed or missing required answers,
        409 once submitted, 404 for an unknown evaluation.
        """
        _ = self.translator.gettext
        evaluation = self.evaluation
        if evaluation is None:
            return json_error(404, _("Évaluation introuvable : {id}.").format(id=self.kind))
        if self.submitted:
            return json_error(409, _("Vous avez déjà répondu à cette évaluation."))
        try:
            responses = responses_of(data, [q.id for q in evaluation.questions], _)
        except BadRequest as error:
            return json_error(400, str(error))
        blanks = [
            (q, Blank.ZERO if s.graded else _questionnaire_blank(q))
            for s in evaluation.sections
            for q in s.questions
        ]
        results, errors = grade_all(blanks, responses, _)
        if errors:
            return json_error(400, _("Certaines réponses sont à corriger."), errors=errors)
        self.responses = {k: v for k, v in responses.items() if k in results}
        self.results = {k: record(r) for k, r in results.items()}
        self.submitted = True
        self.emit_completion(1.0)
        return {"submitted": True, "objectives": self._objectives(), "html": self._html()}

    def _objectives(self) -> list[dict[str, Any]]:
        """Return, per objective, the knowledge score and the learner's self-assessment."""
        evaluation = self.evaluation
        course = content.course()
        evidence, rated = [], {o: [] for o in course.objective_ids}
        for section in evaluation.sections:
            for question in section.questions:
                result = self.results.get(question.id)
                if section.graded and result:
                    evidence.append(
                        Evidence(
                            tuple(question.objectives),
                            result["earned"],
                            result["possible"],
                            question.id,
                        )
                    )
                elif section.kind == "self_assessment" and type_of(question).summary == "ratings":
                    answer = _as_int(self.responses.get(question.id))
                    if answer is not None:
                        label = question.scale.labels.get(answer, str(answer))
                        for objective in question.objectives:
                            rated[objective].append(label)
        # The figures' computation the web app uses (attainment.figures), on this block's answers.
        thresholds = course.attestation.thresholds.model_dump()
        found = scores(evidence, course.objective_ids, thresholds)
        return [
            {
                "id": o.id,
                "text": o.text,
                "percent": found[o.id][0],
                "level": found[o.id][1],
                "self_assessment": rated[o.id],
            }
            for o in course.objectives
        ]

    def _html(self) -> str:
        evaluation = self.evaluation
        if evaluation is None:
            return self.render_html("missing.html", title=self.display_name, what=self.kind)
        reveal = self.reveals_answers
        sections = [
            {
                "section": s,
                "questions": question_views(
                    s.questions, self.responses, self.results, reveal, owner=self.learner_key
                ),
            }
            for s in evaluation.sections
        ]
        return self.render_html(
            "evaluation.html",
            title=self.display_name or evaluation.title,
            evaluation=evaluation,
            sections=sections,
            submitted=self.submitted,
            reveal=reveal,
            objectives=self._objectives() if self.submitted else [],
            level_names=LEVEL_LABELS,
        )

    # --- the author's form --------------------------------------------------------------------

    def studio_fields(self, _) -> list[dict[str, Any]]:
        """Add the evaluation to show."""
        kinds = [(k, _(label)) for k, label in KIND_LABELS.items()]
        kind = studio_field("kind", _("Évaluation"), "select", self.kind, options=kinds)
        return [*super().studio_fields(_), kind]

    def studio_apply(self, values: dict[str, Any], _) -> dict[str, str]:
        """Check and save the name and the evaluation."""
        errors: dict[str, str] = {}
        name = self._checked_name(values, errors, _)
        kind = values.get("kind", self.kind)
        if not isinstance(kind, str) or kind not in KIND_LABELS:
            errors["kind"] = _("Choisissez une évaluation de la liste.")
        if not errors:
            self.display_name, self.kind = name, kind
        return errors

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """Offer the positioning test, the hot and the cold evaluations."""
        return scenarios.evaluations()


def _questionnaire_blank(question: Any) -> Blank:
    return Blank.REQUIRED if getattr(question, "required", False) else Blank.OPTIONAL


def _as_int(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value
