"""Bodies and answers of the live-quiz routes (issue 5)."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .fields import Absent, Bool, Text
from .models_core import Item
from .spec import Closed

Status = Literal["waiting", "open", "closed", "finished"]
ANY = "Any JSON value, shaped as the question type's response"


class LiveQuizStart(Closed):
    """A live set or a module quiz to run now."""

    quiz_id: Text(64)
    leaderboard: Bool = False


class LiveAnswerPut(Closed):
    """A participant's answer to the open question."""

    response: Any = Field(description=ANY)
    request_id: str = Absent(
        pattern=r"^[A-Za-z0-9_.:-]{1,64}$",
        description="The phone's id of this answer, new for each answer: a late resend of an "
        "earlier answer (A, B, then A's request again) is recognised as that request "
        "(repeated: true) instead of becoming the last answer.",
    )


class LiveQuiz(BaseModel):
    """A run's identity and status."""

    id: int
    session_id: int
    quiz_id: str
    title: str
    status: Status
    index: int | None
    total: int
    leaderboard: bool


class Mine(BaseModel):
    """The participant's own last response."""

    response: Any = Field(description=ANY)
    text: str
    chosen: list[str] | None = None
    changes: int


class LiveResult(BaseModel):
    """The participant's result, once the question is closed."""

    answered: bool
    correct: bool | None
    earned: float
    possible: float
    solution: Any = Field(description=ANY)
    solution_text: str
    explanation: str
    feedback: list[str]


class Card(BaseModel):
    """The question open or just closed, as its question type shows it (more keys per type)."""

    model_config = ConfigDict(extra="allow")

    index: int
    question_id: str
    prompt: str
    type: str
    options: list[Item]
    mine: Mine | None = Field(None, description="The participant's own last response")
    result: LiveResult | None = Field(
        None, description="Only once the question is closed (participants only)"
    )
    solution: Any = Field(None, description=ANY)
    solution_text: str | None = None
    explanation: str | None = None
    answered: int | None = None


class Score(BaseModel):
    """The participant's own counted answers to the closed questions."""

    answered: int | None = None
    correct: int | None = None
    closed: int | None = None


class LiveState(BaseModel):
    """The run as the caller may see it."""

    id: int
    quiz_id: str
    title: str
    status: Status
    total: int
    leaderboard: bool
    current: Card | None = Field(
        description="The question open or just closed, null otherwise. Never an answer while "
        "open: a participant gets mine, then result once closed; the trainer gets the solution."
    )
    score: Score | None = None
    enrolled: int | None = None


class LiveAnswerReceipt(BaseModel):
    """A stored answer's receipt: it never says whether the answer is right."""

    model_config = ConfigDict(extra="forbid")

    live_quiz_id: int
    question_id: str
    stored: bool
    changes: int
    repeated: bool


class OptionCount(BaseModel):
    """How many chose an option."""

    id: str
    text: str
    count: int
    correct: bool | None


class QuestionCounts(BaseModel):
    """One question's results."""

    index: int
    question_id: str
    prompt: str | None
    type: str | None
    status: Literal["pending", "open", "closed"]
    answered: int
    correct: int
    counts: list[OptionCount]


class ParticipantScore(BaseModel):
    """One participant's results."""

    participant_id: int
    name: str
    answered: int
    correct: int
    earned: float
    possible: float


class Rank(BaseModel):
    """A place on the leaderboard."""

    rank: int
    participant_id: int
    name: str
    correct: int


class LiveResults(LiveQuiz):
    """Per question: counts per option, answered, correct; per participant; ranking."""

    questions: list[QuestionCounts]
    participants: list[ParticipantScore]
    ranking: list[Rank]
