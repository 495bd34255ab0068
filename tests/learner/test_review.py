"""Reviewing an attempt (service and page), progress and objective attainment for the learner."""

import pytest
from sqlalchemy import select, update

from lexom_learning.extensions import db
from lexom_learning.quizzes import grade, matching, ordering
from lexom_learning.services import learning
from lexom_learning.services.errors import NotFound
from lexom_learning.storage import Answer, CompletionEvent
from lexom_learning.web.learner.answers import describe
from tests.learner.html import Page
from tests.learner.quizforms import ORDER_I1, ORDER_I2, right_form, submit


def _responses(quiz, **changes):
    """Return service-level responses answering everything right, but for ``changes``."""
    form = right_form(quiz)
    responses = {}
    for q in quiz.questions:
        if q.type == "ordering":
            responses[q.id] = ordering.answer_key(q)
        elif q.type == "matching":
            responses[q.id] = matching.answer_key(q)
        else:
            responses[q.id] = form[f"q.{q.id}"]
    responses.update({k.replace("_", "-"): v for k, v in changes.items()})
    return responses


def test_review_grades_the_stored_answers_again_for_their_feedback(participant, course):
    quiz = course.quiz("m1-quiz")
    for _ in range(quiz.max_attempts):  # no attempt left: the answers are revealed
        learning.submit_quiz(
            participant, course, "m1-quiz", _responses(quiz, m1_q5=["a", "c"], m1_q10="7,5")
        )
    review = learning.review_attempt(participant, course, "m1-quiz", 1)
    assert review.revealed
    by_id = {r.question_id: r for r in review.questions}
    assert [r.question_id for r in review.questions] == [q.id for q in quiz.questions]
    partial = by_id["m1-q5"]  # partial scoring: one right, one wrong ticked of two right
    assert (partial.earned, partial.possible, partial.correct, partial.partial) == (
        0,
        1,
        False,
        False,
    )
    assert "Le CA constate le résultat" in " ".join(partial.feedback)
    sign = by_id["m1-q10"]
    assert sign.response == "7,5" and sign.correct is False
    assert sign.feedback[0].startswith("Le calcul est juste mais le signe est faux")
    assert sign.explanation == quiz.questions[9].explanation
    assert by_id["m1-q1"].correct is True and by_id["m1-q1"].feedback == ()
    assert review.passed and not review.content_changed


def test_after_a_content_change_the_stored_score_stays_and_feedback_is_withheld(
    participant, course
):
    quiz = course.quiz("m1-quiz")
    for _ in range(quiz.max_attempts):
        learning.submit_quiz(participant, course, "m1-quiz", _responses(quiz, m1_q3="b"))
    changed = course.model_copy(update={"version": "another-version"})
    review = learning.review_attempt(participant, changed, "m1-quiz", 1)
    assert review.content_changed
    wrong = next(r for r in review.questions if r.question_id == "m1-q3")
    assert (wrong.correct, wrong.feedback) == (False, ())
    assert wrong.explanation  # still there to learn from


def test_another_participants_attempt_is_not_found(factories, participant, course):
    other = factories.ParticipantFactory(session=participant.session)
    learning.submit_quiz(other, course, "m1-quiz", _responses(course.quiz("m1-quiz")))
    with pytest.raises(NotFound):
        learning.review_attempt(participant, course, "m1-quiz", 1)
    with pytest.raises(NotFound):
        learning.review_attempt(other, course, "m2-quiz", 1)
    assert learning.review_attempt(other, course, "m1-quiz", 1).attempt.participant_id == other.id


def test_mark_unit_done_is_idempotent(participant, course):
    assert learning.mark_unit_done(participant, course, "m2-u3") is True
    assert learning.mark_unit_done(participant, course, "m2-u3") is False
    assert learning.units_done(participant) == {"m2-u3"}
    assert len(db.session.scalars(select(CompletionEvent)).all()) == 1
    with pytest.raises(NotFound):
        learning.mark_unit_done(participant, course, "m2-u99")


def test_every_answer_type_is_shown_in_words_on_the_result_page(all_types_phone, all_types_course):
    phone, _ = all_types_phone
    quiz = all_types_course.quiz("m1-quiz")
    data = {
        **right_form(quiz),
        "q.t-multi": ["a", "b"],  # one wrong tick: all or nothing
        ORDER_I1: "2",
        ORDER_I2: "1",
        "q.t-num": "12",  # a known mistake
        "q.t-likert": "5",
    }
    response = submit(phone, "m1-quiz", data)
    assert response.status_code == 303
    first = phone.get(response.headers["Location"]).get_data(as_text=True)
    assert "SECRET" not in first  # an attempt is left: no feedback or explanation yet
    assert submit(phone, "m1-quiz", data).status_code == 303  # the last attempt
    page = Page(phone.get(response.headers["Location"]).get_data(as_text=True))

    def item(question_id):
        return page.one("li", id=f"review-{question_id}")

    assert "Réponse incorrecte" in item("t-multi").text
    assert "Leads qualifiés" in item("t-multi").text
    assert "SECRETFB4 Retardé." in item("t-multi").text
    assert "SECRETEXPL2" in item("t-multi").text
    order = page.children(page.children(item("t-order"), "ol")[0], "li")
    assert [li.text for li in order] == [
        "Mesurer la conséquence",
        "Zéro - repérer la mutation",
        "Choisir le KPI",
    ]
    assert (
        "Votre réponse 12 %" in item("t-num").text
        and "SECRETFB6 Part en volume." in item("t-num").text
    )
    assert "IA générative → Technologique" in item("t-match").text
    assert "5 – Tout à fait" in item("t-likert").text and "Non notée" in item("t-likert").text
    assert "Très utile." in item("t-free").text
    assert "Vrai" not in item("t-tf").text and "Faux" in item("t-tf").text
    assert "Bonne réponse" in item("t-single").text and "SECRETFB2 Oui." in item("t-single").text
    score = page.one("section", class_="card score is-not-passed").text
    assert "4 / 7 points" in score and "57,1" in score and "pas encore atteint" in score


def test_progress_page_shows_modules_and_objective_levels(phone, participant, course):
    quiz = course.quiz("m1-quiz")
    learning.submit_quiz(participant, course, "m1-quiz", _responses(quiz, m1_q10="7,5"))
    learning.mark_unit_done(participant, course, "m1-u1")
    progress = phone.get("/me/progress")
    html = progress.get_data(as_text=True)
    page = Page(html)
    objectives = page.find_all("li", class_="card objective")
    assert len(objectives) == len(course.objectives) == 3
    texts = {
        o.id: next(li.text for li in objectives if o.text in li.text) for o in course.objectives
    }
    # obj-3 is evidenced by m1-q1, q2, q6, q10, q11 and q17: 5 of 6 right is 83,3 %, "acquis".
    assert "Acquis" in texts["obj-1"] and "100" in texts["obj-1"]
    assert "Acquis 83,3" in texts["obj-3"] and "d'après 6 éléments" in texts["obj-3"]
    assert "Pas encore de mesure" in texts["obj-2"]
    assert "1 séquence faite sur 35" in html
    assert "meilleur score 94,1\u202f% · 1 tentative sur 3" in progress.exact_text


def test_an_ordering_answer_stored_with_the_author_ids_is_reviewed_in_today_s_form(
    participant, course
):
    quiz = course.quiz("m1-quiz")
    question = course.question("m1-q2")
    reversed_order = ordering.answer_key(question)[::-1]
    for _ in range(quiz.max_attempts):  # no attempt left: the answers are revealed
        learning.submit_quiz(participant, course, "m1-quiz", _responses(quiz, m1_q2=reversed_order))
    first = learning.own_attempt(participant, "m1-quiz", 1)
    # As stored before the items had public ids: the author ids, in the learner's order
    # (written past the ORM, which keeps answers append-only).
    old = [item.id for item in reversed(question.items)]
    answers = Answer.__table__
    db.session.connection().execute(  # a connection: the session refuses it (guards.py)
        update(answers)
        .where(answers.c.question_id == "m1-q2", answers.c.attempt_id == first.id)
        .values(response=old)
    )
    db.session.commit()
    db.session.expire_all()
    review = learning.review_attempt(participant, course, "m1-quiz", 1)
    reviewed = next(r for r in review.questions if r.question_id == "m1-q2")
    assert reviewed.response == reversed_order
    regraded = grade(question, reviewed.response)
    assert (regraded.earned, regraded.correct) == (reviewed.earned, reviewed.correct) == (0, False)
    assert review.revealed and reviewed.feedback == regraded.feedback != ()
    assert describe(question, old) == [item.text for item in reversed(question.items)]
