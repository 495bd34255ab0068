"""Bodies and answers of lateness records, complaints and improvement actions (issue 17)."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, RootModel, Strict

from .fields import Absent, Bool, Day, Int, Text
from .spec import Closed

ComplaintStatus = Literal["open", "answered", "closed"]
ActionStatus = Literal["planned", "in_progress", "done"]
HHMM = Annotated[str, Strict(), Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Id = Annotated[Int, Field(ge=1, le=2**31 - 1)]


class AttendanceAdjustment(Closed):
    """A late arrival, an early departure or a justified absence."""

    participant_id: Id
    slot: Text(20)
    arrived_at: HHMM | None = Field(None, description="Late arrival, HH:MM (Paris time)")
    left_at: HHMM | None = Field(None, description="Early departure, HH:MM (Paris time)")
    justified_absence: Bool = False
    reason: Text(500, 0) | None = None


class AttendanceAdjustmentRecorded(BaseModel):
    """A lateness, early departure or justified absence, as recorded."""

    id: int
    participant_id: int
    slot: str
    arrived_at: str | None
    left_at: str | None
    justified_absence: bool
    reason: str | None
    actor: str
    recorded_at: datetime


class ComplaintCreate(Closed):
    """A complaint: when received, who, what, the answer if any, its status."""

    received_on: Day
    author: Text(200)
    subject: Text(5000)
    answer: Text(5000, 0) | None = None
    status: ComplaintStatus = Absent()


class ComplaintUpdate(Closed):
    """A complaint's answer and status."""

    answer: Text(5000, 0) | None = None
    status: ComplaintStatus = Absent()


class Complaint(BaseModel):
    """A complaint (indicator 31)."""

    id: int
    session_id: int
    received_on: date
    author: str
    subject: str
    answer: str | None
    status: ComplaintStatus
    recorded_by: str
    created_at: datetime
    updated_at: datetime


class ComplaintList(RootModel[list[Complaint]]):
    """A session's complaints."""


class ImprovementActionCreate(Closed):
    """An improvement action and its origin (a complaint, an evaluation, an observation)."""

    origin: Text(200)
    description: Text(5000)
    status: ActionStatus = Absent()
    due_on: Day | None = None
    complaint_id: Id | None = None


class ImprovementActionUpdate(Closed):
    """An improvement action's new status."""

    status: ActionStatus


class ImprovementAction(BaseModel):
    """An improvement action (indicator 32)."""

    id: int
    session_id: int
    complaint_id: int | None
    origin: str
    description: str
    status: ActionStatus
    due_on: date | None
    recorded_by: str
    created_at: datetime
    updated_at: datetime


class ImprovementActionList(RootModel[list[ImprovementAction]]):
    """A session's improvement actions."""
