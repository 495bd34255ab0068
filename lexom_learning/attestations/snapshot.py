"""The attestation's snapshot: every figure and text the documents print, frozen at issue (pure).

The PDFs are rendered from this dictionary alone, so a stored attestation can always be
explained by its snapshot, whatever happens later to the course content or the records.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..attainment import LEVEL_LABELS
from .attendance import SlotState, totals

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Issue:
    """Who issues which version of which number, when, where, and why."""

    number: str
    version: int
    issued_at: datetime
    issue_date: date
    verify_url: str
    signatory: str
    supersedes: str | None = None
    reason: str | None = None


def build_snapshot(
    issue: Issue,
    course: Any,
    session: Mapping[str, Any],
    participant: Mapping[str, Any],
    states: Sequence[SlotState],
    results: Mapping[str, tuple[float | None, str | None]],
) -> dict[str, Any]:
    """Return the snapshot of one attestation (JSON-ready: dates as ISO strings)."""
    half_days, hours = totals(states)
    return {
        "schema": SCHEMA_VERSION,
        "number": issue.number,
        "version": issue.version,
        "issued_at": issue.issued_at.isoformat(),
        "issue_date": issue.issue_date.isoformat(),
        "issue_place": course.provider.city,
        "verify_url": issue.verify_url,
        "signatory": issue.signatory,
        "supersedes": issue.supersedes,
        "reason": issue.reason,
        "provider": {"name": course.provider.name, "city": course.provider.city},
        "participant": {"id": participant["id"], "name": participant["name"]},
        "course": {
            "id": course.id,
            "ref": course.ref,
            "title": course.title,
            "nature": course.nature,
            "modality": course.modality,
            "days": course.days,
            "hours": float(course.hours),
            "version": course.version,
        },
        "session": {
            "id": session["id"],
            "title": session["title"],
            "starts_on": session["starts_on"].isoformat(),
            "ends_on": session["ends_on"].isoformat(),
            "location": session["location"],
            "trainer": session["trainer"],
            "interruption": _interruption(session.get("interruption")),
        },
        "attendance": {
            "half_days": [
                {
                    "id": s.slot_id,
                    "label": s.label,
                    "date": s.on.isoformat(),
                    "hours": s.hours,
                    "attended": s.attended,
                    "held": s.held,
                }
                for s in states
            ],
            "half_days_attended": half_days,
            "hours_attended": hours,
            "hours_planned": float(course.hours),
            "hours_held": float(sum(s.hours for s in states if s.held)),
        },
        "objectives": [
            {
                "id": o.id,
                "text": o.text,
                "percent": results.get(o.id, (None, None))[0],
                "level": results.get(o.id, (None, None))[1],
                "level_label": LEVEL_LABELS.get(results.get(o.id, (None, None))[1] or "", ""),
            }
            for o in course.objectives
        ],
        "thresholds": course.attestation.thresholds.model_dump(),
        "evaluation_modalities": list(course.evaluation_modalities),
    }


def _interruption(interruption: Mapping[str, Any] | None) -> dict[str, str] | None:
    """Return when and why a session stopped early, or None."""
    if not interruption:
        return None
    return {"date": interruption["date"].isoformat(), "reason": interruption["reason"]}


def attendance_key(snapshot: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the attended half-days a snapshot records (to detect a later change)."""
    return tuple(h["id"] for h in snapshot["attendance"]["half_days"] if h["attended"])
