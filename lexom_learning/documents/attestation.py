"""The attestation de fin de formation (Code du travail, L6353-1): one A4 page from a snapshot.

Blocks that are the same on every attestation of a course or a session go through
``Page.static`` (laid out once per process, then replayed); the rest is drawn each time.
"""

from datetime import datetime
from typing import Any

from .french import hours, long_date, percent, quoted
from .identity import identity_block, signature
from .page import MARGIN, MUTED, WIDTH, Page, rendered_alone

NATURE_ARTICLE = "article L6313-1 du Code du travail"
LEVEL_X, SCORE_X = MARGIN + 340, WIDTH - MARGIN - 45


@rendered_alone
def render_attestation(snapshot: dict[str, Any]) -> bytes:
    """Return the attestation's PDF bytes."""
    s = snapshot
    course, session, attendance = s["course"], s["session"], s["attendance"]
    o = s["organisation"]
    page = Page(
        f"Attestation de fin de formation {s['number']}",
        course["title"],
        o["name"],
        datetime.fromisoformat(s["issued_at"]),
    )
    _header(page, s, "ATTESTATION DE FIN DE FORMATION", "Article L6353-1 du Code du travail")
    page.static(
        ("intro", o["name"]),
        lambda: page.paragraph(f"{o['name']}, organisme de formation, atteste que", 10),
    )
    page.y -= 2
    page.text(s["participant"]["name"], 14, bold=True, advance=20)

    def course_block():
        page.paragraph("a suivi l'action de formation :", 10)
        page.paragraph(f"{quoted(course['title'])} (réf. {course['ref']})", 11.5, bold=True)
        page.y -= 6
        page.field("Nature de l'action", f"{quoted(course['nature'])} ({NATURE_ARTICLE})")
        page.field("Modalité", course["modality"])
        page.field(
            "Dates", f"du {long_date(session['starts_on'])} au {long_date(session['ends_on'])}"
        )
        page.field("Lieu", session["location"])
        page.field("Durée prévue", f"{hours(course['hours'])} ({course['days']} jours)")

    fixed = tuple((k, v) for k, v in session.items() if k != "interruption")
    page.static(("course", tuple(course.items()), fixed), course_block)
    total = len(attendance["half_days"])
    page.field(
        "Durée suivie",
        f"{hours(attendance['hours_attended'])} "
        f"({attendance['half_days_attended']} demi-journée(s) sur {total})",
    )
    if session.get("interruption"):
        page.paragraph(interruption_text(session["interruption"], attendance), 9.5, bold=True)
    page.static(
        ("trainer", session["trainer"]), lambda: page.field("Formateur", session["trainer"])
    )
    _objectives(page, s["objectives"])
    page.static(
        ("modalities", tuple(s["thresholds"].items()), *s["evaluation_modalities"]),
        lambda: _modalities(page, s),
    )
    _closing(page, s)
    return page.finish()


def interruption_text(interruption: dict[str, str], attendance: dict[str, Any]) -> str:
    """Return the sentence stating that the session stopped early, and the hours held."""
    held = attendance.get("hours_held", attendance["hours_attended"])
    return (
        f"Formation interrompue le {long_date(interruption['date'])} : "
        f"{interruption['reason']} ({hours(held)} réalisées sur "
        f"{hours(attendance['hours_planned'])} prévues)."
    )


def _objectives(page: Page, objectives: list[dict[str, Any]]) -> None:
    def heading():
        page.heading("Objectifs pédagogiques et résultats de l'évaluation des acquis")
        page.text("Objectif", 8, bold=True, color=MUTED, advance=0)
        page.text("Niveau", 8, bold=True, x=LEVEL_X, color=MUTED, advance=0)
        page.text("Score", 8, bold=True, x=SCORE_X, color=MUTED, advance=13)

    page.static(("objectives-heading",), heading)
    for index, o in enumerate(objectives, start=1):
        page.text(o["level_label"] or "Non évalué", 9, x=LEVEL_X, advance=0)
        page.text(percent(o["percent"]), 9, x=SCORE_X, advance=0)

        def row(index=index, text=o["text"]):
            page.paragraph(f"{index}. {text}", 9.5, width=LEVEL_X - MARGIN - 12)
            page.y += 6
            page.rule()
            page.y -= 12

        page.static(("objective", index, o["text"]), row)


def _modalities(page: Page, s: dict[str, Any]) -> None:
    t = s["thresholds"]
    page.paragraph(
        f"Niveau acquis à partir de {percent(t['acquired'])}, en cours d'acquisition à partir de "
        f"{percent(t['in_progress'])}, non acquis en deçà. Le score est la part des points "
        "obtenus aux évaluations rattachées à l'objectif.",
        7.5,
        color=MUTED,
    )
    page.heading("Modalités d'évaluation")
    for item in s["evaluation_modalities"]:
        page.text("•", 8.5, x=MARGIN + 4, advance=0)
        page.paragraph(item, 8.5, x=MARGIN + 14)


def _header(page: Page, s: dict[str, Any], title: str, subtitle: str) -> None:
    top = page.y
    identity_block(page, s)
    page.right(f"N° {s['number']}", top, 9, bold=True)
    page.right(f"Version {s['version']} — émise le {long_date(s['issue_date'])}", top - 12)
    page.y -= 12

    def titles():
        page.centred(title, 16, bold=True)
        page.centred(subtitle, 8.5, color=MUTED)
        page.y -= 10

    page.static(("titles", title, subtitle), titles)


def _closing(page: Page, s: dict[str, Any]) -> None:
    """The place and date of issue, the signature block, the QR code and the number."""
    page.y -= 6
    page.text(f"Fait à {s['issue_place']}, le {long_date(s['issue_date'])}", 10, advance=0)
    signature(page, s, top=page.y)
    footer(page, s)


def footer(page: Page, s: dict[str, Any]) -> None:
    """Draw the QR code to the verification page, the number and what replaces what."""
    size = 74
    page.qr(s["verify_url"], MARGIN - 4, 36, size)
    x = MARGIN + size + 4
    page.y = 96
    page.text(f"Document n° {s['number']} (version {s['version']})", 8, bold=True, x=x, advance=11)
    page.static(
        ("verify-label",),
        lambda: page.text(
            "Vérifier l'authenticité de ce document :", 7.5, x=x, color=MUTED, advance=10
        ),
    )
    page.text(s["verify_url"], 7.5, x=x, advance=10)
    page.static(
        ("verify-note",),
        lambda: page.paragraph(
            "La page de vérification indique si le document est valide, remplacé ou révoqué, et "
            "contrôle son empreinte SHA-256.",
            7,
            x=x,
            color=MUTED,
        ),
    )
    if s.get("supersedes"):
        reason = f" (motif : {s['reason']})" if s.get("reason") else ""
        page.paragraph(f"Remplace le document n° {s['supersedes']}{reason}.", 7, x=x, color=MUTED)
