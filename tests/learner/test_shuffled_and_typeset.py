"""The participant's pages show choice options in their own order (the same in the JSON API,
on every reload), prompts with their dashboard tables, and French typography."""

import re
import shutil

import pytest

from lexom_learning.modules import load_course
from lexom_learning.quizzes.shuffle import order_options
from lexom_learning.web.content import CourseRepository
from lexom_learning.web.shuffle import participant_seed
from tests.api.helpers import Api
from tests.learner.conftest import DATA, open_link

N = "\u202f"
S = "\u00a0"


def _page_order(html: str, question_id: str) -> list[str]:
    return re.findall(rf'name="q\.{question_id}" value="([^"]+)"', html)


def test_the_page_and_the_api_show_the_participant_order(app, client, all_types_phone):
    phone, person = all_types_phone
    course = app.extensions["lexom_courses"].default()
    spec = course.question("t-multi")
    expected = [o.id for o in order_options(spec, participant_seed(person.id, spec.id))]
    first = phone.get("/me/quizzes/m1-quiz").get_data(as_text=True)
    assert _page_order(first, "t-multi") == expected
    again = phone.get("/me/quizzes/m1-quiz").get_data(as_text=True)
    assert _page_order(again, "t-multi") == expected  # a reload keeps it
    data = Api(client).get("/me/quizzes/m1-quiz", person).get_json()
    shown = next(q for q in data["questions"] if q["id"] == "t-multi")
    assert [o["id"] for o in shown["options"]] == expected


def test_participants_get_different_orders(app, factories, all_types_course):
    spec = all_types_course.question("t-multi")
    orders = set()
    for _ in range(12):
        person = factories.ParticipantFactory(session__course_id=all_types_course.id)
        orders.add(tuple(o.id for o in order_options(spec, participant_seed(person.id, spec.id))))
    assert len(orders) > 1


@pytest.fixture
def table_phone(app, factories, minimal_copy):
    quiz = minimal_copy / "modules" / "m1" / "quiz.yaml"
    shutil.copy(DATA / "all_types_quiz.yaml", quiz)
    text = quiz.read_text(encoding="utf-8")
    text = text.replace(
        "    prompt: Quel indicateur mesure la fidélité ?\n",
        "    prompt: |\n      Lisez ce tableau : quel indicateur mesure la fidélité ?\n\n"
        "      | Indicateur | Valeur |\n      |---|---:|\n      | CA | 12000 € |\n",
    )
    quiz.write_text(text, encoding="utf-8")
    course = load_course(minimal_copy)
    app.extensions["lexom_courses"] = CourseRepository([course])
    person = factories.ParticipantFactory(session__course_id=course.id)
    return open_link(app, person)


def test_a_prompt_shows_its_dashboard_table(app, table_phone):
    html = table_phone.get("/me/quizzes/m1-quiz").get_data(as_text=True)
    assert "<table>" in html and "<th>Indicateur</th>" in html
    assert "| Indicateur |" not in html


def test_french_typography_on_content_and_interface(app, table_phone):
    html = table_phone.get("/me/quizzes/m1-quiz").exact_text  # on by default, tests included
    # nh3 writes U+00A0 as &nbsp; in the content it cleans
    assert f"Lisez ce tableau&nbsp;: quel indicateur mesure la fidélité{N}?" in html
    assert f"<td>12{N}000&nbsp;€</td>" in html
    assert f"réussite à partir de 60{S}%" in html  # the interface, typeset
    assert "Question 1 sur" in html
    # attributes and scripts are never touched
    assert all("\u202f" not in a for a in re.findall(r'="([^"]*)"', html))
    english = table_phone.get("/me/quizzes/m1-quiz?lang=en").exact_text
    assert f"fidélité{N}?" in english  # content stays French, typeset in every language


def test_typography_can_be_turned_off_and_tests_read_pages_folded(app, table_phone):
    response = table_phone.get("/me/quizzes/m1-quiz")
    assert "Lisez ce tableau : quel indicateur mesure la fidélité ?" in response.text
    assert "fidélité ?" not in response.exact_text
    app.config["LEXOM_TYPOGRAPHY"] = False  # LEXOM_TYPOGRAPHY=0 in the environment
    html = table_phone.get("/me/quizzes/m1-quiz").exact_text
    assert "Lisez ce tableau : quel indicateur mesure la fidélité ?" in html
