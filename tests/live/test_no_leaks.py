"""Nothing a participant's device can fetch carries a correct answer, or anyone else's answer,
before the question is closed: every response they can get is inspected."""

import json

import pytest
from markupsafe import escape

from tests.api.helpers import right_response, wrong_response
from tests.conftest import csrf_token_from

FORBIDDEN_KEYS = {
    "correct",
    "solution",
    "solution_text",
    "explanation",
    "feedback",
    "result",
    "answer",
    "accepted",
    "counts",
    "answered",
    "earned",
}


def _keys(value, found=None):
    found = set() if found is None else found
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            _keys(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys(item, found)
    return found


def _secrets(spec, others):
    texts = [spec.explanation, spec.feedback_incorrect, *others]
    texts += [o.feedback for o in getattr(spec, "options", ())]
    texts += [m.feedback for m in getattr(spec, "common_mistakes", ())]
    return [t for t in texts if t and t not in spec.prompt]


class Phone:
    """Everything a participant's device can ask for, through the API and the phone page."""

    def __init__(self, app, api, sign_in, participant):
        self.api, self.participant = api, participant
        self.browser = sign_in(app.test_client(), participant)
        self.seen: list[tuple[str, int, str]] = []

    def _keep(self, what, response):
        self.seen.append((what, response.status_code, response.get_data(as_text=True)))
        return response

    def everything(self, lid, question_id, response):
        """Fetch every view and try every refused door; return what was sent back."""
        self.seen = []
        api, me = self.api, self.participant
        self._keep("api state", api.state(me, lid))
        self._keep("api answer", api.answer(me, lid, question_id, response))
        self._keep("api answer again", api.answer(me, lid, question_id, response))
        self._keep("api state after answer", api.state(me, lid))
        self._keep("api results", api.results(me, lid))
        page = self._keep("phone page", self.browser.get("/me/live"))
        token = csrf_token_from(
            page.get_data(as_text=True).replace(
                'name="csrf-token" content', 'name="csrf_token" value'
            )
        )
        self._keep("phone panel", self.browser.get("/me/live/panel"))
        self._keep(
            "phone answer",
            self.browser.put(
                f"/me/live/{lid}/answers/{question_id}",
                json={"response": response},
                headers={"X-CSRFToken": token},
            ),
        )
        for path in ("", "/panel", "/projector", "/board", "/results"):
            self._keep(f"trainer page {path}", self.browser.get(f"/trainer/live/{lid}{path}"))
        return self.seen


QUESTIONS = ["l1-q1", "l1-q3", "l1-q4", "l1-q5"]  # single, true/false, numeric, multiple
# Anywhere in a participant's JSON: nobody else's answers, no correction of the open question.
NEVER = {"counts", "participants", "leaderboard", "solution", "explanation", "feedback", "result"}


def _check(seen, hidden, question_open):
    for what, status, body in seen:
        assert status < 500, (what, body)
        if what.startswith(("trainer page", "api results")):
            assert status in (403, 404), (what, status)
            continue
        for text in hidden:
            assert text not in body and str(escape(text)) not in body, (what, text)
        if not question_open:
            continue  # the previous question, closed, may show its own correction
        if what in ("api answer", "phone answer", "api state", "phone panel"):
            assert status == 200, (what, status, body)
        assert "is-correct" not in body and "bonne réponse" not in body.lower(), what
        if body.lstrip().startswith("{"):
            data = json.loads(body)
            assert not _keys(data) & (NEVER - {"leaderboard"}), (what, _keys(data) & NEVER)
            current = data.get("current") or {}
            assert not _keys(current) & FORBIDDEN_KEYS, (what, _keys(current) & FORBIDDEN_KEYS)


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_nothing_reaches_a_phone_before_closing(app, api, room, sign_in, course, question_id):
    live_set = course.quiz("live-day1")
    index = [q.id for q in live_set.questions].index(question_id)
    spec = course.question(question_id)
    lid = api.start(room)
    for _ in range(index):  # earlier questions asked and closed
        api.move(room, lid, "next")
        api.move(room, lid, "close")
    alice = Phone(app, api, sign_in, room.alice)
    hidden = _secrets(spec, [room.bob.name, room.bob.email])

    _check(alice.everything(lid, question_id, right_response(spec)), hidden, False)
    api.move(room, lid, "next")
    # Bob answers first, so that Alice could only learn his answer from a leak.
    api.answer(room.bob, lid, question_id, wrong_response(spec))
    seen = alice.everything(lid, question_id, right_response(spec))
    seen += alice.everything(lid, question_id, wrong_response(spec))
    _check(seen, hidden, True)


def test_receipts_for_a_right_and_a_wrong_answer_say_the_same(api, room, course):
    spec = course.quiz("live-day1").questions[0]
    lid = api.start(room)
    api.move(room, lid, "next")
    right = api.answer(room.alice, lid, spec.id, right_response(spec)).get_json()
    wrong = api.answer(room.bob, lid, spec.id, wrong_response(spec)).get_json()
    assert right == wrong


def test_after_closing_a_phone_learns_whether_it_was_right(api, room, course):
    spec = course.quiz("live-day1").questions[0]
    lid = api.start(room)
    api.move(room, lid, "next")
    api.answer(room.alice, lid, spec.id, right_response(spec))
    api.answer(room.bob, lid, spec.id, wrong_response(spec))
    api.move(room, lid, "close")
    alice = api.state(room.alice, lid).get_json()["current"]
    bob = api.state(room.bob, lid).get_json()["current"]
    chloe = api.state(room.participants[2], lid).get_json()["current"]
    assert (alice["result"]["correct"], bob["result"]["correct"]) == (True, False)
    assert alice["result"]["explanation"] == spec.explanation
    assert alice["result"]["solution"] == right_response(spec)
    assert bob["mine"]["response"] == wrong_response(spec) and bob["result"]["feedback"]
    assert chloe["mine"] is None and chloe["result"]["answered"] is False
    # Still nobody else's answer: Alice's view names only her own.
    assert room.bob.name not in json.dumps(alice, ensure_ascii=False)
