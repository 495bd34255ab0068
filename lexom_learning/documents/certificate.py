"""The certificat de réalisation, after the ministry's model: one A4 page from a snapshot."""

from typing import Any

from .attestation import footer, interruption_text, signature
from .french import hours, long_date, short_date
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


@rendered_alone
def render_certificate(snapshot: dict[str, Any]) -> bytes:
    """Return the certificate's PDF bytes."""
    s = snapshot
    course, session, attendance = s["course"], s["session"], s["attendance"]
    provider = s["provider"]
    page = Page(f"Certificat de réalisation {s['number']}", course["title"])
    top = page.y

    def head():
        page.text(provider["name"], 18, bold=True, advance=13)
        page.text(f"Organisme de formation — {provider['city']}", 8.5, color=MUTED, advance=0)
        page.y -= 40
        page.centred("CERTIFICAT DE RÉALISATION", 16, bold=True)
        page.y -= 8
        page.paragraph(
            f"Je soussigné(e), {s['signatory']}, représentant(e) du dispensateur de l'action "
            f"concourant au développement des compétences {provider['name']}, atteste que :",
            10,
        )
        page.y -= 4

    page.static(("certificate-head", provider["name"], provider["city"], s["signatory"]), head)
    page.right(f"Réf. attestation n° {s['number']}", top, 9, bold=True)
    page.field("Stagiaire", s["participant"]["name"], 10)

    def action():
        page.field("Salarié(e) de l'entreprise", "", 10, label_width=150)
        page.field("a suivi l'action", f"{course['title']} (réf. {course['ref']})", 10)
        page.y -= 2
        page.paragraph("Nature de l'action concourant au développement des compétences :", 10)
        for nature in NATURES:
            _check_box(page, nature, nature == course["nature"])
        page.y -= 4

    page.static(("certificate-action", course["title"], course["ref"], course["nature"]), action)
    page.paragraph(
        f"qui s'est déroulée du {long_date(session['starts_on'])} au "
        f"{long_date(session['ends_on'])}, à {session['location']}, pour une durée de "
        f"{hours(attendance['hours_attended'])} réalisées sur {hours(course['hours'])} prévues.",
        10,
    )
    if session.get("interruption"):
        page.paragraph(interruption_text(session["interruption"], attendance), 10, bold=True)
    page.static(
        ("certificate-attendance",),
        lambda: page.heading("Assiduité par demi-journée (émargement)", 10),
    )
    for half_day in attendance["half_days"]:
        present = "présent(e)" if half_day["attended"] else "absent(e)"
        if not half_day.get("held", True):
            present = "non tenue"
        page.text(f"{short_date(half_day['date'])}  {half_day['label']}", 9, advance=0)
        page.text(hours(half_day["hours"]), 9, x=MARGIN + 260, advance=0)
        page.text(present, 9, x=MARGIN + 320, advance=13)
    page.y -= 6
    page.static(("certificate-keeping",), lambda: page.paragraph(KEEPING, 8, color=MUTED))
    page.y -= 12
    page.text(f"Fait à : {s['issue_place']}", 10, advance=14)
    page.text(f"Le : {short_date(s['issue_date'])}", 10, advance=0)
    signature(
        page,
        s,
        top=page.y + 14,
        label="Cachet et signature du responsable du dispensateur de formation",
    )
    footer(page, s)
    return page.finish()


def _check_box(page: Page, label: str, checked: bool) -> None:
    x = MARGIN + 12
    page.box(x, page.y - 1.5, 8, 8)
    if checked:
        canvas = page.canvas
        canvas.setLineWidth(1)
        canvas.line(x + 1.5, page.y, x + 6.5, page.y + 5)
        canvas.line(x + 1.5, page.y + 5, x + 6.5, page.y)
    page.text(label, 9.5, x=x + 14, advance=13)
