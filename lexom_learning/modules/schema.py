"""The content schema: one pydantic model per kind of file authors write.

The models check what a single file can check; cross-file rules (unique ids, objective
references, coverage) live in ``checks.py``. ``docs/content-schema/`` publishes the JSON
Schema of each file model for editors.
"""

import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

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


LocalTime = Annotated[
    str,
    Field(
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
        description='Local time in Europe/Paris, HH:MM (quote it in YAML: "09:00")',
    ),
]


class HalfDay(Strict):
    """One attendance slot (émargement), with its times in Europe/Paris.

    Without ``start``/``end``, the first half-day of a day runs 09:00–12:30 and the others
    13:30–17:00; a session may move them (``attestations.schedule``).
    """

    id: ID
    day: int = Field(ge=1)
    label: Text
    hours: float = Field(gt=0, le=12)
    start: LocalTime | None = None
    end: LocalTime | None = None

    @field_validator("start", "end", mode="before")
    @classmethod
    def _sexagesimal(cls, value: Any) -> Any:
        """Read an unquoted YAML 1.1 time (13:30 loads as the integer 810) as HH:MM."""
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            return f"{value // 60:02d}:{value % 60:02d}"
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "HalfDay":
        if self.start and self.end and self.end <= self.start:
            raise ValueError("end must be after start")
        return self


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
    manager: Text | None = Field(
        default=None, description="The questionnaire for the learner's manager (N+1), optional"
    )


class ColdEvaluationSettings(Strict):
    """When the cold evaluation is sent and how often non-respondents are reminded."""

    delay_days: int = Field(default=90, ge=1)
    reminders: int = Field(default=2, ge=0, le=5)
    reminder_interval_days: int = Field(default=7, ge=1)
    # Answers are taken from the due date for this many days; the last reminder goes out before.
    window_days: int = Field(default=60, ge=1, le=366)

    @model_validator(mode="after")
    def _reminders_fit(self) -> "ColdEvaluationSettings":
        if self.reminders * self.reminder_interval_days >= self.window_days:
            raise ValueError(
                "les relances doivent partir avant la fin de l'évaluation à froid : "
                "reminders × reminder_interval_days < window_days"
            )
        return self


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
    notes: str = Field(default="", description="Animation notes for the trainer (Markdown)")


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
    """An evaluation (``evaluations/*.yaml``): positioning, hot, cold or manager."""

    id: ID
    kind: EvaluationKind
    title: Text
    intro: str = ""
    sections: list[SectionFile] = Field(min_length=1)


def defined_questions(evaluations) -> dict[str, Any]:
    """Return ``{id: question}`` of the questions the evaluation files define (not reuse)."""
    return {
        q.id: q
        for evaluation in evaluations
        for section in evaluation.sections
        for q in section.questions
        if not isinstance(q, QuestionRef)
    }


# --- deroule.yaml ------------------------------------------------------------------------

HHMM = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="HH:MM")]
Grouping = Literal["individuel", "binomes", "sous-groupes", "pleniere"]
GROUPING_LABELS = {
    "individuel": "Individuel",
    "binomes": "Binômes",
    "sous-groupes": "Sous-groupes",
    "pleniere": "Plénière",
}
PAUSE = re.compile(r"^\s*pause\b", re.IGNORECASE)


def minutes(hhmm: str) -> int:
    """Return the minutes since midnight of an ``HH:MM`` time."""
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


class Sequence(Strict):
    """One timed sequence of a half-day."""

    start: HHMM
    end: HHMM
    title: Text
    module: ID | None = None
    objectives: list[ID] = []
    method: str = Field(default="", description="Méthode pédagogique")
    materials: str = Field(default="", description="Matériel et supports")
    grouping: Grouping = "pleniere"
    items: list[ID] = Field(
        default=[],
        description="Ids placed here: units, role plays, module quizzes, live sets, "
        "positioning and hot evaluations",
    )
    notes: str = Field(default="", description="Animation notes for the trainer (Markdown)")

    @model_validator(mode="after")
    def _ordered(self) -> "Sequence":
        if minutes(self.end) <= minutes(self.start):
            raise ValueError(f"end {self.end} must come after start {self.start}")
        return self

    @property
    def minutes(self) -> int:
        """Return the length of the sequence in minutes."""
        return minutes(self.end) - minutes(self.start)

    @property
    def is_pause(self) -> bool:
        """Say whether this is a break (« Pause », nothing placed in it)."""
        return bool(PAUSE.match(self.title)) and not self.items


class HalfDayPlan(Strict):
    """The sequences of one half-day of course.yaml."""

    half_day: ID
    start: HHMM
    end: HHMM
    sequences: list[Sequence] = Field(min_length=1)

    @property
    def minutes(self) -> int:
        """Return the length of the half-day in minutes."""
        return minutes(self.end) - minutes(self.start)


class DerouleFile(Strict):
    """``deroule.yaml``: the déroulé pédagogique, half-day by half-day."""

    half_days: list[HalfDayPlan] = Field(min_length=1)


FILE_MODELS: dict[str, type[BaseModel]] = {
    "course": CourseFile,
    "module": ModuleFile,
    "quiz": QuizFile,
    "live-quiz": LiveQuizFile,
    "roleplay": RolePlayFile,
    "evaluation": EvaluationFile,
    "deroule": DerouleFile,
}
