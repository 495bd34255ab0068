"""The quiz block: a module quiz of the course by id, graded by the core, scored for the LMS.

The last attempt counts (as for Open edX problems); its score goes to the LMS through
``ScorableXBlockMixin`` and ``runtime.publish(self, "grade", ...)``, and every submission marks
the block complete.
"""

from typing import Any

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, Float, Integer, List, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score

from ..modules import Quiz
from ..quizzes import rules, stored_response
from . import content, scenarios
from .answers import BadRequest, grade_all, quiz_blank, record, responses_of
from .base import LexomBlock, json_error, question_views, studio_field, verdict_only
from .i18n import N_


class QuizBlock(ScorableXBlockMixin, CompletableXBlockMixin, LexomBlock):
    """A module quiz: every question type, attempts, feedback and explanation, a score."""

    icon_class = "problem"

    quiz_id = String(
        display_name=N_("Quiz"),
        help=N_("Identifiant du quiz de module (m1-quiz à m7-quiz)"),
        scope=Scope.content,
        default="m1-quiz",
    )
    max_attempts = Integer(
        display_name=N_("Tentatives autorisées"),
        help=N_("Vide : le nombre prévu par le quiz"),
        scope=Scope.settings,
        default=None,
    )
    attempts = Integer(scope=Scope.user_state, default=0)
    responses = Dict(scope=Scope.user_state, help="The responses of the last attempt")
    results = Dict(scope=Scope.user_state, help="Per question: earned, possible, correct")
    raw_earned = Float(scope=Scope.user_state, default=None)
    raw_possible = Float(scope=Scope.user_state, default=None)
    scores = List(scope=Scope.user_state, help="[earned, possible] of every attempt, in order")

    @property
    def quiz(self) -> Quiz | None:
        """Return the quiz this block shows, or None when its id is unknown."""
        return content.module_quiz(self.quiz_id)

    def attempts_allowed(self, quiz: Quiz) -> int | None:
        """Return the number of attempts allowed (None: unlimited)."""
        return self.max_attempts or quiz.max_attempts

    def attempts_left(self, quiz: Quiz) -> int | None:
        """Return how many attempts are left (None: unlimited)."""
        allowed = self.attempts_allowed(quiz)
        return None if allowed is None else max(0, allowed - self.attempts)

    def max_score(self) -> float:
        """Return the points of the graded questions."""
        quiz = self.quiz
        return float(sum(q.points for q in quiz.questions if q.graded)) if quiz else 0.0

    # --- ScorableXBlockMixin ------------------------------------------------------------------

    def has_submitted_answer(self) -> bool:
        """Say whether the learner has submitted an attempt."""
        return self.attempts > 0

    def get_score(self) -> Score:
        """Return the stored score of the last attempt."""
        possible = self.raw_possible if self.raw_possible is not None else self.max_score()
        return Score(raw_earned=self.raw_earned or 0.0, raw_possible=possible)

    def set_score(self, score: Score) -> None:
        """Store a score."""
        self.raw_earned, self.raw_possible = score.raw_earned, score.raw_possible

    def calculate_score(self) -> Score:
        """Grade the last attempt's responses again with the current content."""
        quiz = self.quiz
        if quiz is None:
            return self.get_score()
        _ = self.translator.gettext
        blanks = [(q, quiz_blank(q)) for q in quiz.questions]
        stored = dict(self.responses)
        responses = {
            q.id: stored_response(q, stored[q.id]) for q in quiz.questions if q.id in stored
        }
        results, _errors = grade_all(blanks, responses, _)
        return Score(sum(r.earned for r in results.values()), self.max_score())

    # --- views and handlers -------------------------------------------------------------------

    def student_view(self, context: dict | None = None) -> Fragment:
        """Show the questions, and after a submission the score, feedback and explanations."""
        return self.fragment(self._html(), "LexomQuizBlock")

    @XBlock.json_handler
    def submit(self, data: Any, suffix: str = "") -> Any:
        """Grade ``{"responses": {question id: response}}`` as one attempt.

        Answers 400 with ``errors`` by question when some answers are missing or malformed
        (no attempt is used then), 409 when no attempt is left, 404 for an unknown quiz.
        """
        _ = self.translator.gettext
        quiz = self.quiz
        if quiz is None:
            return json_error(404, _("Quiz introuvable : {id}.").format(id=self.quiz_id))
        if self.attempts_left(quiz) == 0:
            return json_error(409, _("Vous avez utilisé toutes vos tentatives."))
        try:
            responses = responses_of(data, [q.id for q in quiz.questions], _)
        except BadRequest as error:
            return json_error(400, str(error))
        results, errors = grade_all([(q, quiz_blank(q)) for q in quiz.questions], responses, _)
        if errors:
            return json_error(400, _("Certaines réponses sont à corriger."), errors=errors)
        self.attempts += 1
        self.responses = {k: v for k, v in responses.items() if k in results}
        self.results = {k: record(r) for k, r in results.items()}
        score = Score(sum(r.earned for r in results.values()), self.max_score())
        self.set_score(score)
        self.scores = [*self.scores, [score.raw_earned, score.raw_possible]]
        self._publish_grade(score)
        self.emit_completion(1.0)
        return {
            "earned": score.raw_earned,
            "possible": score.raw_possible,
            "passed": self._passed(quiz),
            "attempts": self.attempts,
            "attempts_left": self.attempts_left(quiz),
            "answers_revealed": self.answers_revealed(quiz),
            "results": self._shown_results(quiz),
            "html": self._html(),
        }

    def attempt_scores(self) -> list[tuple[float, float]]:
        """Return (earned, possible) of every attempt; state older than that list keeps the last."""
        if self.scores:
            return [(earned, possible) for earned, possible in self.scores]
        if not self.has_submitted_answer():
            return []
        return [tuple(self.get_score())] * self.attempts

    def answers_revealed(self, quiz: Quiz) -> bool:
        """Say whether feedback and explanations may show (``quizzes.rules``, as in the web app)."""
        scores = self.attempt_scores()
        return bool(scores) and rules.answers_revealed(
            scores, self.attempts_allowed(quiz), closed=False
        )

    def _passed(self, quiz: Quiz) -> bool | None:
        return rules.quiz_passed(self.attempt_scores(), quiz.pass_pct)

    def _shown_results(self, quiz: Quiz) -> dict[str, Any]:
        if self.answers_revealed(quiz):
            return self.results
        return {key: verdict_only(result) for key, result in self.results.items()}

    def _html(self) -> str:
        quiz = self.quiz
        if quiz is None:
            return self.render_html("missing.html", title=self.display_name, what=self.quiz_id)
        earned, possible = self.get_score()
        return self.render_html(
            "quiz.html",
            title=self.display_name or quiz.title,
            quiz=quiz,
            questions=question_views(
                quiz.questions,
                self.responses,
                self.results,
                self.answers_revealed(quiz),
                verdicts=True,
                owner=self.learner_key,
            ),
            revealed=self.answers_revealed(quiz),
            submitted=self.has_submitted_answer(),
            earned=earned,
            possible=possible,
            percent=round(100 * earned / possible) if possible else 0,
            passed=self._passed(quiz),
            attempts=self.attempts,
            allowed=self.attempts_allowed(quiz),
            left=self.attempts_left(quiz),
        )

    # --- the author's form --------------------------------------------------------------------

    def studio_fields(self, _) -> list[dict[str, Any]]:
        """Add the quiz to show and the number of attempts."""
        quizzes = [(q.id, f"{q.id} — {q.title}") for q in content.module_quizzes()]
        attempts = "" if self.max_attempts is None else self.max_attempts
        keep = _("Laissez vide pour garder le nombre prévu par le quiz.")
        return [
            *super().studio_fields(_),
            studio_field("quiz_id", _("Quiz"), "select", self.quiz_id, options=quizzes),
            studio_field("max_attempts", _("Tentatives autorisées"), "number", attempts, help=keep),
        ]

    def studio_apply(self, values: dict[str, Any], _) -> dict[str, str]:
        """Check and save the name, quiz and attempts."""
        errors: dict[str, str] = {}
        name = self._checked_name(values, errors, _)
        quiz_id = values.get("quiz_id", self.quiz_id)
        if not isinstance(quiz_id, str) or content.module_quiz(quiz_id) is None:
            errors["quiz_id"] = _("Choisissez un quiz de la liste.")
        attempts = values.get("max_attempts", self.max_attempts)
        if attempts in ("", None):
            attempts = None
        elif isinstance(attempts, str) and attempts.strip().isdigit():
            attempts = int(attempts)
        if attempts is not None and (
            isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= 99
        ):
            errors["max_attempts"] = _("Un nombre entier de 1 à 99, ou vide.")
        if not errors:
            self.display_name, self.quiz_id, self.max_attempts = name, quiz_id, attempts
        return errors

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """Offer every module quiz, and a vertical per module with its quiz and role plays."""
        return scenarios.quizzes() + scenarios.module_verticals()
