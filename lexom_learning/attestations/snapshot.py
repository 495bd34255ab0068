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

SCHEMA_VERSION = 2


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
    certificate_number: str | None = None
    certificate_verify_url: str | None = None


def build_snapshot(
    issue: Issue,
    course: Any,
    session: Mapping[str, Any],
    participant: Mapping[str, Any],
    states: Sequence[SlotState],
    results: Mapping[str, tuple[float | None, str | None]],
    organisation: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the snapshot of one attestation (JSON-ready: dates as ISO strings).

    ``organisation`` is ``Organisation.snapshot()``: the identity both documents print.
    ``participant`` may carry ``employer_name`` and ``employer_siret``; ``session`` may carry
    ``kind`` (inter or intra), ``client_name`` and ``funder``.
    """
    half_days, hours = totals(states)
    organisation = dict(organisation or _provider_only(course))
    return {
        "schema": SCHEMA_VERSION,
        "number": issue.number,
        "version": issue.version,
        "issued_at": issue.issued_at.isoformat(),
        "issue_date": issue.issue_date.isoformat(),
        "issue_place": organisation["city"],
        "verify_url": issue.verify_url,
        "signatory": issue.signatory,
        "supersedes": issue.supersedes,
        "reason": issue.reason,
        "certificate_number": issue.certificate_number or issue.number,
        "certificate_verify_url": issue.certificate_verify_url or issue.verify_url,
        "organisation": organisation,
        "provider": {"name": organisation["name"], "city": organisation["city"]},
        "participant": {
            "id": participant["id"],
            "name": participant["name"],
            "employer_name": participant.get("employer_name"),
            "employer_siret": participant.get("employer_siret"),
        },
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
            "kind": session.get("kind", "inter"),
            "client_name": session.get("client_name"),
            "funder": session.get("funder"),
        },
        "attendance": {
            "half_days": [
                {
                    "id": s.slot_id,
                    "label": s.label,
                    "date": s.on.isoformat(),
                    "hours": s.hours,
                    "hours_followed": s.hours_followed,
                    "attended": s.attended,
                    "held": s.held,
                    "justified": s.justified,
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


def _provider_only(course: Any) -> dict[str, Any]:
    """Return a minimal identity from the course's provider (no organisation file given)."""
    provider = course.provider
    return {
        "name": provider.name,
        "city": provider.city,
        "address": None,
        "address_line": provider.city,
        "siret": "",
        "siret_display": "",
        "nda": "",
        "nda_statement": "",
        "legal_representative": {"name": "", "capacity": ""},
        "signatory": {"name": "", "capacity": ""},
        "dpo": {"name": "", "email": getattr(provider, "dpo_email", "")},
        "signature_image": None,
        "stamp_image": None,
        "logo": None,
    }
