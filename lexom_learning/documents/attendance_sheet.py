"""The signed attendance sheet (feuille d'émargement): one page per half-day (more when long).

Each row: the learner (and employer), their drawn signature (PNG or SVG path) or typed name
with the signing time, the trainer's countersignature with name and time, or the paper
signature with its reason; late arrival, early departure, absence and its reason; hours followed.
"""

from datetime import datetime
from typing import Any

from ..clock import PARIS
from .french import hours, long_date, typeset
from .identity import identity_block
from .page import HEIGHT, MARGIN, MUTED, WIDTH, Page, rendered_alone
from .signatures import draw_signature

ROW = 46
ROWS_PER_PAGE = 11
COLUMNS = (MARGIN, MARGIN + 130, MARGIN + 250, MARGIN + 365)  # learner, signature, trainer, notes
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def clock(value: datetime | None) -> str:
    """Return « 07/12 09:12 » in Paris time (the sheet says the times are Paris's)."""
    return value.astimezone(PARIS).strftime("%d/%m %H:%M") if value else ""


@rendered_alone
def render_attendance_sheet(data: dict[str, Any]) -> bytes:
    """Return the sheet's PDF bytes."""
    session = data["session"]
    page = Page(
        f"Feuille d'émargement — {session['title']}",
        data["course"]["title"],
        data["organisation"]["name"],
        data["made_at"],
    )
    chunks = [
        (half_day, half_day["rows"][i : i + ROWS_PER_PAGE])
        for half_day in data["half_days"]
        for i in range(0, max(len(half_day["rows"]), 1), ROWS_PER_PAGE)
    ]
    for number, (half_day, rows) in enumerate(chunks, start=1):
        if number > 1:
            page.canvas.showPage()
            page.y = HEIGHT - MARGIN
        _head(page, data, half_day)
        for row in rows:
            _row(page, row)
        _foot(page, data, number, len(chunks))
    return page.finish()


def _head(page: Page, data: dict[str, Any], half_day: dict[str, Any]) -> None:
    session, course = data["session"], data["course"]
    identity_block(page, data)
    page.y -= 8
    page.centred("FEUILLE D'ÉMARGEMENT", 14, bold=True)
    page.text(f"{course['title']} (réf. {course['ref']}) — {session['title']}", 9.5, bold=True)
    intra = f" — intra-entreprise : {session['client_name']}" if session.get("client_name") else ""
    page.text(
        f"Du {long_date(session['starts_on'])} au {long_date(session['ends_on'])}, "
        f"{session['location']}{intra}",
        8.5,
    )
    on = half_day["date"]
    page.text(
        f"{half_day['label']} : {WEEKDAYS[on.weekday()]} {long_date(on)}, de {half_day['start']} "
        f"à {half_day['end']} ({hours(half_day['hours'])}) — formateur : {session['trainer']}",
        9.5,
        bold=True,
    )
    page.text("Toutes les heures sont celles de Paris.", 7.5, color=MUTED, advance=14)
    labels = ("Participant", "Signature du participant", "Contreseing du formateur", "Observations")
    for x, label in zip(COLUMNS, labels, strict=True):
        page.text(label, 8, bold=True, x=x, color=MUTED, advance=0)
    page.y -= 5
    page.rule()
    page.y -= 11


def _row(page: Page, row: dict[str, Any]) -> None:
    top = page.y
    page.text(row["name"], 9, bold=True, x=COLUMNS[0], advance=10)
    if row.get("employer"):
        page.paragraph(row["employer"], 7.5, x=COLUMNS[0], width=122, color=MUTED)
    page.y = top
    box = (COLUMNS[1], top - 30, 110, 34)
    if draw_signature(page, row["method"], row["signature"], box):
        page.text(f"signé le {clock(row['signed_at'])}", 7, x=COLUMNS[1], color=MUTED)
    elif row["method"] == "typed":
        page.text(row["signature"], 9, x=COLUMNS[1], advance=10, raw=True)  # as typed
        page.text(f"nom saisi le {clock(row['signed_at'])}", 7, x=COLUMNS[1], color=MUTED)
    elif row["method"] == "paper":
        page.text("Signature sur papier", 8.5, x=COLUMNS[1], advance=10)
        page.text(f"enregistrée le {clock(row['paper_at'])}", 7, x=COLUMNS[1], color=MUTED)
    page.y = top
    if row["countersigned_at"]:
        page.text(row["countersigned_by"] or "", 8.5, x=COLUMNS[2], advance=10)
        page.text(f"contresigné le {clock(row['countersigned_at'])}", 7, x=COLUMNS[2], color=MUTED)
    elif row["paper_at"]:
        page.text(row["paper_by"] or "", 8.5, x=COLUMNS[2], advance=10)
        page.text("atteste la signature papier", 7, x=COLUMNS[2], color=MUTED)
    page.y = top
    width = WIDTH - MARGIN - COLUMNS[3]
    for note in notes(row):
        page.paragraph(note, 7.5, x=COLUMNS[3], width=width)
    page.y = top - ROW + 10
    page.rule()
    page.y -= 12


def notes(row: dict[str, Any]) -> list[str]:
    """Return what the observations column says about one learner's half-day."""
    out = []
    if row["paper_reason"]:
        out.append(f"Signature papier : {row['paper_reason']}")
    if row["justified"]:
        out.append(f"Absence justifiée : {row['absence_reason'] or ''}".rstrip(" :"))
    elif not row["attended"]:
        out.append("Absent(e)" if not row["method"] else "En attente de contreseing")
        if row.get("absence_reason"):
            out.append(f"Motif : {row['absence_reason']}")
    if row["arrived_at"]:
        out.append(f"Arrivée à {row['arrived_at']}")
    if row["left_at"]:
        out.append(f"Départ à {row['left_at']}")
    if row["attended"]:
        out.append(f"Heures suivies : {hours(row['hours_followed'])}")
    return out


def _foot(page: Page, data: dict[str, Any], number: int, total: int) -> None:
    made = data["made_at"].astimezone(PARIS)
    page.canvas.setFont(page.regular, 7)
    page.canvas.setFillColor(MUTED)
    page.canvas.drawString(
        MARGIN,
        30,
        typeset(
            f"Édité le {made.strftime('%d/%m/%Y à %H:%M')} (heure de Paris) — "
            f"{data['organisation']['name']}"
        ),
    )
    page.canvas.drawRightString(WIDTH - MARGIN, 30, f"Page {number} / {total}")
