"""The quiz page: every question type gets proper, labelled inputs, and never an answer."""

import pytest
from markupsafe import escape

from lexom_learning.quizzes import public_view
from tests.learner.html import Page


@pytest.fixture
def quiz_page(all_types_phone):
    phone, _ = all_types_phone
    response = phone.get("/me/quizzes/m1-quiz")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_choice_questions_are_radio_or_checkbox_groups_in_a_fieldset(quiz_page):
    page = Page(quiz_page)
    expected = {
        "t-single": ("radio", ["a", "b"]),
        "t-multi": ("checkbox", ["a", "b", "c"]),
        "t-tf": ("radio", ["true", "false"]),
        "t-likert": ("radio", ["1", "2", "3", "4", "5"]),
    }
    for question_id, (kind, values) in expected.items():
        inputs = page.by_name(f"q.{question_id}")
        # choice options come in the participant's own order (quizzes.shuffle)
        assert sorted((i.get("type"), i.get("value")) for i in inputs) == sorted(
            (kind, v) for v in values
        )
        fieldset = page.one("fieldset", id=f"question-{question_id}")
        assert all(i.ancestor("fieldset") is fieldset for i in inputs)
        assert page.children(fieldset, "legend")[0].text.startswith("Question ")
        for element in inputs:
            assert page.label_for(element.get("id")).text  # every option has its own label
    assert page.label_for("q_t-tf_true").text == "Vrai"
    assert page.label_for("q_t-likert_1").text == "1 – Pas du tout"
    assert page.label_for("q_t-likert_5").text == "5 – Tout à fait"
    assert page.label_for("q_t-single_b").text == "Taux de réachat"


def test_numeric_is_a_decimal_text_input_showing_its_unit(quiz_page):
    page = Page(quiz_page)
    (field,) = page.by_name("q.t-num")
    assert (field.tag, field.get("type"), field.get("inputmode")) == ("input", "text", "decimal")
    assert "Quelle est la part de marché en valeur ?" in page.label_for(field.get("id")).text
    described = field.get("aria-describedby").split()
    assert "unit_t-num" in described and "hint_t-num" in described
    assert page.one("span", id="unit_t-num").text == "Unité : %"


def test_text_questions_are_labelled_inputs_and_textareas(quiz_page):
    page = Page(quiz_page)
    (short,) = page.by_name("q.t-short")
    assert (short.tag, short.get("type"), short.get("maxlength")) == ("input", "text", "200")
    assert "six lettres" in page.label_for(short.get("id")).text
    (free,) = page.by_name("q.t-free")
    assert (free.tag, free.get("maxlength")) == ("textarea", "300")
    assert "facultative" in page.label_for(free.get("id")).text


def test_ordering_has_a_rank_select_per_item_in_the_public_order(quiz_page, all_types_course):
    page = Page(quiz_page)
    question = all_types_course.question("t-order")
    public_ids = [item["id"] for item in public_view(question)["items"]]
    assert public_ids != [item.id for item in question.items]  # the page order gives nothing away
    selects = [e for e in page.find_all("select") if e.get("name", "").startswith("q.t-order.")]
    assert [s.get("name") for s in selects] == [f"q.t-order.{i}" for i in public_ids]
    for select in selects:
        options = page.children(select, "option")
        assert [o.get("value") for o in options] == ["", "1", "2", "3"]
        assert page.label_for(select.get("id")).text.startswith("Rang de : ")
        assert select.ancestor("fieldset").get("id") == "question-t-order"


def test_matching_has_a_select_per_left_item(quiz_page, all_types_course):
    page = Page(quiz_page)
    question = all_types_course.question("t-match")
    rights = [r["id"] for r in public_view(question)["right"]]
    for pair in question.pairs:
        select = page.one("select", name=f"q.t-match.{pair.id}")
        assert page.label_for(select.get("id")).text == pair.left
        assert [o.get("value") for o in page.children(select, "option")] == ["", *rights]


def test_the_form_posts_with_csrf_and_names_its_attempt(quiz_page):
    page = Page(quiz_page)
    form = page.one("form", action="/me/quizzes/m1-quiz")
    assert form.get("method") == "post"
    # The header's sign-out button is a form with its own token.
    assert form in [i.ancestor("form") for i in page.find_all("input", name="csrf_token")]
    assert page.one("input", name="tentative").get("value") == "1"
    assert "Tentative 1 sur 2" in quiz_page and "il vous en restera 1" in quiz_page


def test_no_answer_feedback_or_explanation_reaches_the_quiz_page(quiz_page):
    # Every answer, feedback and explanation of the test quiz carries a marker.
    for secret in ("SECRET", "ZORGLUB", "987", "correct", "feedback", "explanation"):
        assert secret not in quiz_page


def test_no_module_quiz_page_shows_feedback_or_explanations(phone, course):
    for module in course.modules:
        quiz = module.quizzes[0]
        html = phone.get(f"/me/quizzes/{quiz.id}").get_data(as_text=True)
        for question in quiz.questions:
            hidden = [question.explanation, question.feedback_incorrect]
            hidden += [o.feedback for o in getattr(question, "options", ())]
            hidden += [m.feedback for m in getattr(question, "common_mistakes", ())]
            for text in filter(None, hidden):
                assert str(escape(text)) not in html, (question.id, text)
            assert f'value="{question.id}"' not in html
        attributes = " ".join(f"{k}={v}" for e in Page(html).elements for k, v in e.attrs.items())
        for word in ("correct", "feedback", "explanation", "answer", "accepted"):
            assert word not in attributes


def assert_labelled_and_described(html: str) -> None:
    """Check ids are unique, every control has a label and every description exists."""
    page = Page(html)
    ids = [e.get("id") for e in page.elements if e.get("id")]
    assert len(ids) == len(set(ids))
    controls = [
        e
        for e in page.elements
        if e.tag in ("input", "select", "textarea") and e.get("type") != "hidden"
    ]
    assert controls
    for control in controls:
        assert page.label_for(control.get("id")).text
    for element in page.elements:
        for target in (element.get("aria-describedby") or "").split():
            page.by_id(target)


def test_every_control_of_the_all_types_quiz_is_labelled(quiz_page):
    assert_labelled_and_described(quiz_page)


def test_every_control_of_a_real_module_quiz_is_labelled(phone):
    assert_labelled_and_described(phone.get("/me/quizzes/m2-quiz").get_data(as_text=True))


def test_the_learner_stylesheet_and_script_are_served(quiz_page, client):
    assert 'href="/static/learner.css"' in quiz_page
    assert 'src="/static/learner.js" defer' in quiz_page
    assert client.get("/static/learner.css").status_code == 200
    assert client.get("/static/learner.js").status_code == 200
