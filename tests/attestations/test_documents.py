"""The PDFs carry every mandatory field (text extracted with pypdf); ZIP, CSV and XLSX exports."""

import csv
import hashlib
import io
import json
import re
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lexom_learning.documents.archive import zip_stream
from lexom_learning.documents.french import long_date
from lexom_learning.services import attestations, exports, verification
from tests.attestations.conftest import attend
from tests.typeset import plain


def text_of(pdf: bytes) -> str:
    """Return a one-page PDF's text, whitespace collapsed, typography folded (tests.typeset)."""
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(plain(reader.pages[0].extract_text()).split())


def test_the_attestation_states_every_mandatory_field(world, course, issued):
    page = text_of(issued.pdf)
    number = issued.number
    expected = [
        "ATTESTATION DE FIN DE FORMATION",
        f"N° {number}",
        "Hélène Lefèvre-Ngô",
        "Formations Exemple, organisme de formation",
        "Organisme de formation — 3 rue des Essais, 69002 Lyon",
        "SIRET 732 829 320 00074",
        "Déclaration d'activité enregistrée sous le n° 82691234569 auprès du préfet de région "
        "Auvergne-Rhône-Alpes. Cet enregistrement ne vaut pas agrément de l'État.",
        f"« {course.title} » (réf. {course.ref})",
        "« action de formation »",
        "Dates : du ",
        "Lieu : Lyon — salle « Garance »",
        "Durée prévue : 14 h (2 jours)",
        "Durée suivie : 7 h (2 demi-journée(s) sur 4)",
        "Objectifs pédagogiques et résultats de l'évaluation des acquis",
        "Modalités d'évaluation",
        "Fait à Lyon, le ",
        "Pour Formations Exemple,",
        "Claire Signataire, Directrice pédagogique",
        "Signature et cachet",
        f"http://lexom.test/verify/{number}",
    ]
    for fragment in expected:
        assert fragment in page, fragment
    for objective in course.objectives:
        assert objective.text in page, objective.id
    for modality in course.evaluation_modalities:
        assert " ".join(modality.split()) in page
    assert page.count("Non évalué") == 3 and page.count("—") >= 3  # level and score, per objective


def test_results_come_from_the_attainment_service(world, course, monkeypatch):
    from lexom_learning.attainment import Evidence
    from lexom_learning.services import evidence

    def fake(session, ids):
        return {
            i: [Evidence(("obj-1",), 4, 5, "quiz"), Evidence(("obj-2",), 1, 4, "quiz")] for i in ids
        }

    fake_source = evidence.EvidenceSource("module_quizzes", "quiz", "quizzes", fake)
    monkeypatch.setattr(evidence, "SOURCES", (fake_source,))
    attend(world.session, course, world.participant, "d1-am", paper=True)
    issued = attestations.close_and_issue(world.session, course).issued[0]
    page = text_of(issued.pdf)
    assert "Acquis 80 %" in page and "Non acquis 25 %" in page
    levels = [(o["level"], o["percent"]) for o in issued.snapshot["objectives"]]
    assert levels == [("acquired", 80.0), ("not_acquired", 25.0), (None, None)]


def test_the_certificate_follows_the_ministry_model(world, course, factories):
    world.participant.employer_name = "Ateliers Durand SAS"
    world.participant.employer_siret = "73282932000074"
    attend(world.session, course, world.participant, "d1-am", paper=True)
    attend(world.session, course, world.participant, "d1-pm")
    issued = attestations.close_and_issue(world.session, course).issued[0]
    page = text_of(issued.certificate_pdf)
    starts, ends = world.session.starts_on, world.session.ends_on
    assert date.fromisoformat(issued.snapshot["issue_date"]) >= ends
    number = issued.certificate_number
    assert number.startswith("CR-") and number != issued.number
    for fragment in [
        # the organisme, with its identity block
        "Formations Exemple",
        "3 rue des Essais, 69002 Lyon",
        "SIRET 732 829 320 00074",
        "n° 82691234569",
        "Cet enregistrement ne vaut pas agrément de l'État.",
        "CERTIFICAT DE RÉALISATION",
        f"Certificat n° {number}",
        f"Attestation de fin de formation n° {issued.number}",
        # the legal representative, named with their capacity
        "Je soussigné(e), Jean Exemple, Gérant, représentant(e) légal(e) du dispensateur de "
        "l'action concourant au développement des compétences Formations Exemple, atteste que :",
        "Nom et prénom du bénéficiaire : Hélène Lefèvre-Ngô",
        "Salarié(e) de l'entreprise : Ateliers Durand SAS (SIRET 73282932000074)",
        f"a suivi l'action : {course.title} (réf. {course.ref})",
        "Nature de l'action concourant au développement des compétences :",
        "action de formation",
        "bilan de compétences",
        "action de VAE",
        "action de formation par apprentissage",
        f"qui s'est déroulée du {long_date(starts)} au {long_date(ends)},",
        "pour une durée de 7 h réalisées (sur 14 h prévues).",
        "conserver l'ensemble des pièces justificatives",
        "Fait à : Lyon",
        f"Le : {date.fromisoformat(issued.snapshot['issue_date']).strftime('%d/%m/%Y')}",
        "Cachet et signature du responsable du dispensateur de formation",
        "Pour Formations Exemple,",
        "Claire Signataire, Directrice pédagogique",
        f"http://lexom.test/verify/{number}",
    ]:
        assert fragment in page, fragment
    # exactly one of the four boxes is checked (two crossing strokes), with the stamp and the
    # signature drawn as images
    reader = PdfReader(io.BytesIO(issued.certificate_pdf))
    assert len(reader.pages[0].images) == 2
    metadata = reader.metadata
    assert metadata.title == f"Certificat de réalisation {number}"
    assert metadata.author == "Formations Exemple"
    assert metadata.creation_date.year == issued.issued_at.year
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    assert issued.certificate_sha256 == hashlib.sha256(issued.certificate_pdf).hexdigest()
    assert verification.verify(number).number == issued.number


def test_the_certificate_is_never_made_before_the_last_day(world, course):
    attend(world.session, course, world.participant, "d1-am", paper=True)
    issued = attestations.close_and_issue(world.session, course).issued[0]
    page = text_of(issued.certificate_pdf)
    made = date.fromisoformat(issued.snapshot["issue_date"])
    assert made >= world.session.ends_on
    assert f"Le : {made.strftime('%d/%m/%Y')}" in page
    assert "Salarié(e) de l'entreprise : non communiquée" in page


def test_the_stored_hash_is_the_pdfs(issued):
    assert issued.sha256 == hashlib.sha256(issued.pdf).hexdigest()
    assert issued.pdf.startswith(b"%PDF-") and b"/FontFile2" in issued.pdf


def test_a_rare_letter_extends_the_embedded_font(world, course, factories):
    person = factories.ParticipantFactory(session=world.session, name="Nguyễn Thị Ánh")
    attend(world.session, course, person, "d1-am", paper=True)
    issued = attestations.close_and_issue(world.session, course).issued[0]
    assert "Nguyễn Thị Ánh" in text_of(issued.pdf)


def unzip(chunks) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(chunks)))


def test_the_session_zip_stores_every_current_pdf(world, course, issued):
    attend(world.session, course, world.second, "d2-am", paper=True)
    archive = unzip(exports.session_zip(world.session.id))
    names = sorted(archive.namelist())
    assert len(names) == 5 and all(n.endswith(".pdf") for n in names)
    assert "emargement-signe.pdf" in names
    assert f"attestations/{issued.number}.pdf" in names
    assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())
    assert archive.read(f"attestations/{issued.number}.pdf") == issued.pdf


def test_zip_stream_yields_several_chunks():
    chunks = list(zip_stream([(f"f{i}.pdf", b"x" * 1000) for i in range(5)]))
    assert len(chunks) >= 5
    assert unzip(chunks).read("f3.pdf") == b"x" * 1000


def test_the_register_as_csv_and_xlsx(world, course, issued):
    attestations.revoke(issued, world.compliance.get_id(), "Erreur de saisie")
    raw = exports.register(world.session.id, "csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, line = rows
    record = dict(zip(header, line, strict=True))
    assert record["numéro"] == issued.number and record["statut"] == "révoquée"
    assert record["participant"] == "Hélène Lefèvre-Ngô"
    assert record["durée suivie (h)"] == "7" and record["SHA-256 attestation"] == issued.sha256
    assert record["n° certificat de réalisation"] == issued.certificate_number
    assert record["SHA-256 certificat"] == issued.certificate_sha256
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", record["émise le (heure de Paris)"]
    )
    assert record["motif de révocation"] == "Erreur de saisie"
    assert record["objectif 1 niveau"] == "non évalué"
    sheet = load_workbook(io.BytesIO(exports.register(world.session.id, "xlsx"))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == header
    assert values[1][0] == issued.number and values[1][2] == "révoquée"
    assert len(values) == 2


def test_the_evidence_folder_maps_files_to_qualiopi_indicators(world, course, issued):
    folder = exports.evidence_folder(world.session, course)
    archive = unzip(folder.stream())
    manifest = json.loads(archive.read("manifest.json"))
    by_path = {f["path"]: f["indicators"] for f in manifest["files"]}
    assert set(by_path) | {"manifest.json", "manifest.csv"} == set(archive.namelist())
    assert by_path["emargement.csv"] == ["Indicateur 10", "Indicateur 12"]
    assert by_path[f"attestations/{issued.number}.pdf"] == ["Indicateur 11"]
    assert "Indicateur 30" in by_path["messages.csv"]
    assert "Indicateur 8" in by_path["evaluations-taux-de-reponse.csv"]
    attendance = archive.read("emargement.csv").decode("utf-8-sig")
    assert re.search(r"Hélène Lefèvre-Ngô;présent;présent;absent;absent;2;7\r\n", attendance)
    assert "manifest.csv" in archive.namelist()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_empty_register_still_has_its_header(world, fmt):
    assert exports.register(world.session.id, fmt)


def test_replayed_blocks_never_borrow_a_rare_letter_from_another_document(world, course):
    """A location with a rare letter is laid out again in every document, never replayed."""
    from datetime import date

    from lexom_learning.attestations.attendance import slot_states
    from lexom_learning.attestations.schedule import build_schedule
    from lexom_learning.attestations.snapshot import Issue, build_snapshot
    from lexom_learning.documents.attestation import render_attestation
    from lexom_learning.storage.types import utcnow

    slots = build_schedule(course.half_days, course.days, date(2026, 1, 5), date(2026, 1, 6))
    states = slot_states(slots, [("d1-am", "paper", "paper")])

    def page(name: str, location: str) -> str:
        issue = Issue(
            "MRK-STRA-05-2026-00009",
            1,
            utcnow(),
            date(2026, 1, 6),
            "https://x.test/verify/MRK-STRA-05-2026-00009",
            "La direction",
        )
        session = {
            "id": 1,
            "title": "S",
            "starts_on": date(2026, 1, 5),
            "ends_on": date(2026, 1, 6),
            "location": location,
            "trainer": "Ana",
        }
        snapshot = build_snapshot(issue, course, session, {"id": 1, "name": name}, states, {})
        return text_of(render_attestation(snapshot))

    assert "Lieu : Łódź, sala 3" in page("Łukasz Ąbc", "Łódź, sala 3")
    assert "Lieu : Łódź, sala 3" in page("Jean Dupont", "Łódź, sala 3")
    assert "Lieu : Lyon" in page("Ådne Øye", "Lyon")
    assert "Ådne Øye" in page("Ådne Øye", "Lyon") and "Lieu : Lyon" in page("Jean Dupont", "Lyon")
