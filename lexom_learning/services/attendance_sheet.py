"""The signed attendance sheet of a session: what each half-day's page shows, read once."""

from ..attestations.attendance import day_date
from ..clock import utcnow
from ..documents.attendance_sheet import render_attendance_sheet
from ..modules import Course
from ..storage import TrainingSession
from .attendance import _signatures, states_for
from .context import current
from .people import actor_names
from .presence import latest, slot_times


def sheet_data(training: TrainingSession, course: Course) -> dict:
    """Return the sheet's data: the organisation, the session, one entry per half-day."""
    people = list(training.participants)
    ids = [p.id for p in people]
    acts: dict[tuple[int, str], dict] = {}
    signatures = _signatures(ids)
    for s in signatures:
        acts.setdefault((s.participant_id, s.slot), {})[s.kind] = s
    names = actor_names(s.actor for s in signatures)
    adjustments = latest(ids)
    states = states_for(training, course)
    half_days = []
    for index, h in enumerate(course.half_days):
        start, end = slot_times(course, h.id, training)
        rows = []
        for p in people:
            mine = acts.get((p.id, h.id), {})
            own, counter, paper = (
                mine.get("participant"),
                mine.get("countersign"),
                mine.get("paper"),
            )
            adjustment = adjustments.get((p.id, h.id))
            state = states[p.id][index]
            rows.append(
                {
                    "name": p.name,
                    "employer": p.employer_name,
                    "method": own.method if own else ("paper" if paper else None),
                    "signature": own.signature if own else None,
                    "signed_at": own.created_at if own else None,
                    "countersigned_by": names.get(counter.actor) if counter else None,
                    "countersigned_at": counter.created_at if counter else None,
                    "paper_reason": paper.reason if paper else None,
                    "paper_by": names.get(paper.actor) if paper else None,
                    "paper_at": paper.created_at if paper else None,
                    "attended": state.attended,
                    "arrived_at": adjustment.arrived_at if adjustment else None,
                    "left_at": adjustment.left_at if adjustment else None,
                    "justified": state.justified,
                    "absence_reason": adjustment.reason if adjustment else None,
                    "hours_followed": state.hours_followed,
                }
            )
        half_days.append(
            {
                "id": h.id,
                "label": h.label,
                "date": day_date(h.day, course.days, training.starts_on, training.ends_on),
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
                "hours": h.hours,
                "rows": rows,
            }
        )
    return {
        "organisation": current().settings.organisation.snapshot(),
        "course": {"title": course.title, "ref": course.ref},
        "session": session_header(training),
        "half_days": half_days,
        "made_at": utcnow(),
    }


def session_header(training: TrainingSession) -> dict:
    """Return what every document prints about a session: title, dates, place, trainer, kind."""
    return {
        "title": training.title,
        "starts_on": training.starts_on,
        "ends_on": training.ends_on,
        "location": training.location,
        "trainer": training.trainer.name,
        "kind": training.kind or "inter",
        "client_name": training.client_name,
    }


def attendance_sheet_pdf(training: TrainingSession, course: Course) -> bytes:
    """Return the session's signed attendance sheet as a PDF (one page per half-day)."""
    return render_attendance_sheet(sheet_data(training, course))
