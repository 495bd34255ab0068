"""A participant opens their link, reads a unit, marks it done, takes the m1 quiz, reads the
corrections, and runs into the attempt limit: through the real pages, forms and CSRF."""

from markupsafe import escape
from sqlalchemy import select

from lexom_learning.extensions import db
from lexom_learning.storage import Answer, CompletionEvent, QuizAttempt
from tests.conftest import csrf_token_from
from tests.learner.conftest import count_records
from tests.learner.quizforms import form_page, right_form, submit
from tests.typeset import plain


def text(value: str) -> str:
    """Return a content text as the page shows it (HTML-escaped), folded (tests/typeset.py)."""
    return plain(str(escape(value)))


def test_read_mark_done_take_quiz_review_and_hit_the_limit(phone, participant, course):
    home = phone.get("/me/").get_data(as_text=True)
    assert "Bonjour Camille Martin" in home
    assert participant.session.title in home
    assert "0 séquence faite sur 35" in home
    for module in course.modules:
        assert text(module.title) in home
        assert f'href="/me/modules/{module.id}"' in home
    assert "pas encore tenté (3 tentatives possibles)" in home
    assert f'href="/me/units/m1-u1">Commencer : {text(course.unit("m1-u1").title)}' in home

    module_page = phone.get("/me/modules/m1").get_data(as_text=True)
    m1 = course.module("m1")
    for unit in m1.units:
        assert f'href="/me/units/{unit.id}"' in module_page
    assert "Terminée" not in module_page
    assert 'href="/me/quizzes/m1-quiz"' in module_page

    # Read the first unit, then mark it done through its form.
    unit_page = phone.get("/me/units/m1-u1").get_data(as_text=True)
    assert plain(m1.units[0].html()) in unit_page
    assert 'rel="next" href="/me/units/m1-u2"' in unit_page
    assert 'href="/me/modules/m1"' in unit_page  # no previous unit: back to the module
    assert "Marquer comme terminé" in unit_page
    response = phone.post("/me/units/m1-u1/done", data={"csrf_token": csrf_token_from(unit_page)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/me/units/m1-u2")
    next_page = phone.get("/me/units/m1-u2").get_data(as_text=True)
    assert "séquence terminée." in next_page  # the confirmation follows to the next unit
    assert 'rel="prev" href="/me/units/m1-u1"' in next_page
    events = db.session.scalars(select(CompletionEvent)).all()
    assert [(e.verb, e.object_id, e.participant_id) for e in events] == [
        ("unit_done", "m1-u1", participant.id)
    ]

    done_page = phone.get("/me/units/m1-u1").get_data(as_text=True)
    assert "Vous avez terminé cette séquence." in done_page
    assert "Marquer comme terminé" not in done_page
    home = phone.get("/me/").get_data(as_text=True)
    assert "1 séquence faite sur 35" in home
    assert f'href="/me/units/m1-u2">Continuer : {text(course.unit("m1-u2").title)}' in home
    module_page = phone.get("/me/modules/m1").get_data(as_text=True)
    assert module_page.count("Terminée") == 1 and "1 séquence terminée sur 5" in module_page

    # Take the quiz: two wrong answers among seventeen.
    quiz = course.quiz("m1-quiz")
    quiz_page, _ = form_page(phone, "m1-quiz")
    assert "Tentative 1 sur 3" in quiz_page
    assert "il vous en restera 2 après celle-ci" in quiz_page
    data = right_form(quiz)
    data["q.m1-q3"] = "b"  # a raw figure from the CRM is not a KPI
    data["q.m1-q8"] = "12"  # the share in volume, not in value
    response = submit(phone, "m1-quiz", data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/me/quizzes/m1-quiz/attempts/1")

    attempt = db.session.scalar(select(QuizAttempt))
    assert (attempt.participant_id, attempt.number) == (participant.id, 1)
    assert (attempt.earned, attempt.possible) == (15, 17)
    answers = {a.question_id: a for a in db.session.scalars(select(Answer))}
    assert len(answers) == 17
    assert answers["m1-q3"].response == "b" and answers["m1-q3"].correct is False
    assert answers["m1-q7"].response is False and answers["m1-q7"].correct is True

    result = phone.get("/me/quizzes/m1-quiz/attempts/1").get_data(as_text=True)
    assert "15 / 17" in result and "88,2" in result
    assert "Quiz réussi" in result
    assert result.count("Réponse incorrecte") == 2
    assert result.count("Bonne réponse") == 15
    q3 = quiz.questions[2]
    chosen = next(o for o in q3.options if o.id == "b")
    assert text(chosen.text) in result  # the learner's own answer
    # Attempts are left: right or wrong per question, but no solution yet.
    q8 = quiz.questions[7]
    withheld = [chosen.feedback, q8.common_mistakes[0].feedback, "Réponse attendue : 15 %."]
    withheld += [question.explanation for question in quiz.questions]
    assert [t for t in withheld if text(t) in result] == []
    assert "Refaire le quiz (2 tentatives restantes)" in result

    home = phone.get("/me/").exact_text
    assert "meilleur score 88,2\u202f% · 1 tentative sur 3" in home

    # Two more attempts, then the quiz refuses a fourth with a clear 409 page.
    assert submit(phone, "m1-quiz", right_form(quiz)).status_code == 303
    assert "meilleur score 100\u202f% · 2 tentatives sur 3" in phone.get("/me/").exact_text
    # Full marks: the first attempt now shows its feedback and every explanation.
    result = phone.get("/me/quizzes/m1-quiz/attempts/1").get_data(as_text=True)
    assert text(chosen.feedback) in result  # the feedback of the option they chose
    assert text(q8.common_mistakes[0].feedback) in result  # the named mistake
    assert "Réponse attendue : 15 %." in result
    for question in quiz.questions:
        assert text(question.explanation) in result
    last_page, hidden = form_page(phone, "m1-quiz")
    assert "c'est votre dernière tentative" in last_page
    assert phone.post("/me/quizzes/m1-quiz", data={**hidden, **data}).status_code == 303
    refused = phone.get("/me/quizzes/m1-quiz")
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "Vous avez utilisé vos 3 tentatives." in html
    assert 'name="tentative"' not in html  # no form any more
    for number in (1, 2, 3):
        assert f'href="/me/quizzes/m1-quiz/attempts/{number}"' in html
    stored = count_records()
    late = phone.post("/me/quizzes/m1-quiz", data={**hidden, **data, "tentative": "4"})
    assert late.status_code == 409
    assert count_records() == stored
    assert "Vous avez utilisé toutes vos tentatives" in phone.get(
        "/me/quizzes/m1-quiz/attempts/3"
    ).get_data(as_text=True)

    progress = phone.get("/me/progress").get_data(as_text=True)
    assert "Mes objectifs" in progress
    for objective in course.objectives:
        assert text(objective.text) in progress


def test_a_resent_form_does_not_spend_another_attempt(phone, course):
    quiz = course.quiz("m1-quiz")
    _, hidden = form_page(phone, "m1-quiz")
    first = phone.post("/me/quizzes/m1-quiz", data={**hidden, **right_form(quiz)})
    assert first.status_code == 303
    again = phone.post("/me/quizzes/m1-quiz", data={**hidden, **right_form(quiz)})
    assert again.status_code == 303
    assert again.headers["Location"].endswith("/me/quizzes/m1-quiz/attempts/1")
    assert [a.number for a in db.session.scalars(select(QuizAttempt))] == [1]
    page = phone.get("/me/quizzes/m1-quiz/attempts/1").get_data(as_text=True)
    assert "Cette tentative a déjà été enregistrée" in page


def test_marking_a_unit_done_twice_records_it_once(phone, participant):
    token = csrf_token_from(phone.get("/me/units/m1-u5").get_data(as_text=True))
    first = phone.post("/me/units/m1-u5/done", data={"csrf_token": token})
    second = phone.post("/me/units/m1-u5/done", data={"csrf_token": token})
    # The last unit of a module leads back to the module page.
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"].endswith("/me/modules/m1")
    assert "était déjà marquée comme terminée" in phone.get("/me/modules/m1").get_data(as_text=True)
    events = db.session.scalars(select(CompletionEvent)).all()
    assert [(e.verb, e.object_id) for e in events] == [("unit_done", "m1-u5")]


def test_mark_done_without_csrf_token_is_refused(phone):
    assert phone.post("/me/units/m1-u1/done").status_code == 400
    assert count_records() == (0, 0, 0)


def test_a_twin_request_that_lost_the_race_shows_the_stored_attempt(phone, course, monkeypatch):
    from lexom_learning.services import learning
    from lexom_learning.services.errors import Conflict

    real = learning.submit_quiz

    def twin_first(participant, course, quiz_id, responses, key=None):
        real(participant, course, quiz_id, responses)  # another request commits first
        raise Conflict("Cette tentative a déjà été enregistrée.")

    monkeypatch.setattr(learning, "submit_quiz", twin_first)
    response = submit(phone, "m1-quiz", right_form(course.quiz("m1-quiz")))
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/me/quizzes/m1-quiz/attempts/1")
    assert [a.number for a in db.session.scalars(select(QuizAttempt))] == [1]


def test_a_conflict_from_the_service_gives_the_refusal_page(phone, course, monkeypatch):
    from lexom_learning.services import learning
    from lexom_learning.services.errors import Conflict

    def refused(*_args):
        raise Conflict("Vous avez utilisé vos 3 tentatives pour ce quiz.")

    monkeypatch.setattr(learning, "submit_quiz", refused)
    response = submit(phone, "m1-quiz", right_form(course.quiz("m1-quiz")))
    assert response.status_code == 409
    assert "Vous avez utilisé vos 3 tentatives pour ce quiz." in response.get_data(as_text=True)
    assert count_records() == (0, 0, 0)
