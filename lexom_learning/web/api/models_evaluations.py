"""Bodies and answers of role plays, evaluations, attainment and the outbox (issue 6)."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, RootModel

from .fields import Absent, Int, Text
from .models_core import Item, Level, Thresholds
from .models_documents import Id
from .spec import Closed

Group = Annotated[Int, Field(ge=1, le=100)]
MaybeNum = float | None


class RolePlayRunCreate(Closed):
    """The case to run."""

    case_id: Text(64)


class Placement(Closed):
    """A participant placed by hand in a group, with a role or none (drawn in the group)."""

    participant_id: Id
    group: Group
    role_id: Text(64, 0) | None = None


class RolePlayGroups(Closed):
    """mode auto: random groups and roles (seed kept); else assignments by hand, a missing
    role_id being drawn within the group."""

    mode: Literal["auto", "manual"] = Absent()
    seed: Annotated[Int, Field(ge=0, le=10**9)] = Absent()
    groups: Group = Absent()
    assignments: list[Placement] = Field(default_factory=list, max_length=500)


class GridCreate(Closed):
    """An observer's grid: a level 1 to 4 per criterion."""

    scores: dict[str, Any] = Field(max_length=50, description="{criterion id: level 1 to 4}")
    comment: Text(2000, 0) = ""
    reason: Text(500, 0) = ""


class DebriefNote(Closed):
    """The debrief note."""

    note: Text(5000, 0)


class EvaluationResponses(Closed):
    """Answers to an evaluation: {question id: response}."""

    responses: dict[str, Any] = Field(max_length=200)


class Assignment(BaseModel):
    """A participant's group and role in a run."""

    participant_id: int
    group: int
    role_id: str | None


class RolePlayRun(BaseModel):
    """A run's summary."""

    id: int
    session_id: int
    case_id: str
    title: str | None
    status: Literal["open", "closed"]
    seed: int | None
    debrief_note: str
    created_at: datetime
    closed_at: datetime | None
    assignments: list[Assignment]


class RolePlayRunList(RootModel[list[RolePlayRun]]):
    """Runs, oldest first."""


class Grading(BaseModel):
    """One observer's grid (a new grid corrects the previous one)."""

    observer_id: int
    performer_id: int
    group: int
    scores: dict[str, Any] = Field(description="{criterion id: level 1 to 4}")
    comment: str
    reason: str
    created_at: datetime


class Criterion(BaseModel):
    """A criterion of the grid and the objectives it evidences."""

    id: str
    label: str
    objectives: list[str]


class GroupGrids(BaseModel):
    """A group's latest grids and the mean per criterion."""

    group: int
    performer_id: int | None
    gradings: list[Grading]
    means: dict[str, Any]


class RunGrids(BaseModel):
    """Every group's latest grids side by side."""

    run_id: int
    criteria: list[Criterion]
    groups: list[GroupGrids]


class MyRun(BaseModel):
    """A run in which the caller has a role."""

    model_config = {"extra": "allow"}

    run_id: int
    case_id: str
    title: str
    status: str
    group: int
    role: dict[str, Any]


class MyRunList(RootModel[list[MyRun]]):
    """Runs in which the caller has a role."""


class Teammate(BaseModel):
    """A member of the caller's group."""

    participant_id: int
    name: str | None
    role_name: str | None


class GridCriterion(BaseModel):
    """A criterion as an observer fills it."""

    id: str
    label: str
    levels: dict[str, Any]


class MyRolePlay(BaseModel):
    """Only the caller's own role and brief: never another role's brief."""

    run_id: int
    case_id: str
    title: str
    status: str
    context_html: str
    role: dict[str, Any] | None
    group: int | None = None
    teammates: list[Teammate] | None = None
    grid: list[GridCriterion] | None = None
    my_grids: list[Grading] | None = None
    received: list[Grading] | None = None


class EvaluationState(BaseModel):
    """An evaluation's state in a session and its response rate."""

    kind: Literal["positioning", "hot", "cold"]
    status: Literal["not_opened", "open", "closed", "scheduled"]
    opened_at: datetime | None
    closed_at: datetime | None
    respondents: int
    invited: int
    response_rate: MaybeNum


class SessionEvaluations(BaseModel):
    """Evaluations' states and response rates, satisfaction, cold evaluation."""

    session_id: int
    evaluations: list[EvaluationState]
    satisfaction: dict[str, Any]
    cold: dict[str, Any]


class Section(BaseModel):
    """A section of an evaluation and its questions' public views."""

    id: str
    kind: str
    title: str
    questions: list[dict[str, Any]] = Field(
        description="Each question's public view, shaped by its question type: never the answer."
    )


class LearnerEvaluation(BaseModel):
    """An evaluation as the participant sees it (never an answer) and its state."""

    kind: str
    id: str
    title: str
    intro: str
    open: bool
    submitted: bool
    sections: list[Section]


class EvaluationResults(BaseModel):
    """The caller's own results."""

    kind: str
    submitted_at: datetime
    earned: float
    possible: float
    percent: MaybeNum
    objectives: list[dict[str, Any]]
    answers_revealed: bool
    results: list[dict[str, Any]]


class ObjectiveFigures(BaseModel):
    """One objective's figures: attainment, level, and each source's percent."""

    objective_id: str
    percent: MaybeNum
    level: Level
    positioning: MaybeNum = None
    hot: MaybeNum = None
    cold: MaybeNum = None
    gain: MaybeNum = None
    retention: MaybeNum = None
    roleplay: MaybeNum = None
    quizzes: MaybeNum = None
    items: int | None = None
    sources: dict[str, MaybeNum] | None = Field(
        None,
        description="Percent per evidence source (quiz, live, roleplay, hot): services/evidence.py "
        "lists the sources.",
    )


class PersonFigures(BaseModel):
    """One participant's figures per objective."""

    id: int
    name: str
    objectives: list[ObjectiveFigures]


class SessionAttainment(BaseModel):
    """Per objective: attainment and level, progress, retention, role plays, quizzes."""

    session_id: int
    thresholds: Thresholds
    objectives: list[Item]
    participants: list[PersonFigures]
    group: list[ObjectiveFigures]
    respondents: dict[str, Any]
    invited: int


class OutboxMessage(BaseModel):
    """A message of the session and its fate."""

    id: int
    kind: str
    to: str
    subject: str
    body: str
    status: Literal["pending", "sending", "sent", "failed", "copied"]
    attempts: int
    created_at: datetime
    sent_at: datetime | None


class OutboxMessageList(RootModel[list[OutboxMessage]]):
    """Messages, newest first."""
