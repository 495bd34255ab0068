"""Storage adapter: Flask-SQLAlchemy models (SQLAlchemy 2 typed style) and Alembic migrations."""

from . import guards  # noqa: F401  (registers pragmas and append-only guards)
from .accounts import ApiToken, User
from .attendance import AttendanceSignature
from .attestations import Attestation, AttestationAudit, AttestationCounter, ExportJob
from .evaluations import ColdInvitation, EvaluationSubmission, EvaluationWindow, OutboxMessage
from .live import LiveAnswer, LiveRun
from .presence import AttendanceAdjustment
from .privacy import Erasure, RetainedDocument
from .quality import Complaint, ImprovementAction
from .records import Answer, CompletionEvent, QuizAttempt
from .roleplay import RolePlayAssignment, RolePlayGrading, RolePlayRun, RolePlayScore
from .training import AccessLink, Participant, TrainingSession

__all__ = [
    "AccessLink",
    "Answer",
    "ApiToken",
    "AttendanceAdjustment",
    "AttendanceSignature",
    "Attestation",
    "AttestationAudit",
    "AttestationCounter",
    "ColdInvitation",
    "Complaint",
    "CompletionEvent",
    "EvaluationSubmission",
    "Erasure",
    "EvaluationWindow",
    "ExportJob",
    "ImprovementAction",
    "LiveAnswer",
    "LiveRun",
    "OutboxMessage",
    "Participant",
    "QuizAttempt",
    "RetainedDocument",
    "RolePlayAssignment",
    "RolePlayGrading",
    "RolePlayRun",
    "RolePlayScore",
    "TrainingSession",
    "User",
]
