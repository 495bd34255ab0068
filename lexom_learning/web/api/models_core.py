"""Bodies and answers of the core routes: tokens, courses, sessions, participants, learners."""

from datetime import date, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, RootModel

from .fields import Absent, Bool, Day, Text
from .spec import Closed

Level = Literal["acquired", "in_progress", "not_acquired"] | None


class TokenRequest(Closed):
    """A staff member's e-mail and password."""

    email: Text(254)
    password: Text(1024)


class Token(BaseModel):
    """A staff bearer token and the role it carries."""

    token: str
    role: Literal["admin", "trainer", "compliance"]
    expires_at: datetime = Field(description="LEXOM_API_TOKEN_DAYS after issue (30)")


class Item(BaseModel):
    """An id and its text (an objective, a topic, an option)."""

    id: str
    text: str


class Unit(BaseModel):
    """A unit of a module, its Markdown and the HTML rendered from it."""

    id: str
    title: str
    minutes: int
    covers: list[str]
    body_markdown: str
    html: str = Field(description="The Markdown body rendered and sanitised.")


class Quiz(BaseModel):
    """A module quiz as a learner sees it."""

    id: str
    title: str
    module: str
    max_attempts: int | None
    pass_pct: float
    questions: list[dict[str, Any]] = Field(
        description="Each question's public view, shaped by its question type (id, type, "
        "prompt, points and what it needs to be answered): never the answer, the correctness "
        "of an option, its feedback or the explanation."
    )


class Module(BaseModel):
    """A module: objectives, topics, units and quizzes."""

    id: str
    title: str
    day: int
    minutes: int
    objectives: list[str]
    topics: list[Item]
    units: list[Unit]
    quizzes: list[Quiz]


class HalfDay(BaseModel):
    """A half-day of the course and its default times."""

    id: str
    day: int
    label: str
    hours: float
    start: str | None = Field(
        None, description="HH:MM, Europe/Paris; null: 09:00 for a day's first half-day, else 13:30"
    )
    end: str | None = Field(None, description="HH:MM, Europe/Paris; null: 12:30 or 17:00")


class Course(BaseModel):
    """A course for any signed-in caller, never its answers."""

    id: str
    ref: str
    title: str
    domain: str
    days: int
    hours: float
    version: str
    objectives: list[Item]
    half_days: list[HalfDay]
    modules: list[Module]


class ScheduleEntry(Closed):
    """A half-day's date and times (Europe/Paris)."""

    slot: Text(20, description="Half-day id (course.yaml half_days[].id)")
    date: Day
    start: Text(5, description="Local time in Europe/Paris, HH:MM")
    end: Text(5, description="Local time in Europe/Paris, HH:MM, after start")


SCHEDULE = (
    "Half-days to move (the others keep their dates and times; by default the course's times, "
    "09:00-12:30 and 13:30-17:00, on consecutive days from starts_on to ends_on). Half-days "
    "must follow each other without overlapping."
)


class SessionUpdate(Closed):
    """Half-days to move."""

    schedule: list[ScheduleEntry] = Field(max_length=40, description=SCHEDULE)


class SessionCreate(Closed):
    """A new session of a course, run by the calling trainer."""

    course_id: Text(64)
    title: Text(200)
    starts_on: Day
    ends_on: Day
    location: Text(200)
    schedule: list[ScheduleEntry] = Absent(max_length=40, description=SCHEDULE)
    kind: Literal["inter", "intra"] = Absent(description="inter (default) or intra-company")
    client_name: Text(200, 0, description="required for intra") | None = None
    client_siret: Text(20, 0) | None = None
    funder: Text(200, 0, description="OPCO, company, France Travail…") | None = None


class Trainer(BaseModel):
    """The trainer running a session."""

    id: int
    name: str


class Session(BaseModel):
    """A training session."""

    id: int
    course_id: str
    title: str
    starts_on: date
    ends_on: date
    location: str
    status: Literal["planned", "closing", "closed"]
    closed_at: datetime | None
    created_at: datetime
    trainer: Trainer
    participants: int = Field(description="Number of participants enrolled.")
    kind: Literal["inter", "intra"]
    client_name: str | None
    client_siret: str | None
    funder: str | None
    schedule: list[dict[str, Any]] | None = Field(
        None, description="Every half-day with its slot, date, start and end (Europe/Paris)."
    )
    interruption: dict[str, Any] | None = Field(
        None,
        description="Set when the session was closed as interrupted: interrupted_at "
        "(date-time) and reason.",
    )


class SessionList(RootModel[list[Session]]):
    """Sessions, latest first."""


class ParticipantCreate(Closed):
    """A participant to enrol."""

    name: Text(200)
    email: Text(254)
    employer_name: Text(200, 0) | None = None
    employer_siret: Text(20, 0, description="14 digits") | None = None
    manager_email: Text(254, 0, description="The manager (N+1), optional.") = Absent()


class Participant(BaseModel):
    """A participant; the access token and link for those who manage the session only."""

    id: int
    session_id: int
    name: str
    email: str
    created_at: datetime
    employer_name: str | None
    employer_siret: str | None
    manager_email: str | None = Field(
        None, description="The manager (N+1), who receives the manager's questionnaire."
    )
    access_token: str | None = Field(None, description="Managers only.")
    access_url: str | None = None


class ParticipantList(RootModel[list[Participant]]):
    """Participants by name."""


class ModuleProgress(BaseModel):
    """Progress in one module."""

    module_id: str
    units_done: int
    units_total: int
    percent: int
    quiz_id: str | None
    best_percent: float | None
    attempts_used: int
    attempts_max: int | None


class Attainment(BaseModel):
    """Attainment of one objective."""

    objective_id: str
    percent: float | None
    level: Level
    items: int


class Progress(BaseModel):
    """Progress over the course."""

    percent: int
    units_done: int
    units_total: int
    modules: list[ModuleProgress]
    done_units: list[str] | None = None


class MyProgress(Progress):
    """The caller's progress and attainment."""

    attainment: list[Attainment]


class Thresholds(BaseModel):
    """Attainment thresholds, in percent."""

    acquired: float
    in_progress: float


class PersonProgress(BaseModel):
    """One participant's progress and attainment."""

    id: int
    name: str
    email: str
    progress: Progress
    attainment: list[Attainment]


class SessionProgress(BaseModel):
    """Progress per module and attainment per objective, per participant."""

    session_id: int
    course_id: str
    thresholds: Thresholds
    objectives: list[Item]
    participants: list[PersonProgress]
    group: list[Attainment] = Field(description="Mean of the participants.")


class Person(BaseModel):
    """The calling participant."""

    id: int
    name: str
    email: str


class CourseRef(BaseModel):
    """A course's identity."""

    id: str
    ref: str
    title: str


class Me(BaseModel):
    """Identity, session, course, progress and attainment of the calling participant."""

    participant: Person
    session: Session
    course: CourseRef
    progress: Progress
    attainment: list[Attainment]


class UnitDoneRequest(Closed):
    """No body, or an empty object."""

    OPTIONAL: ClassVar[bool] = True


class UnitDone(BaseModel):
    """A unit marked as done; recorded is false when it already was."""

    unit_id: str
    done: Bool
    recorded: Bool


class AttemptStatus(BaseModel):
    """Attempts used and left."""

    attempts_used: int
    attempts_remaining: int | None


class LearnerQuiz(Quiz, AttemptStatus):
    """A module quiz as the learner sees it, with the attempts used and left."""


class AttemptCreate(Closed):
    """A whole attempt."""

    responses: dict[str, Any] = Field(
        max_length=200,
        description="{question id: response}; the response's shape depends on the question "
        "type (the « learner response » column of docs/content-format.md).",
    )


class QuestionResult(BaseModel):
    """The result of one answer."""

    question_id: str
    response: Any
    earned: float
    possible: float
    correct: bool | None
    feedback: list[str] | None = Field(
        description="Null while the attempt's answers are not revealed."
    )
    explanation: str | None = Field(
        description="Null while the attempt's answers are not revealed."
    )


class Attempt(BaseModel):
    """A submitted attempt, with results."""

    number: int
    quiz_id: str
    submitted_at: datetime
    earned: float
    possible: float
    percent: float
    passed: bool
    content_version: str
    answers_revealed: bool = Field(
        description="Whether feedback and explanations are shown: once the learner scored full "
        "marks or can no longer try (no attempt left, session closed)."
    )
    results: list[QuestionResult]


class AttemptList(RootModel[list[Attempt]]):
    """Attempts, oldest first."""


class AttemptResult(Attempt, AttemptStatus):
    """A graded attempt (a retry with its Idempotency-Key: the first one), attempts left."""


class IdempotencyHeader(BaseModel):
    """The Idempotency-Key header of a submission."""

    idempotency_key: str | None = Field(
        None,
        alias="Idempotency-Key",
        description="A key of the client's choosing (a UUID), new for each submission and the "
        "same for its retries: the same submission sent again with its key records nothing and "
        "answers with what the first one recorded (same status, same body), even when both "
        "arrive at once. 422 when malformed; 409 when it was used for another quiz or role "
        "play.",
    )
