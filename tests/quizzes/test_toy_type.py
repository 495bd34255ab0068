"""A question type added in a test alone works through every adapter (issue 14, point 1).

The toy type « colour » lives in this file only. It is put in a temporary registry
(``quizzes.using``), a one-question quiz and a one-question live set are built with it, and it
goes through the web quiz, the JSON API, the live service's tally and the quiz XBlock, with no
other file knowing it. A scan of the package checks that no adapter switches on a type.
"""

import re
from pathlib import Path
from typing import Any, ClassVar, Literal

import pytest

from lexom_learning.extensions import db
from lexom_learning.quizzes import Bar, QuestionKind, ResponseError, current, known_types, using
from lexom_learning.quizzes.base import KEEP, Gettext, QuestionSpec, public_fields, scored
from lexom_learning.services import live_results
from lexom_learning.storage import LiveRun
from lexom_learning.web.content import CourseRepository
from tests.api.helpers import Api
from tests.learner.conftest import open_link
from tests.learner.quizforms import submit
from tests.live.conftest import LiveApi

PALETTE = {"red": "Rouge", "green": "Vert", "blue": "Bleu"}
QUIZ, LIVE_SET, QUESTION = "m1-quiz", "live-day1", "toy-colour"


class ColourSpec(QuestionSpec):
    """Name the colour of something."""

    type: Literal["colour"]
    answer: Literal["red", "green", "blue"]


class Colour(QuestionKind):
    """A colour picker, drawn with the single-choice widget."""

    name = "colour"
    spec_model = ColourSpec
    widget: ClassVar[str] = "single_choice"

    def validate_response(self, spec: ColourSpec, response: Any) -> str:
        """Return the colour id."""
        if response not in PALETTE:
            raise ResponseError("Choisissez une couleur.")
        return response

    def grade(self, spec: ColourSpec, response: str) -> Any:
        """All or nothing, with a word on a wrong colour."""
        right = response == spec.answer
        return scored(spec, 1.0 if right else 0.0, self.feedback(spec, response, right))

    def feedback(self, spec: ColourSpec, value: str, correct: bool | None) -> list[str]:
        """A word on a wrong colour (also shown from a stored result, without grading)."""
        return [] if correct else ["Regardez mieux."]

    def public(self, spec: ColourSpec) -> dict[str, Any]:
        """Return the prompt and the palette."""
        options = [{"id": k, "text": v} for k, v in PALETTE.items()]
        return {**public_fields(spec), "options": options}

    def solution(self, spec: ColourSpec) -> str:
        """Return the right colour."""
        return spec.answer

    def describe(self, spec: ColourSpec, value: Any, gettext: Gettext = KEEP) -> list[str]:
        """Return the colour's name."""
        return [PALETTE[value]]

    def chosen(self, spec: ColourSpec, value: Any) -> list[str]:
        """Return the colour picked."""
        return [value]

    def bars(self, spec: ColourSpec, values: list, right: int, answered: int) -> list[Bar]:
        """Return one bar per colour."""
        return [Bar(k, v, values.count(k), k == spec.answer) for k, v in PALETTE.items()]


TOY = ColourSpec(
    id=QUESTION,
    type="colour",
    prompt="De quelle couleur est le feu qui autorise à passer ?",
    explanation="Le feu vert autorise le passage.",
    objectives=("obj-1",),
    answer="green",
)


def with_toy(course):
    """Return a copy of the course whose module quiz and live set hold the toy question only."""

    def fresh(model, **update):
        copy = model.model_copy(update=update)
        for cached in ("_modules", "_quizzes", "_questions", "_units"):
            copy.__dict__.pop(cached, None)
        return copy

    module = next(m for m in course.modules if any(q.id == QUIZ for q in m.quizzes))
    quizzes = [fresh(q, questions=[TOY]) if q.id == QUIZ else q for q in module.quizzes]
    modules = [fresh(m, quizzes=quizzes) if m is module else m for m in course.modules]
    live = [fresh(q, questions=[TOY]) if q.id == LIVE_SET else q for q in course.live_quizzes]
    return fresh(course, modules=modules, live_quizzes=live)


@pytest.fixture
def toy_registry():
    """The shipped types and the toy one, in use for the test only."""
    with using(current().extended(Colour)) as registry:
        yield registry
    assert "colour" not in known_types()  # the standard registry never saw it


@pytest.fixture
def toy_course(app, course, toy_registry):
    """Serve a course whose quiz and live set ask the toy question."""
    toy = with_toy(course)
    app.extensions["lexom_courses"] = CourseRepository([toy])
    return toy


def test_the_web_quiz_draws_grades_and_reviews_the_toy_question(app, factories, toy_course):
    participant = factories.ParticipantFactory(session__course_id=toy_course.id)
    phone = open_link(app, participant)
    page = phone.get(f"/me/quizzes/{QUIZ}").get_data(as_text=True)
    assert "De quelle couleur" in page
    for colour, name in PALETTE.items():
        assert f'value="{colour}"' in page and name in page
    refused = submit(phone, QUIZ, {f"q.{QUESTION}": "purple"})
    assert refused.status_code == 422 and "Choisissez une couleur." in refused.get_data(True)
    sent = submit(phone, QUIZ, {f"q.{QUESTION}": "red"})
    assert sent.status_code in (302, 303), sent.get_data(as_text=True)
    review = phone.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Rouge" in review  # the response in words, from the type
    assert "0 / 1" in review


def test_the_api_shows_the_public_view_and_grades_an_attempt(client, factories, toy_course):
    api = Api(client)
    participant = factories.ParticipantFactory(session__course_id=toy_course.id)
    shown = api.get(f"/me/quizzes/{QUIZ}", participant).get_json()
    [question] = shown["questions"]
    assert question["type"] == "colour" and "answer" not in question
    assert {o["id"] for o in question["options"]} == set(PALETTE)
    body = {"responses": {QUESTION: "green"}}
    graded = api.post(f"/me/quizzes/{QUIZ}/attempts", participant, body)
    assert graded.status_code == 201, graded.get_data(as_text=True)
    data = graded.get_json()
    assert (data["earned"], data["possible"], data["passed"]) == (1, 1, True)
    bad = api.post(f"/me/quizzes/{QUIZ}/attempts", participant, {"responses": {QUESTION: 7}})
    assert bad.status_code == 422


def test_the_live_tally_counts_the_toy_answers_into_the_type_s_bars(
    client, factories, toy_course, toy_registry, monkeypatch
):
    kind = toy_registry.get("colour")
    validated = []
    check = kind.validate_response

    def counted(spec, response):
        validated.append(response)
        return check(spec, response)

    monkeypatch.setattr(kind, "validate_response", counted)
    session = factories.SessionFactory(course_id=toy_course.id)
    people = [factories.ParticipantFactory(session=session) for _ in range(3)]
    api = LiveApi(client)
    lid = api.post(
        f"/sessions/{session.id}/live-quizzes", session.trainer, {"quiz_id": LIVE_SET}
    ).get_json()["id"]
    assert api.post(f"/live-quizzes/{lid}/next", session.trainer).status_code == 200
    for person, colour in zip(people, ("green", "green", "blue"), strict=True):
        assert api.answer(person, lid, QUESTION, colour).status_code in (200, 201)
    assert api.answer(people[0], lid, QUESTION, "purple").status_code == 422
    assert api.post(f"/live-quizzes/{lid}/close", session.trainer).status_code == 200
    run = db.session.get(LiveRun, lid)
    [result] = live_results.results(run, toy_course).questions
    bars = [(b.key, b.label, b.count, b.correct) for b in result.tally.bars]
    assert bars == [
        ("red", "Rouge", 0, False),
        ("green", "Vert", 2, True),
        ("blue", "Bleu", 1, False),
    ]
    assert (result.tally.answered, result.tally.correct) == (3, 2)
    mine = api.get(f"/live-quizzes/{lid}", people[2]).get_json()["current"]
    assert mine["mine"]["text"] == "Bleu" and mine["mine"]["chosen"] == ["blue"]
    assert mine["result"]["solution_text"] == "Vert"
    assert mine["result"]["feedback"] == ["Regardez mieux."]
    api.get(f"/live-quizzes/{lid}/results", session.trainer)
    # Each answer was validated once, when it came in, the refused one too: the phone (its
    # feedback included), the tally and the results read the stored, normalised response.
    assert validated == ["green", "green", "blue", "purple"]


def test_the_quiz_xblock_draws_and_grades_the_toy_question(monkeypatch, course, toy_registry):
    from lexom_learning.xblocks import content
    from tests.xblocks.runtime import Store

    monkeypatch.setattr(content, "course", lambda course_id=None: with_toy(course))
    store = Store()
    block = store.block(store.parse(f'<lexom_quiz quiz_id="{QUIZ}"/>'))
    html = store.view(block).content
    assert f'data-question-id="{QUESTION}"' in html and 'data-widget="single_choice"' in html
    assert all(f'value="{colour}"' in html for colour in PALETTE)
    reply = store.call(block, "submit", {"responses": {QUESTION: "green"}})
    assert reply.status == 200, reply.body
    assert reply.body["earned"] == reply.body["possible"] == 1


# A question's type compared with a type name, or looked up in a set of names (``a.type ==
# b.type``, two questions of the same type, is no switch).
SWITCH = re.compile(r"\.type\s*(===?|!==?)\s*[\"']|\.type\s+(not\s+)?in\b")
TOKEN_TYPES = re.compile(r"\b(token|child)\.type\s*[=!]=")  # markdown-it tokens, not questions


def test_no_adapter_switches_on_a_question_type():
    package = Path(__file__).resolve().parents[2] / "lexom_learning"
    found = []
    for path in package.rglob("*"):
        if (
            path.suffix not in (".py", ".html", ".js")
            or "quizzes" in path.relative_to(package).parts[:1]
        ):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SWITCH.search(line) and not TOKEN_TYPES.search(line):
                found.append(f"{path.relative_to(package)}:{number}: {line.strip()}")
    assert found == []
