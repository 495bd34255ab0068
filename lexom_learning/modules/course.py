"""The validated course as the rest of the code sees it: modules with their units, quizzes,
role plays, live-quiz sets and evaluations, every reuse resolved and every id indexed."""

from collections.abc import Iterator
from functools import cached_property
from typing import Any

from pydantic import Field

from ..quizzes.base import QuestionSpec
from .markdown import render_markdown, word_count
from .schema import (
    CourseFile,
    DerouleFile,
    EvaluationKind,
    LiveQuizFile,
    ModuleFile,
    QuizFile,
    RolePlayFile,
    SectionKind,
    Strict,
    UnitEntry,
)


class Unit(UnitEntry):
    """A unit of teaching content with its Markdown body."""

    module: str
    body_markdown: str

    @property
    def words(self) -> int:
        """Return the number of words of the body."""
        return word_count(self.body_markdown)

    def html(self) -> str:
        """Return the body rendered and sanitised."""
        return render_markdown(self.body_markdown)


class Quiz(QuizFile):
    """A module quiz."""

    module: str


class LiveQuiz(LiveQuizFile):
    """A live-quiz set for the room."""


class RolePlayCase(RolePlayFile):
    """A role-play case."""

    def role(self, role_id: str):
        """Return the role with that id, or None."""
        return next((r for r in self.roles if r.id == role_id), None)

    @property
    def playing_roles(self) -> list:
        """Return the roles that are not the observer."""
        return [r for r in self.roles if not r.observer]


class Section(Strict):
    """An evaluation section with its questions resolved (reused items included)."""

    id: str
    kind: SectionKind
    title: str
    intro: str = ""
    questions: list[Any]
    reused: list[str] = Field(default=[], description="Ids of items defined in another evaluation")

    @property
    def graded(self) -> bool:
        """Say whether the section is a knowledge test."""
        return self.kind == "knowledge"


class Evaluation(Strict):
    """An evaluation: positioning, hot or cold."""

    id: str
    kind: EvaluationKind
    title: str
    intro: str = ""
    sections: list[Section]

    @property
    def questions(self) -> list[QuestionSpec]:
        """Return every question of every section, in order."""
        return [q for s in self.sections for q in s.questions]

    @property
    def knowledge_questions(self) -> list[QuestionSpec]:
        """Return the graded knowledge items."""
        return [q for s in self.sections if s.graded for q in s.questions]


class Module(ModuleFile):
    """A module of the programme with its units and quiz."""

    units: list[Unit]  # type: ignore[assignment]
    quizzes: list[Quiz] = []
    roleplays: list[RolePlayCase] = []


class Course(CourseFile):
    """The whole validated course."""

    version: str = Field(description="SHA-256 of the content files; records keep it")
    modules: list[Module]  # type: ignore[assignment]
    live_quizzes: list[LiveQuiz]  # type: ignore[assignment]
    evaluations: dict[str, Evaluation]  # type: ignore[assignment]
    deroule: DerouleFile | None = None

    @property
    def roleplays(self) -> list[RolePlayCase]:
        """Return every role-play case, in module order."""
        return [r for m in self.modules for r in m.roleplays]

    @property
    def objective_ids(self) -> list[str]:
        """Return the objective ids in order."""
        return [o.id for o in self.objectives]

    def objective(self, objective_id: str):
        """Return the objective with that id, or None."""
        return next((o for o in self.objectives if o.id == objective_id), None)

    @cached_property
    def _modules(self) -> dict[str, Module]:
        return {m.id: m for m in self.modules}

    @cached_property
    def _quizzes(self) -> dict[str, Quiz | LiveQuiz]:
        quizzes: dict[str, Quiz | LiveQuiz] = {q.id: q for m in self.modules for q in m.quizzes}
        quizzes.update({q.id: q for q in self.live_quizzes})
        return quizzes

    @cached_property
    def _questions(self) -> dict[str, QuestionSpec]:
        return {q.id: q for _, q in self.iter_questions()}

    @cached_property
    def _units(self) -> dict[str, Unit]:
        return {u.id: u for m in self.modules for u in m.units}

    def module(self, module_id: str) -> Module | None:
        """Return the module with that id, or None."""
        return self._modules.get(module_id)

    def unit(self, unit_id: str) -> Unit | None:
        """Return the unit with that id, or None."""
        return self._units.get(unit_id)

    def quiz(self, quiz_id: str) -> Quiz | LiveQuiz | None:
        """Return the module quiz or live-quiz set with that id, or None."""
        return self._quizzes.get(quiz_id)

    def question(self, question_id: str) -> QuestionSpec | None:
        """Return the question with that id wherever it is defined, or None."""
        return self._questions.get(question_id)

    def roleplay(self, case_id: str) -> RolePlayCase | None:
        """Return the role-play case with that id, or None."""
        return next((r for r in self.roleplays if r.id == case_id), None)

    def iter_questions(self) -> Iterator[tuple[str, QuestionSpec]]:
        """Yield (container id, question) for every question, reused items once."""
        seen: set[str] = set()
        containers: list[tuple[str, list]] = [
            (q.id, q.questions) for m in self.modules for q in m.quizzes
        ]
        containers += [(q.id, q.questions) for q in self.live_quizzes]
        containers += [(e.id, e.questions) for e in self.evaluations.values()]
        for container, questions in containers:
            for question in questions:
                if question.id not in seen:
                    seen.add(question.id)
                    yield container, question

    def parallel_pairs(self, first: str, second: str) -> list[tuple[str, str]]:
        """Return (item of ``first``, its parallel in ``second``) for the two evaluations'
        knowledge items: linked by ``parallel_of``, or the same item reused."""
        if first not in self.evaluations or second not in self.evaluations:
            return []
        earlier = {q.id for q in self.evaluations[first].knowledge_questions}
        pairs = []
        for question in self.evaluations[second].knowledge_questions:
            if question.parallel_of in earlier:
                pairs.append((question.parallel_of, question.id))
            elif question.id in earlier:
                pairs.append((question.id, question.id))
        return pairs

    @property
    def total_unit_minutes(self) -> int:
        """Return the minutes of all units."""
        return sum(u.minutes for m in self.modules for u in m.units)
