"""Messages of the core: French templates, filled in French by str(), translated where shown."""

import pytest

from lexom_learning.live import IllegalMove, apply, waiting
from lexom_learning.quizzes import Blank, ResponseError, grade, grade_all, parse_question
from lexom_learning.translatable import N_, Message, TranslatableError

ENGLISH = {
    "La réponse doit être un nombre.": "The answer must be a number.",
    "Option inconnue : %(option)s.": "Unknown option: %(option)s.",
    "Répondez à cette question.": "Answer this question.",
    "Aucune question n'est ouverte.": "No question is open.",
}


def english(template: str) -> str:
    return ENGLISH.get(template, template)


def test_a_message_is_french_until_translated():
    message = Message("Option inconnue : %(option)s.", {"option": "z"})
    assert str(message) == "Option inconnue : z."
    assert message.translate(english) == "Unknown option: z."
    assert message.translate(lambda s: s) == str(message)


def test_a_template_without_values_keeps_its_percent_signs():
    assert str(Message("Taux (%) du module")) == "Taux (%) du module"
    assert N_("Taux (%)") == "Taux (%)"


def test_values_are_never_read_as_placeholders():
    message = Message("Option inconnue : %(option)s.", {"option": "%(evil)s 100 %"})
    assert message.translate(english) == "Unknown option: %(evil)s 100 %."


def test_an_error_carries_its_template_and_values():
    error = TranslatableError("Option inconnue : %(option)s.", option="b")
    assert str(error) == "Option inconnue : b."
    assert error.text == Message("Option inconnue : %(option)s.", {"option": "b"})
    assert error.translate(english) == "Unknown option: b."


SINGLE = {
    "id": "q",
    "type": "single_choice",
    "prompt": "?",
    "options": [{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B"}],
    "explanation": "A.",
}
NUMERIC = {"id": "n", "type": "numeric", "prompt": "?", "answer": 2, "explanation": "2."}


def test_the_quiz_engine_refuses_in_the_language_of_the_caller():
    question = parse_question(SINGLE)
    with pytest.raises(ResponseError) as error:
        grade(question, "z")
    assert str(error.value) == "Option inconnue : z."
    assert error.value.translate(english) == "Unknown option: z."


def test_grade_all_translates_its_own_messages_and_the_engines():
    questions = [
        (parse_question(SINGLE), Blank.REQUIRED),
        (parse_question(NUMERIC), Blank.REQUIRED),
    ]
    graded = grade_all(questions, {"q": "z"}, english)
    assert graded.errors == {"q": "Unknown option: z.", "n": "Answer this question."}
    french = grade_all(questions, {"q": "z", "n": "douze"})
    assert french.errors["q"] == "Option inconnue : z."
    assert french.errors["n"].startswith("« douze » n'est pas un nombre")


def test_an_illegal_live_move_is_translatable():
    with pytest.raises(IllegalMove) as error:
        apply(waiting(3), "close")
    assert str(error.value) == "Aucune question n'est ouverte."
    assert error.value.translate(english) == "No question is open."
