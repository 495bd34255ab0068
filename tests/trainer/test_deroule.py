"""The déroulé pédagogique of a session: a page and a PDF for its trainer, compliance and
admin; nobody else; the PDF is reproducible and readable."""

import io

import pypdf
import pytest

from lexom_learning.documents.deroule import deroule_pdf, session_fields
from lexom_learning.modules import load_course
from lexom_learning.web.content import CourseRepository
from tests.modules.test_deroule import DEROULE


@pytest.fixture
def planned_course(app, minimal_copy):
    (minimal_copy / "deroule.yaml").write_text(DEROULE, encoding="utf-8")
    module = minimal_copy / "modules/m1/module.yaml"
    module.write_text(
        module.read_text(encoding="utf-8").replace(
            "    minutes: 20\n", "    minutes: 20\n    notes: Demander un **exemple** vécu.\n"
        ),
        encoding="utf-8",
    )
    course = load_course(minimal_copy)
    app.extensions["lexom_courses"] = CourseRepository([course])
    return course


@pytest.fixture
def training(factories, planned_course):
    return factories.SessionFactory(course_id=planned_course.id, title="Session de Lyon")


def test_the_trainer_reads_the_deroule(app, sign_in, training):
    trainer = sign_in(app.test_client(), training.trainer)
    html = trainer.get(f"/trainer/sessions/{training.id}/deroule").get_data(as_text=True)
    assert "Déroulé pédagogique" in html and "Matin" in html and "09:30–10:30" in html
    assert "Séquence « Première séquence »" in html and "Binômes" in html
    assert "<strong>exemple</strong>" in html  # the unit's animation notes, as Markdown
    assert "Jeu de rôle « Revue mensuelle » (20 min)" in html
    session_page = trainer.get(f"/trainer/sessions/{training.id}").get_data(as_text=True)
    assert f"/trainer/sessions/{training.id}/deroule.pdf" in session_page


def test_the_pdf_downloads_and_reads(app, sign_in, training):
    trainer = sign_in(app.test_client(), training.trainer)
    response = trainer.get(f"/trainer/sessions/{training.id}/deroule.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    pages = pypdf.PdfReader(io.BytesIO(response.data)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Déroulé pédagogique — DEMO-01" in text and "Session de Lyon" in text
    assert "Les indicateurs" in text and "Demander un exemple vécu." in text


def test_the_pdf_is_reproducible(planned_course, training):
    fields = session_fields(training)
    assert deroule_pdf(planned_course, fields) == deroule_pdf(planned_course, fields)


@pytest.mark.parametrize("role", ["compliance", "admin"])
def test_compliance_and_admin_read_it(app, sign_in, factories, training, role):
    reader = sign_in(app.test_client(), factories.UserFactory(role=role))
    assert reader.get(f"/trainer/sessions/{training.id}/deroule").status_code == 200
    assert reader.get(f"/trainer/sessions/{training.id}/deroule.pdf").status_code == 200


def test_others_are_refused(app, sign_in, factories, training):
    other = sign_in(app.test_client(), factories.UserFactory(role="trainer"))
    assert other.get(f"/trainer/sessions/{training.id}/deroule").status_code == 404
    assert other.get(f"/trainer/sessions/{training.id}/deroule.pdf").status_code == 404
    learner = sign_in(app.test_client(), factories.ParticipantFactory(session=training))
    assert learner.get(f"/trainer/sessions/{training.id}/deroule").status_code in (302, 403)
    anonymous = app.test_client().get(f"/trainer/sessions/{training.id}/deroule.pdf")
    assert anonymous.status_code == 302


def test_without_a_deroule(app, sign_in, factories, course):
    app.extensions["lexom_courses"] = CourseRepository(
        [course.model_copy(update={"deroule": None})]
    )
    training = factories.SessionFactory(course_id=course.id)
    trainer = sign_in(app.test_client(), training.trainer)
    page = trainer.get(f"/trainer/sessions/{training.id}/deroule")
    assert page.status_code == 404 and "pas encore de déroulé" in page.get_data(as_text=True)
    assert trainer.get(f"/trainer/sessions/{training.id}/deroule.pdf").status_code == 404
