"""The déroulé pédagogique as a PDF: one table per half-day (reportlab platypus, DejaVu).

``deroule_pdf(course, session=…)`` is what the trainer downloads and what the evidence ZIP
adds; ``session`` is a small mapping (title, dates, place, trainer) printed under the title.
"""

import io
import re
from collections.abc import Mapping
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..modules.deroule import item_label, unit_notes
from ..modules.schema import GROUPING_LABELS
from ..typography import french
from .fonts import register_fonts
from .page import ACCENT, INK, LINE, MUTED, rendered_alone

_MARKUP = re.compile(r"(\*\*|__|\*|_|`)")


def _text(markdown: str) -> str:
    """Return Markdown as escaped, typeset text for a Paragraph (markup marks dropped)."""
    return escape(french(_MARKUP.sub("", markdown))).replace("\n", "<br/>")


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=8.5, leading=11, textColor=INK)
    return {
        "base": base,
        "bold": ParagraphStyle("bold", parent=base, fontName=bold),
        "muted": ParagraphStyle("muted", parent=base, textColor=MUTED, fontSize=8),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=15, leading=19),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=bold, fontSize=11, leading=15, textColor=ACCENT
        ),
    }


def _sequence_cells(course, sequence, styles) -> list:
    module = course.module(sequence.module) if sequence.module else None
    what = [f"<b>{_text(sequence.title)}</b>"]
    if module is not None:
        what.append(_text(f"Module {module.id} — {module.title}"))
    if sequence.objectives:
        what.append(_text("Objectifs : " + ", ".join(sequence.objectives)))
    what += [_text("• " + item_label(course, i)) for i in sequence.items]
    how = [_text(sequence.method)] if sequence.method else []
    how.append(_text(GROUPING_LABELS[sequence.grouping]))
    notes = [_text(sequence.notes)] if sequence.notes else []
    notes += [
        f"<b>{_text(title)}</b> : {_text(text)}" for title, text in unit_notes(course, sequence)
    ]
    return [
        Paragraph(
            _text(f"{sequence.start}–{sequence.end}") + f"<br/>{sequence.minutes} min",
            styles["base"],
        ),
        Paragraph("<br/>".join(what), styles["base"]),
        Paragraph("<br/>".join(how), styles["base"]),
        Paragraph(_text(sequence.materials), styles["base"]),
        Paragraph("<br/>".join(notes), styles["muted"]),
    ]


@rendered_alone
def deroule_pdf(
    course, session: Mapping[str, str] | None = None, author: str = "lexom_learning"
) -> bytes:
    """Return the course's déroulé pédagogique as PDF bytes (same input, same bytes); ``author``
    is the training organisation, written in the PDF's metadata."""
    if course.deroule is None:
        raise ValueError("the course has no déroulé")
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=f"Déroulé pédagogique — {course.ref}",
        author=author,
        creator="lexom_learning",
        invariant=1,
    )
    story = [
        Paragraph(_text(f"Déroulé pédagogique — {course.ref} « {course.title} »"), styles["title"]),
        Spacer(1, 3 * mm),
    ]
    if session:
        line = " · ".join(f"{k} : {v}" for k, v in session.items() if v)
        story += [Paragraph(_text(line), styles["muted"]), Spacer(1, 3 * mm)]
    half_days = {h.id: h for h in course.half_days}
    header = [
        "Horaires",
        "Séquence et contenus",
        "Méthode, organisation",
        "Supports",
        "Notes d'animation",
    ]
    widths = [26 * mm, 80 * mm, 48 * mm, 40 * mm, 75 * mm]
    for plan in course.deroule.half_days:
        label = half_days[plan.half_day].label if plan.half_day in half_days else plan.half_day
        story.append(Paragraph(_text(f"{label} ({plan.start}–{plan.end})"), styles["h2"]))
        story.append(Spacer(1, 2 * mm))
        rows = [[Paragraph(_text(h), styles["bold"]) for h in header]]
        rows += [_sequence_cells(course, s, styles) for s in plan.sequences]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                    ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
                ]
            )
        )
        story += [table, Spacer(1, 6 * mm)]
    document.build(story)
    return buffer.getvalue()


def session_fields(training) -> dict[str, str]:
    """Return what the PDF prints of a session (title, dates, place, trainer), in French."""
    from .french import long_date

    return {
        "Session": training.title,
        "Dates": f"du {long_date(training.starts_on)} au {long_date(training.ends_on)}",
        "Lieu": training.location,
        "Formateur": training.trainer.name if training.trainer else "",
    }
