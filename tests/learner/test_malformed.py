"""Incomplete, malformed or tampered quiz forms: a 422 page with the errors where they belong,
what the learner typed kept, and nothing stored."""

import pytest

from lexom_learning.quizzes.matching import answer_key
from tests.learner.conftest import count_records
from tests.learner.html import Page
from tests.learner.quizforms import ORDER_I1, ORDER_I2, form_page, right_form


def _set(name, value):
    return lambda data: data.__setitem__(name, value)


def _drop(name):
    return lambda data: data.pop(name)


PER_QUESTION = [
    ("unknown option", _set("q.t-single", "zz"), "t-single", "Option inconnue : zz."),
    ("unknown checkbox", _set("q.t-multi", ["a", "zz"]), "t-multi", "Choix inconnu : zz."),
    ("text in a number", _set("q.t-num", "douze"), "t-num", "« douze » n'est pas un nombre"),
    ("two decimal marks", _set("q.t-num", "1,5.2"), "t-num", "soit la virgule, soit le point"),
    ("blank number", _set("q.t-num", ""), "t-num", "Répondez à cette question."),
    ("missing answer", _drop("q.t-short"), "t-short", "Répondez à cette question."),
    ("nothing ticked", _drop("q.t-multi"), "t-multi", "Répondez à cette question."),
    ("two radios", _set("q.t-single", ["a", "b"]), "t-single", "Une seule réponse est attendue."),
    ("neither true nor false", _set("q.t-tf", "peut-être"), "t-tf", "Répondez par vrai ou faux."),
    ("likert outside", _set("q.t-likert", "9"), "t-likert", "Choisissez une valeur entre 1 et 5."),
    ("likert not a number", _set("q.t-likert", "beaucoup"), "t-likert", "Choisissez un point"),
    ("likert superscript", _set("q.t-likert", "²"), "t-likert", "Choisissez un point"),
    (
        "rank outside",
        _set(ORDER_I1, "7"),
        "t-order",
        "Rang inconnu : choisissez un rang entre 1 et 3.",
    ),
    ("rank superscript", _set(ORDER_I1, "²"), "t-order", "Rang inconnu"),
    ("rank twice", _set(ORDER_I1, "2"), "t-order", "rang 2 donné plusieurs fois"),
    ("rank missing", _drop(ORDER_I2), "t-order", "Donnez un rang à chacun des 3 éléments."),
    ("unknown match", _set("q.t-match.p1", "p9"), "t-match", "Association inconnue"),
    ("match missing", _drop("q.t-match.p2"), "t-match", "Associez chacun des 3 éléments."),
    ("comment too long", _set("q.t-free", "x" * 400), "t-free", "Texte trop long : 400 caractères"),
    ("short text too long", _set("q.t-short", "y" * 201), "t-short", "Réponse trop longue"),
]


@pytest.mark.parametrize(
    ("mutate", "question_id", "message"),
    [case[1:] for case in PER_QUESTION],
    ids=[case[0] for case in PER_QUESTION],
)
def test_a_bad_answer_is_shown_at_its_question_and_nothing_is_stored(
    all_types_phone, all_types_course, mutate, question_id, message
):
    phone, _ = all_types_phone
    _, hidden = form_page(phone, "m1-quiz")
    data = right_form(all_types_course.quiz("m1-quiz"))
    mutate(data)
    response = phone.post("/me/quizzes/m1-quiz", data={**hidden, **data})

    assert response.status_code == 422
    assert count_records() == (0, 0, 0)
    html = response.get_data(as_text=True)
    page = Page(html)
    error = page.one("p", id=f"err_{question_id}")
    assert message in html and error.text.startswith("Erreur :")
    # Only that question is in error, and the error summary links to its first input.
    assert [p.get("id") for p in page.find_all("p", class_="field-error")] == [f"err_{question_id}"]
    summary = page.one("div", class_="error-summary")
    (link,) = page.children(summary, "a")
    target = page.by_id(link.get("href").removeprefix("#"))
    assert target.tag in ("input", "select", "textarea")
    assert target.get("name", "").startswith(f"q.{question_id}")
    # The error is tied to the question (its fieldset, or its one input) for screen readers.
    holder = page.by_id(f"question-{question_id}")
    if holder.tag != "fieldset":
        (holder,) = page.by_name(f"q.{question_id}")
        assert holder.get("aria-invalid") == "true"
    assert f"err_{question_id}" in holder.get("aria-describedby").split()
    # What the learner gave is kept: valid answers elsewhere, and the faulty one itself.
    assert "checked" in page.by_id("q_t-single_b").attrs or question_id == "t-single"
    assert page.one("input", name="q.t-num").get("value") == data.get("q.t-num", "")
    options = page.children(page.one("select", name="q.t-match.p3"), "option")
    kept = answer_key(all_types_course.question("t-match"))["p3"]
    assert [o.get("value") for o in options if "selected" in o.attrs] == [kept]


TAMPERED = [
    ("unknown field", lambda data: data.__setitem__("q.t-hack", "1")),
    ("unknown item of an ordering", lambda data: data.__setitem__("q.t-order.i9", "1")),
    ("author id of an ordering item", lambda data: data.__setitem__("q.t-order.i1", "1")),
    ("unknown pair of a matching", lambda data: data.__setitem__("q.t-match.p9", "p1")),
    ("sub-field on a simple question", lambda data: data.__setitem__("q.t-single.a", "a")),
    ("no attempt number", lambda data: data.pop("tentative")),
    ("attempt from the future", lambda data: data.__setitem__("tentative", "5")),
    ("attempt not a number", lambda data: data.__setitem__("tentative", "un")),
    ("attempt superscript", lambda data: data.__setitem__("tentative", "¹")),
]


@pytest.mark.parametrize("mutate", [c[1] for c in TAMPERED], ids=[c[0] for c in TAMPERED])
def test_a_tampered_form_is_refused_with_a_form_error(all_types_phone, all_types_course, mutate):
    phone, _ = all_types_phone
    _, hidden = form_page(phone, "m1-quiz")
    data = {**hidden, **right_form(all_types_course.quiz("m1-quiz"))}
    mutate(data)
    response = phone.post("/me/quizzes/m1-quiz", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Vos réponses n'ont pas été enregistrées" in html
    assert "Le formulaire reçu ne correspond pas à ce quiz." in html
    assert 'name="q.t-hack"' not in html and 'name="q.t-order.i9"' not in html
    assert 'name="q.t-order.i1"' not in html
    assert Page(html).one("input", name="tentative").get("value") == "1"
    assert count_records() == (0, 0, 0)


def test_an_empty_form_lists_every_required_question(all_types_phone, all_types_course):
    phone, _ = all_types_phone
    _, hidden = form_page(phone, "m1-quiz")
    response = phone.post("/me/quizzes/m1-quiz", data=hidden)
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    in_error = [p.get("id") for p in page.find_all("p", class_="field-error")]
    required = [q.id for q in all_types_course.quiz("m1-quiz").questions if q.id != "t-free"]
    assert in_error == [f"err_{q}" for q in required]  # the optional comment may stay empty
    assert "8 questions à compléter ou à corriger" in response.get_data(as_text=True)
    assert count_records() == (0, 0, 0)


def test_a_complete_form_with_an_empty_optional_comment_is_stored(
    all_types_phone, all_types_course
):
    phone, participant = all_types_phone
    _, hidden = form_page(phone, "m1-quiz")
    data = {**hidden, **right_form(all_types_course.quiz("m1-quiz")), "q.t-free": ""}
    response = phone.post("/me/quizzes/m1-quiz", data=data)
    assert response.status_code == 303
    assert count_records()[:2] == (1, 9)
