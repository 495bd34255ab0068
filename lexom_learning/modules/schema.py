"""The content schema: one pydantic model per kind of file authors write.

The models check what a single file can check; cross-file rules (unique ids, objective
references, coverage) live in ``checks.py``. ``docs/content-schema/`` publishes the JSON
Schema of each file model for editors.
"""

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from ..attestations.rule import RuleError, parse_rule
from ..quizzes.grading import question_annotation
from ..quizzes.registry import spec_models

ID = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id")]
Text = Annotated[str, Field(min_length=1)]

Question = question_annotation()


class Strict(BaseModel):
    """A frozen model that refuses unknown keys (a typo is an error, not a silent default)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionRef(Strict):
    """Reuse of a question defined in another evaluation (same id, same item)."""

    ref: ID


def _question_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return "ref" if "ref" in value else value.get("type")
    return "ref" if isinstance(value, QuestionRef) else getattr(value, "type", None)


QuestionOrRef = Annotated[
    Union[  # noqa: UP007  (built from the registry at import time)
        tuple(
            Annotated[m, Tag(m.model_fields["type"].annotation.__args__[0])] for m in spec_models()
        )
        + (Annotated[QuestionRef, Tag("ref")],)
    ],
    Discriminator(_question_tag),
]


# --- course.yaml -------------------------------------------------------------------------


class Objective(Strict):
    """A learning objective, word for word from the catalogue."""

    id: ID
    text: Text


class HalfDay(Strict):
    """One attendance slot (émargement)."""

    id: ID
    day: int = Field(ge=1)
    label: Text
    hours: float = Field(gt=0, le=12)


class Provider(Strict):
    """The training organisation named on attestations."""

    name: Text
    city: Text
    dpo_email: str = ""


class EvaluationFiles(Strict):
    """Where the three evaluations are written, relative to the course folder."""

    positioning: Text
    hot: Text
    cold: Text
    manager: Text | None = None


class ColdEvaluationSettings(Strict):
    """When the cold evaluation is sent and how often non-respondents are reminded."""

    delay_days: int = Field(default=90, ge=1)
    reminders: int = Field(default=2, ge=0, le=5)
    reminder_interval_days: int = Field(default=7, ge=1)


class Thresholds(Strict):
    """Attainment levels in percent: acquis, en cours d'acquisition, below that non acquis."""

    acquired: float = Field(default=75, gt=0, le=100)
    in_progress: float = Field(default=50, gt=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> "Thresholds":
        if self.in_progress >= self.acquired:
            raise ValueError("in_progress must be below acquired")
        return self


class AttestationSettings(Strict):
    """The issuing rule and the attainment thresholds."""

    rule: Text
    thresholds: Thresholds = Thresholds()

    @model_validator(mode="after")
    def _rule_parses(self) -> "AttestationSettings":
        try:
            parse_rule(self.rule)
        except RuleError as error:
            raise ValueError(f"rule: {error}") from None
        return self


class CourseFile(Strict):
    """``course.yaml``: the course, its objectives and where everything else is."""

    id: ID
    ref: Text
    title: Text
    domain: Text
    nature: Text = "action de formation"
    modality: Text = "présentiel"
    days: int = Field(ge=1)
    hours: float = Field(gt=0)
    provider: Provider
    objectives: list[Objective] = Field(min_length=1)
    prerequisites: Text
    audience: Text
    pedagogy: Text
    evaluation_modalities: list[Text] = Field(min_length=1)
    half_days: list[HalfDay] = Field(min_length=1)
    modules: list[ID] = Field(min_length=1, description="Module folders, in programme order")
    live_quizzes: list[Text] = []
    evaluations: EvaluationFiles
    cold_evaluation: ColdEvaluationSettings = ColdEvaluationSettings()
    attestation: AttestationSettings


# --- modules/<id>/module.yaml ------------------------------------------------------------


class Topic(Strict):
    """A sub-item of the programme, word for word."""

    id: ID
    text: Text


class UnitEntry(Strict):
    """A unit as listed in module.yaml; its body is the Markdown file."""

    id: ID
    title: Text
    file: Text
    minutes: int = Field(gt=0)
    covers: list[ID] = Field(min_length=1, description="Topic ids of this module")
    notes: str | None = Field(default=None, description="Animation notes for the trainer")


class ModuleFile(Strict):
    """``module.yaml``: one item of the programme."""

    id: ID
    title: Text
    day: int = Field(ge=1)
    minutes: int = Field(gt=0)
    objectives: list[ID] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)
    units: list[UnitEntry] = Field(min_length=1)


# --- quizzes -----------------------------------------------------------------------------


class QuizFile(Strict):
    """A module quiz (``modules/<id>/quiz.yaml``)."""

    id: ID
    title: Text
    max_attempts: int | None = Field(default=3, ge=1)
    pass_pct: float = Field(default=70, ge=0, le=100)
    questions: list[Question] = Field(min_length=1)


class LiveQuizFile(Strict):
    """A set of questions the trainer runs in the room (``live/*.yaml``)."""

    id: ID
    title: Text
    day: int | None = Field(default=None, ge=1)
    questions: list[Question] = Field(min_length=1)


# --- role plays --------------------------------------------------------------------------


class Role(Strict):
    """A role with its private brief; the observer scores the assessed role."""

    id: ID
    name: Text
    brief: Text
    observer: bool = False


class Criterion(Strict):
    """One line of the observation grid, with a descriptor per level 1 to 4."""

    id: ID
    label: Text
    objectives: list[ID] = Field(min_length=1)
    levels: dict[int, Text]

    @model_validator(mode="after")
    def _four_levels(self) -> "Criterion":
        if sorted(self.levels) != [1, 2, 3, 4]:
            raise ValueError("levels must describe exactly the levels 1, 2, 3 and 4")
        return self


class RolePlayFile(Strict):
    """A role-play case (``modules/<id>/roleplays/*.yaml``)."""

    id: ID
    module: ID
    title: Text
    minutes: int = Field(gt=0)
    context: Text
    assessed_role: ID
    roles: list[Role] = Field(min_length=2)
    grid: list[Criterion] = Field(min_length=1)
    debrief: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _roles_consistent(self) -> "RolePlayFile":
        role_ids = [r.id for r in self.roles]
        if len(set(role_ids)) != len(role_ids):
            raise ValueError("role ids must be unique within a case")
        criterion_ids = [c.id for c in self.grid]
        if len(set(criterion_ids)) != len(criterion_ids):
            raise ValueError("criterion ids must be unique within a case")
        if sum(r.observer for r in self.roles) > 1:
            raise ValueError("at most one role can be the observer")
        playing = {r.id for r in self.roles if not r.observer}
        if self.assessed_role not in playing:
            raise ValueError(f"assessed_role {self.assessed_role!r} is not a playing role")
        return self


# --- evaluations -------------------------------------------------------------------------

SectionKind = Literal["knowledge", "satisfaction", "transfer", "self_assessment"]
EvaluationKind = Literal["positioning", "hot", "cold", "manager"]


class SectionFile(Strict):
    """A part of an evaluation: graded knowledge items or a questionnaire."""

    id: ID
    kind: SectionKind
    title: Text
    intro: str = ""
    questions: list[QuestionOrRef] = Field(min_length=1)


class EvaluationFile(Strict):
    """An evaluation (``evaluations/*.yaml``): positioning, hot or cold."""

    id: ID
    kind: EvaluationKind
    title: Text
    intro: str = ""
    sections: list[SectionFile] = Field(min_length=1)


FILE_MODELS: dict[str, type[BaseModel]] = {
    "course": CourseFile,
    "module": ModuleFile,
    "quiz": QuizFile,
    "live-quiz": LiveQuizFile,
    "roleplay": RolePlayFile,
    "evaluation": EvaluationFile,
}
