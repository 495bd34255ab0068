"""What the privacy notice says, from the configuration: the organisation, its DPO contact,
the data held and why (the registry), and for how long (the schedule)."""

from dataclasses import dataclass
from datetime import date

from ..context import current
from . import retention
from .registry import POLICIES, Retention

DEFAULT_DPO_EMAIL = "dpo@lexom.fr"


@dataclass(frozen=True)
class Controller:
    """Who holds the data and whom to write to."""

    name: str
    address: str
    dpo_name: str
    dpo_email: str


def controller() -> Controller:
    """Return the organisation and its DPO: LEXOM_ORGANISATION when configured, else the
    provider of the first course served (course.yaml ``provider.dpo_email``)."""
    organisation = current().settings.organisation
    courses = current().courses.all()
    provider = courses[0].provider if courses else None
    name = provider.name if provider else "l'organisme de formation"
    address = provider.city if provider else ""
    dpo_name, dpo_email = "", (provider.dpo_email if provider else "") or DEFAULT_DPO_EMAIL
    if organisation is not None:
        name = getattr(organisation, "name", name) or name
        where = getattr(organisation, "address", None)
        if where is not None:
            parts = (getattr(where, k, "") for k in ("street", "postcode", "city"))
            address = " ".join(p for p in parts if p) or address
        dpo = getattr(organisation, "dpo", None)
        if dpo is not None:
            dpo_name = getattr(dpo, "name", "") or ""
            dpo_email = getattr(dpo, "email", "") or dpo_email
    return Controller(name, address, dpo_name, dpo_email)


@dataclass(frozen=True)
class Holding:
    """One kind of data held about learners, why, and for how long."""

    purpose: str  # a French template (N_), translated where shown
    retention: Retention


def holdings() -> list[Holding]:
    """Return what is held about learners, in the registry's order."""
    return [
        Holding(p.purpose, p.retention) for p in POLICIES if p.exported and p.table != "erasures"
    ]


def periods() -> retention.Schedule:
    """Return the schedule in force."""
    return retention.schedule(current().settings.config)


def dates_for(session_end: date) -> tuple[date, date]:
    """Return the day a session's personal data goes, and the day its documents go."""
    schedule = periods()
    return schedule.personal_until(session_end), schedule.documents_until(session_end)
