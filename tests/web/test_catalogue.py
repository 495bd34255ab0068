"""The first screen: the course page and each module's units, in French, from content."""

import pytest

from lexom_learning import create_app
from tests.typeset import FoldingClient, plain


@pytest.fixture(scope="module")
def catalogue_client(tmp_path_factory):
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    app.test_client_class = FoldingClient  # pages typeset, text folded (tests/typeset.py)
    return app.test_client()


def test_root_redirects_to_the_course(catalogue_client):
    response = catalogue_client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/courses/mrk-stra-05")


def test_course_page_shows_title_ref_duration_objectives_programme(catalogue_client, course):
    html = catalogue_client.get("/courses/mrk-stra-05").get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert "Optimiser son marketing grâce aux tableaux de bord" in html
    assert "MRK-STRA-05" in html and "2 jours" in html and "14 heures" in html
    for objective in course.objectives:
        assert objective.text in html
    assert len(course.modules) == 7
    for module in course.modules:
        assert module.title in html
        assert f"/courses/mrk-stra-05/modules/{module.id}" in html


def test_every_module_page_renders_its_units(catalogue_client, course):
    for module in course.modules:
        response = catalogue_client.get(f"/courses/mrk-stra-05/modules/{module.id}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for unit in module.units:
            assert f'id="{unit.id}"' in html
            assert plain(unit.html()) in html


def test_module_page_never_shows_answers(catalogue_client, course):
    html = catalogue_client.get("/courses/mrk-stra-05/modules/m1").get_data(as_text=True)
    for question in course.module("m1").quizzes[0].questions:
        assert question.explanation not in html


@pytest.mark.parametrize("path", ["/courses/nope", "/courses/mrk-stra-05/modules/m99"])
def test_unknown_ids_get_a_french_404(catalogue_client, path):
    response = catalogue_client.get(path)
    assert response.status_code == 404
    assert "Cette page n'existe pas." in response.get_data(as_text=True)
