"""French typography in the printed PDFs: applied at render time, snapshots untouched.

Built from the shipped course and a snapshot made by the pure builder (no database): the text
pypdf extracts must carry the narrow no-break spaces and the typographic apostrophe, the
embedded font must have a glyph for each, and identifiers print as recorded. reportlab draws
U+00A0 with the space glyph (same width in DejaVu, and pypdf reads a space back): the PDF is
laid out by ``fonts.wrap``, which never breaks a line there, and that is what is tested.
"""

import copy
import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile

from lexom_learning.attestations.attendance import SlotState
from lexom_learning.attestations.snapshot import Issue, build_snapshot
from lexom_learning.clock import PARIS
from lexom_learning.documents.attestation import render_attestation
from lexom_learning.documents.certificate import render_certificate
from lexom_learning.documents.fonts import FONT_DIR, PRIMER, register_fonts, wrap
from lexom_learning.documents.french import hours, number, percent, typeset
from lexom_learning.modules.loader import load_course
from tests.content.helpers import COURSE_DIR

N, S = "\u202f", "\u00a0"
OBJECTIVE = "Calculer un taux de marque : 25 % ?"


@pytest.fixture(scope="module")
def snapshot() -> dict:
    course = load_course(COURSE_DIR)
    objectives = [course.objectives[0].model_copy(update={"text": OBJECTIVE})]
    course = course.model_copy(update={"objectives": objectives + list(course.objectives[1:])})
    issue = Issue(
        number="ATT-2026-0042",
        version=1,
        issued_at=datetime(2026, 12, 7, 10, 0, tzinfo=PARIS),
        issue_date=date(2026, 12, 7),
        verify_url="https://lexom.test/verify/ATT-2026-0042?x=1",
        signatory="Claire Signataire",
    )
    session = {
        "id": 1,
        "title": "Session de décembre",
        "starts_on": date(2026, 12, 3),
        "ends_on": date(2026, 12, 4),
        "location": "Lyon",
        "trainer": "Jean D'Arcy",
    }
    states = [SlotState("s1", "Matin", 1, 3.5, date(2026, 12, 3), signed="typed")]
    person = {"id": 7, "name": "Anne O'Neil", "employer_name": "L'Atelier"}
    results = {objectives[0].id: (72.5, "acquired")}
    return build_snapshot(issue, course, session, person, states, results)


def text_of(pdf: bytes) -> str:
    """Return the text of the PDF's first page as extracted (special spaces kept)."""
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_the_attestation_prints_the_objective_with_french_spaces(snapshot):
    text = text_of(render_attestation(snapshot))
    assert f"Calculer un taux de marque : 25 %{N}?" in text
    assert "72,5 %" in text
    assert "résultats de l’évaluation des acquis" in text  # interface label
    assert "Anne O’Neil" in text and "Jean D’Arcy" in text
    assert "https://lexom.test/verify/ATT-2026-0042?x=1" in text  # URLs left alone
    assert "N° ATT-2026-0042" in text
    assert "\ufffd" not in text and "l'évaluation" not in text
    glyphs = TTFontFile(str(FONT_DIR / "DejaVuSans.ttf")).charToGlyph
    assert {c for c in text if c != "\n" and glyphs.get(ord(c), 0) == 0} == set()  # no box


def test_the_certificate_is_typeset_too(snapshot):
    text = text_of(render_certificate(snapshot))
    assert "Je soussigné(e)" in text and "l’action" in text
    assert "Salarié(e) de l’entreprise :" in text
    assert "L’Atelier" in text


def test_typesetting_never_touches_the_snapshot(snapshot):
    before = copy.deepcopy(snapshot)
    render_attestation(snapshot)
    render_certificate(snapshot)
    assert snapshot == before
    assert snapshot["objectives"][0]["text"] == OBJECTIVE


def test_the_embedded_fonts_have_every_typographic_character():
    for file in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        glyphs = TTFontFile(str(FONT_DIR / file)).charToGlyph
        for char in (N, S, "’", "«", "»", "€"):
            assert ord(char) in glyphs and glyphs[ord(char)] != 0, (file, hex(ord(char)))
            assert char in PRIMER or char == S  # reportlab draws U+00A0 as its space


def test_a_line_never_breaks_at_a_no_break_space():
    regular, _ = register_fonts()
    text = typeset("Calculer un taux de marque : 25 % ? Et 12 000 € de marge !")
    for width in range(60, 400, 7):
        for line in wrap(text, regular, 10, width):
            assert not line.startswith((":", "%", "?", "!", "€", "000")), (width, line)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(10.5, "10,5"), (14, "14"), (1234.5, f"1{N}234,5"), (1_000_000, f"1{N}000{N}000")],
)
def test_document_numbers_use_a_decimal_comma_and_narrow_thousands(value, expected):
    assert number(value) == expected
    assert hours(value) == f"{expected}{S}h" and percent(value) == f"{expected}{S}%"
