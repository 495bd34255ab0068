"""The certificat de réalisation, field for field after the ministry's model: one A4 page.

Organisme (identity block), « Je soussigné(e) » with the legal representative's name and
capacity, the learner, their employer, the action's title, its nature among the four of
article L6313-1 (one box checked), the dates, the hours realised, the keeping commitment,
« Fait à … Le … » (never before the last day), the stamp and the signature.
"""

from datetime import datetime
from typing import Any

from .attestation import footer, interruption_text
from .french import hours, long_date, short_date
from .identity import identity_block, signature
from .page import MARGIN, MUTED, Page, rendered_alone

NATURES = (
    "action de formation",
    "bilan de compétences",
    "action de VAE",
    "action de formation par apprentissage",
)
KEEPING = (
    "Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je "
    "m'engage à conserver l'ensemble des pièces justificatives qui ont permis d'établir le présent "
    "certificat pendant une durée de 3 ans à compter de la fin de l'année du dernier paiement. En "
    "cas de cofinancement des fonds européens, la durée de conservation est étendue "
    "conformément aux obligations conventionnelles spécifiques."
)
NO_EMPLOYER = "non communiquée"


def employer_line(participant: dict[str, Any]) -> str:
    """Return the learner's employer as printed: name, and SIRET when known."""
    name = participant.get("employer_name") or NO_EMPLOYER
    siret = participant.get("employer_siret")
    return f"{name} (SIRET {siret})" if siret else name


@rendered_alone
def render_certificate(snapshot: dict[str, Any]) -> bytes:
    """Return the certificate's PDF bytes."""
    s = snapshot
    course, session, attendance = s["course"], s["session"], s["attendance"]
    o = s["organisation"]
    number = s["certificate_number"]
    page = Page(f"Certificat de réalisation {number}", course["title"], o["name"], _created(s))
    top = page.y
    identity_block(page, s)
    page.right(f"Certificat n° {number}", top, 9, bold=True)
    page.right(f"Attestation de fin de formation n° {s['number']}", top - 12)
    page.y -= 14
    representative = o["legal_representative"]

    def head():
        page.centred("CERTIFICAT DE RÉALISATION", 16, bold=True)
        page.y -= 8
        page.paragraph(
            f"Je soussigné(e), {representative['name']}, {representative['capacity']}, "
            "représentant(e) légal(e) du dispensateur de l'action concourant au développement "
            f"des compétences {o['name']}, atteste que :",
            10,
        )
        page.y -= 4

    page.static(("certificate-head", o["name"], tuple(representative.items())), head)
    page.field("Nom et prénom du bénéficiaire", s["participant"]["name"], 10, label_width=175)
    page.field("Salarié(e) de l'entreprise", employer_line(s["participant"]), 10, label_width=175)

    def action():
        page.field("a suivi l'action", f"{course['title']} (réf. {course['ref']})", 10, 175)
        page.y -= 2
        page.paragraph("Nature de l'action concourant au développement des compétences :", 10)
        for nature in NATURES:
            _check_box(page, nature, nature == course["nature"])
        page.y -= 4

    page.static(("certificate-action", course["title"], course["ref"], course["nature"]), action)
    page.paragraph(
        f"qui s'est déroulée du {long_date(session['starts_on'])} au "
        f"{long_date(session['ends_on'])},",
        10,
    )
    page.paragraph(
        f"pour une durée de {hours(attendance['hours_attended'])} réalisées "
        f"(sur {hours(attendance['hours_planned'])} prévues).",
        10,
        bold=True,
    )
    if session.get("interruption"):
        page.paragraph(interruption_text(session["interruption"], attendance), 10, bold=True)
    _attendance(page, attendance)
    page.y -= 6
    page.static(("certificate-keeping",), lambda: page.paragraph(KEEPING, 8, color=MUTED))
    page.y -= 12
    page.text(f"Fait à : {s['issue_place']}", 10, advance=14)
    page.text(f"Le : {short_date(certificate_date(s))}", 10, advance=0)
    signature(
        page,
        s,
        top=page.y + 14,
        label="Cachet et signature du responsable du dispensateur de formation",
    )
    footer(page, {**s, "number": number, "verify_url": s["certificate_verify_url"]})
    return page.finish()


def certificate_date(s: dict[str, Any]) -> str:
    """Return the date the certificate is made on: its issue, never before the last day."""
    return max(s["issue_date"], s["session"]["ends_on"])


def _created(s: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(s["issued_at"])


def _attendance(page: Page, attendance: dict[str, Any]) -> None:
    page.static(
        ("certificate-attendance",),
        lambda: page.heading("Assiduité par demi-journée (émargement)", 10),
    )
    for half_day in attendance["half_days"]:
        present = "présent(e)" if half_day["attended"] else "absent(e)"
        if half_day.get("justified"):
            present = "absence justifiée"
        if not half_day.get("held", True):
            present = "non tenue"
        page.text(f"{short_date(half_day['date'])}  {half_day['label']}", 9, advance=0)
        followed = half_day.get("hours_followed", half_day["hours"] * half_day["attended"])
        page.text(hours(followed), 9, x=MARGIN + 260, advance=0)
        page.text(present, 9, x=MARGIN + 320, advance=13)


def _check_box(page: Page, label: str, checked: bool) -> None:
    x = MARGIN + 12
    page.box(x, page.y - 1.5, 8, 8)
    if checked:
        canvas = page.canvas
        canvas.setLineWidth(1)
        canvas.line(x + 1.5, page.y, x + 6.5, page.y + 5)
        canvas.line(x + 1.5, page.y + 5, x + 6.5, page.y)
    page.text(label, 9.5, x=x + 14, advance=13)
